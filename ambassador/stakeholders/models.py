"""Cities, organisations, people and the relationships between them."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassador.core.people import may_be_named

from .choices import MembershipRole, OrganisationKind
from .querysets import (
    AffiliationQuerySet,
    CityQuerySet,
    LobbyingDisclosureQuerySet,
    OrganisationQuerySet,
    PersonQuerySet,
)
from .registers import registers_of
from .validators import validate_language_codes, validate_register_names, validate_time_zone


class City(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code, e.g. NL."))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_language_codes],
        help_text=_("Language codes the city publishes in, e.g. [\"nl\", \"en\"]."),
    )
    lobbying_registers = models.JSONField(
        _("lobbying registers"), null=True, blank=True, validators=[validate_register_names],
        help_text=_(
            "The lobbying registers that cover the city, e.g. [\"EU Transparency Register\"]. Leave empty to use "
            "its country's; [] says no register applies, so the risk score does not expect a register id."
        ),
    )

    objects = CityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="%(app_label)s_%(class)s_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="%(app_label)s_%(class)s_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="%(app_label)s_%(class)s_country_iso_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def registers(self) -> tuple[str, ...]:
        """The lobbying registers that cover the city: its own list, or else its country's."""
        return registers_of(country=self.country, lobbying_registers=self.lobbying_registers)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    registry_id = models.CharField(
        _("registry id"), max_length=64, blank=True,
        help_text=_("Lobbying register id, e.g. the EU Transparency Register number."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="subsidiaries",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    recorded_by_city = models.ForeignKey(
        "City", verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="recorded_organisations",
        help_text=_("Only this city's envoys change the record; council staff of any city may."),
    )

    # Who the organisation is: the risk scores read these, so council staff change them.
    IDENTITY_FIELDS = ("name", "kind", "registry_id", "parent")

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="%(app_label)s_%(class)s_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="%(app_label)s_%(class)s_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="%(app_label)s_%(class)s_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="%(app_label)s_%(class)s_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_tech_company(self) -> bool:
        return self.kind == OrganisationKind.TECH_COMPANY


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    is_public_official = models.BooleanField(
        _("public official"), default=False,
        help_text=_("Elected or appointed officials, whose names are published."),
    )
    is_public_figure = models.BooleanField(
        _("public figure"), default=False,
        help_text=_("People who act in public on the organisation's behalf, e.g. executives."),
    )
    recorded_by_city = models.ForeignKey(
        City, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="recorded_people",
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Internal; never published."))

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(condition=~Q(full_name=""), name="%(app_label)s_%(class)s_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def may_be_named(self) -> bool:
        """Whether the name may appear on a public surface."""
        return may_be_named(self)


class Affiliation(models.Model):
    """A person's role at a city or an organisation, with the dates that bound it."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations")
    city = models.ForeignKey(
        City, verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="affiliations",
    )
    role = models.CharField(_("role"), max_length=200)
    start_on = models.DateField(_("start date"))
    end_on = models.DateField(_("end date"), null=True, blank=True)

    objects = AffiliationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["person", "-start_on"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(city__isnull=False) & Q(organisation__isnull=True))
                | (Q(city__isnull=True) & Q(organisation__isnull=False)),
                name="%(app_label)s_%(class)s_city_xor_organisation",
                violation_error_message=_("An affiliation is with a city or with an organisation, not both."),
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="%(app_label)s_%(class)s_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(condition=~Q(role=""), name="%(app_label)s_%(class)s_role_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.role} ({self.city or self.organisation})"


class LobbyingDisclosure(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="lobbying_disclosures"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=64, help_text=_("The register's jurisdiction, e.g. EU, UK, NL, ES, VN.")
    )
    declared_spend = models.DecimalField(_("declared spend"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    declared_lobbyist_headcount = models.PositiveIntegerField(_("declared lobbyists"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500)

    objects = LobbyingDisclosureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lobbying disclosure")
        verbose_name_plural = _("lobbying disclosures")
        ordering = ["organisation", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "jurisdiction", "period_start"],
                name="%(app_label)s_%(class)s_unique_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="%(app_label)s_%(class)s_period_end_not_before_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(declared_spend__isnull=True) | Q(declared_spend__gte=0),
                name="%(app_label)s_%(class)s_spend_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.jurisdiction} {self.period_start:%Y}"


class CityMembership(models.Model):
    """Ties a login to the city it works for; envoys and council staff each belong to one city."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="city_membership"
    )
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=MembershipRole.choices)
    person = models.OneToOneField(
        Person, verbose_name=_("public record"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="membership", help_text=_("The person record under which this official appears in public."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city membership")
        verbose_name_plural = _("city memberships")
        ordering = ["city", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="%(app_label)s_%(class)s_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.city})"
