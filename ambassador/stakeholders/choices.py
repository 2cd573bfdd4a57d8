from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    TECH_COMPANY = "tech_company", _("Tech company")
    TRADE_UNION = "trade_union", _("Trade union")
    CIVIL_SOCIETY = "civil_society", _("Civil-society group")
    BUSINESS_ASSOCIATION = "business_association", _("Business association")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    ENVOY = "envoy", _("Envoy")
    COUNCIL_STAFF = "council_staff", _("Council staff")


# Names of the auth groups created by the data migration; one per membership role.
GROUP_FOR_ROLE = {
    MembershipRole.ENVOY: "Envoy",
    MembershipRole.COUNCIL_STAFF: "Council staff",
}
