from django.db import models
from django.utils.translation import gettext_lazy as _


class Promiser(models.TextChoices):
    COMPANY = "company", _("The company")
    CITY = "city", _("The city")


class Area(models.TextChoices):
    DATA_GOVERNANCE = "data_governance", _("Data governance")
    WORKERS_RIGHTS = "workers_rights", _("Workers' rights")
    OTHER = "other", _("Other")


class Principle(models.TextChoices):
    # Data governance, after the Cities Coalition for Digital Rights.
    UNIVERSAL_ACCESS = "universal_access", _("Universal access and digital literacy")
    PRIVACY = "privacy", _("Privacy, data protection and security")
    TRANSPARENCY = "transparency", _("Transparency, accountability and non-discrimination")
    PARTICIPATION = "participation", _("Participatory democracy, diversity and inclusion")
    OPEN_STANDARDS = "open_standards", _("Open and ethical digital service standards")
    # Workers' rights, after Fairwork's five principles.
    FAIR_PAY = "fair_pay", _("Fair pay")
    FAIR_CONDITIONS = "fair_conditions", _("Fair conditions")
    FAIR_CONTRACTS = "fair_contracts", _("Fair contracts")
    FAIR_MANAGEMENT = "fair_management", _("Fair management")
    FAIR_REPRESENTATION = "fair_representation", _("Fair representation")
    OTHER = "other", _("Other")


PRINCIPLES_BY_AREA = {
    Area.DATA_GOVERNANCE: (
        Principle.UNIVERSAL_ACCESS,
        Principle.PRIVACY,
        Principle.TRANSPARENCY,
        Principle.PARTICIPATION,
        Principle.OPEN_STANDARDS,
    ),
    Area.WORKERS_RIGHTS: (
        Principle.FAIR_PAY,
        Principle.FAIR_CONDITIONS,
        Principle.FAIR_CONTRACTS,
        Principle.FAIR_MANAGEMENT,
        Principle.FAIR_REPRESENTATION,
    ),
    Area.OTHER: (Principle.OTHER,),
}


class CompletionLevel(models.TextChoices):
    """After the Open Government Partnership's reporting scale, plus two end states."""

    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    BROKEN = "broken", _("Broken")


# Levels at which a commitment is finished and can no longer be overdue.
FINISHED_LEVELS = (CompletionLevel.COMPLETE, CompletionLevel.WITHDRAWN, CompletionLevel.BROKEN)
OPEN_LEVELS = tuple(level for level in CompletionLevel if level not in FINISHED_LEVELS)


class FlagKind(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due soon")


class NotificationKind(models.TextChoices):
    FLAG_RAISED = "flag_raised", _("New flags")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")
