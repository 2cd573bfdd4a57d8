from django.db import models
from django.utils.translation import gettext_lazy as _

from ambassador.core.choices import ReviewState

__all__ = [
    "CLOSED_STAGES", "Confidentiality", "MeetingFormat", "NegotiationStage", "ReviewState", "WithholdingGround",
]


class NegotiationStage(models.TextChoices):
    SCOPING = "scoping", _("Scoping")
    ACTIVE = "active", _("Active")
    AGREEMENT_REACHED = "agreement_reached", _("Agreement reached")
    STALLED = "stalled", _("Stalled")
    CONCLUDED = "concluded", _("Concluded")
    ABANDONED = "abandoned", _("Abandoned")


# Stages after which a negotiation is over and carries a closed date.
CLOSED_STAGES = (NegotiationStage.CONCLUDED, NegotiationStage.ABANDONED)


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone call")
    SITE_VISIT = "site_visit", _("Site visit")
    EVENT = "event", _("Event or reception")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted (minutes withheld)")
    CONFIDENTIAL = "confidential", _("Confidential (withheld until release)")


class WithholdingGround(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial confidentiality")
    ONGOING_NEGOTIATION = "ongoing_negotiation", _("Negotiating position")
    PERSONAL_DATA = "personal_data", _("Personal data")
    SECURITY = "security", _("Public security")
    LEGAL_ADVICE = "legal_advice", _("Legal advice")

