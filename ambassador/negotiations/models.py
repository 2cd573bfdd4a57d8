"""Negotiations between a city and a tech company, and the meetings held in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassador.core.keyset import ordering_index
from ambassador.core.review import ReviewedRecord
from ambassador.stakeholders.choices import OrganisationKind

from .choices import (
    CLOSED_STAGES,
    Confidentiality,
    MeetingFormat,
    NegotiationStage,
    ReviewState,
    WithholdingGround,
)
from .querysets import MeetingQuerySet, NegotiationQuerySet, TopicQuerySet

# Phrases that say nothing about what was discussed; minutes made of them lower a record's quality.
VAGUE_MINUTES_PHRASES = (
    "general discussion",
    "current affairs",
    "general exchange of views",
    "introductory meeting",
    "catch-up",
    "various topics",
    "n/a",
)


CITY_OF_NEGOTIATION = _("A meeting in a negotiation is of the negotiation's city.")
STANDALONE_NEEDS_ORGANISATION = _(
    "A meeting outside a negotiation names at least one organisation present (e.g. the union or group met)."
)


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="%(app_label)s_%(class)s_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="%(app_label)s_%(class)s_slug_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Negotiation(models.Model):
    # Who proposed the announcement: the second-person rule keeps them from announcing it.
    review_author_field = "announcement_proposed_by"

    city = models.ForeignKey(
        "stakeholders.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="negotiations"
    )
    company = models.ForeignKey(
        "stakeholders.Organisation", verbose_name=_("company"), on_delete=models.PROTECT,
        related_name="negotiations", limit_choices_to={"kind": OrganisationKind.TECH_COMPANY},
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    topics = models.ManyToManyField(Topic, verbose_name=_("topic areas"), blank=True, related_name="negotiations")
    stage = models.CharField(
        _("stage"), max_length=32, choices=NegotiationStage.choices, default=NegotiationStage.SCOPING
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    lead_envoy = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lead envoy"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="led_negotiations",
    )
    public_summary = models.TextField(_("public summary"), blank=True)
    is_public = models.BooleanField(
        _("announced"), default=False, editable=False,
        help_text=_("Announced negotiations and their published records appear on the public site. An envoy "
                    "proposes the announcement; a second person, on the council staff, announces it."),
    )
    announcement_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("announcement proposed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="proposed_announcements", editable=False,
    )
    announcement_proposed_at = models.DateTimeField(
        _("announcement proposed at"), null=True, blank=True, editable=False
    )
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("announced by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="announced_negotiations", editable=False,
    )
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True, editable=False)

    objects = NegotiationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        verbose_name = _("negotiation")
        verbose_name_plural = _("negotiations")
        ordering = ["-opened_on", "title"]
        # One per ordering the lists offer, so a deep page reads an index instead of sorting the table.
        indexes = [
            ordering_index("opened_on", index_name="negotiation_opened_page"),
            ordering_index("closed_on", field=models.DateField(), index_name="negotiation_closed_page"),
            ordering_index("title", index_name="negotiation_title_page"),
            ordering_index("stage", index_name="negotiation_stage_page"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="%(app_label)s_%(class)s_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="%(app_label)s_%(class)s_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(stage__in=NegotiationStage.values), name="%(app_label)s_%(class)s_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="%(app_label)s_%(class)s_closed_not_before_opened",
                violation_error_message=_("A negotiation cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=CLOSED_STAGES) | Q(closed_on__isnull=False),
                name="%(app_label)s_%(class)s_closed_stage_has_closed_date",
                violation_error_message=_("A concluded or abandoned negotiation needs a closed date."),
            ),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(announced_at__isnull=False),
                name="%(app_label)s_%(class)s_announced_is_stamped",
                violation_error_message=_("An announced negotiation records when it was announced."),
            ),
            models.CheckConstraint(
                condition=Q(announced_by__isnull=True) | Q(announcement_proposed_by__isnull=True)
                | ~Q(announced_by=F("announcement_proposed_by")),
                name="%(app_label)s_%(class)s_second_person_announces",
                violation_error_message=_("A negotiation is announced by someone other than who proposed it."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        from .publicity import refresh_meetings

        existing = not self._state.adding
        super().save(*args, **kwargs)
        # Its meetings are of its city, wherever the negotiation is recorded, and public with it: only an
        # announcement or a move changes them (a negotiation not read from the database is refreshed anyway).
        if existing and getattr(self, "_saved_publicity", None) != (self.is_public, self.city_id):
            self.meetings.exclude(city_id=self.city_id).update(city_id=self.city_id)
            refresh_meetings(negotiation_ids=[self.pk])
        self._saved_publicity = (self.is_public, self.city_id)

    @classmethod
    def from_db(cls, db, field_names, values):
        negotiation = super().from_db(db, field_names, values)
        # Read from the loaded values: a deferred field would cost a query per row.
        loaded = dict(zip(field_names, values, strict=False))
        if "is_public" in loaded and "city_id" in loaded:
            negotiation._saved_publicity = (loaded["is_public"], loaded["city_id"])
        return negotiation

    def clean(self) -> None:
        errors = {}
        if self.company_id and self.company.kind != OrganisationKind.TECH_COMPANY:
            errors["company"] = _("The counterparty of a negotiation must be a tech company.")
        if self.lead_envoy_id is not None:
            membership = getattr(self.lead_envoy, "city_membership", None)
            if getattr(membership, "city_id", None) != self.city_id:
                errors["lead_envoy"] = _("The lead envoy works for the negotiation's city.")
        if errors:
            raise ValidationError(errors)


class Meeting(ReviewedRecord):
    # A meeting in a negotiation belongs to the negotiation's city; one outside any negotiation (with
    # unions, civil society or academics on a topic) belongs to the city that held it.
    city = models.ForeignKey(
        "stakeholders.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="meetings"
    )
    negotiation = models.ForeignKey(
        Negotiation, verbose_name=_("negotiation"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="meetings",
        help_text=_("Empty for a meeting outside any company negotiation, e.g. with a union on a topic."),
    )
    starts_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    format = models.CharField(
        _("format"), max_length=32, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    subject = models.CharField(_("subject"), max_length=300)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    minutes_main_points = models.TextField(_("main points"), blank=True)
    minutes_positions = models.TextField(_("positions taken"), blank=True)
    minutes_conclusions = models.TextField(_("conclusions"), blank=True)
    attendees = models.ManyToManyField(
        "stakeholders.Person", verbose_name=_("attendees"), blank=True, related_name="meetings"
    )
    organisations = models.ManyToManyField(
        "stakeholders.Organisation", verbose_name=_("organisations present"), blank=True, related_name="meetings"
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=32, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    withholding_ground = models.CharField(
        _("ground for withholding"), max_length=32, choices=WithholdingGround.choices, blank=True
    )
    release_on = models.DateField(_("release date"), null=True, blank=True)
    # The review fields come from ReviewedRecord; these two keep their established reverse names.
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), null=True, on_delete=models.SET_NULL,
        related_name="logged_meetings",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="published_meetings",
    )
    released_at = models.DateTimeField(
        _("released at"), null=True, blank=True,
        help_text=_("When a confidential record was made public because its release date had come."),
    )
    # When the public may read the meeting (NULL: never listed); written by save() and the refreshes
    # in publicity.py, read by ``public()`` and ``withheld()``.
    public_from = models.DateTimeField(_("public from"), null=True, blank=True, editable=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[attendees, organisations], excluded_fields=["public_from"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        get_latest_by = "starts_at"
        permissions = [("publish_meeting", _("Can publish meeting records"))]
        # public_from decides what is public; the admin's list and the paged lists read their orders
        # from the others, never sorting the table.
        indexes = [
            models.Index(fields=["public_from"], name="negotiations_meeting_public"),
            models.Index(fields=["starts_at", "id"], name="negotiations_meet_admin_order"),
            ordering_index("published_at", field=models.DateTimeField(),
                           index_name="meeting_published_page"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="%(app_label)s_%(class)s_subject_not_empty"),
            models.CheckConstraint(
                condition=Q(confidentiality__in=Confidentiality.values),
                name="%(app_label)s_%(class)s_confidentiality_valid",
            ),
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values), name="%(app_label)s_%(class)s_review_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(confidentiality=Confidentiality.CONFIDENTIAL) | Q(release_on__isnull=False),
                name="%(app_label)s_%(class)s_confidential_has_release_date",
                violation_error_message=_("A confidential meeting needs a release date."),
            ),
            models.CheckConstraint(
                condition=Q(confidentiality=Confidentiality.PUBLIC) | ~Q(withholding_ground=""),
                name="%(app_label)s_%(class)s_withheld_has_ground",
                violation_error_message=_("A restricted or confidential meeting needs a ground for withholding."),
            ),
            models.CheckConstraint(
                condition=~Q(review_state=ReviewState.PUBLISHED)
                | (Q(published_at__isnull=False) & Q(published_by__isnull=False)),
                name="%(app_label)s_%(class)s_published_is_stamped",
                violation_error_message=_("A published meeting records who published it and when."),
            ),
            models.CheckConstraint(
                condition=Q(published_by__isnull=True) | Q(logged_by__isnull=True) | ~Q(published_by=F("logged_by")),
                name="%(app_label)s_%(class)s_second_person_publishes",
                violation_error_message=_("A meeting record is published by someone other than who logged it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.starts_at:%Y-%m-%d})"

    @classmethod
    def from_db(cls, db, field_names, values):
        meeting = super().from_db(db, field_names, values)
        # Read from the loaded values: a deferred field would cost a query per row.
        loaded = dict(zip(field_names, values, strict=False))
        if "public_from" in loaded:
            meeting._saved_public_from = loaded["public_from"]
        return meeting

    def save(self, *args, **kwargs) -> None:
        from .publicity import public_from_of, publicity_changed

        # A meeting in a negotiation is always of the negotiation's city.
        update_fields = kwargs.get("update_fields")
        if self.negotiation_id is not None:
            self.city_id = self.negotiation.city_id
            if update_fields is not None and "negotiation" in update_fields:
                update_fields = kwargs["update_fields"] = {*update_fields, "city"}
        adding = self._state.adding
        self.public_from = public_from_of(self)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "public_from"}
        super().save(*args, **kwargs)
        if not adding and getattr(self, "_saved_public_from", object()) != self.public_from:
            publicity_changed.send(sender=Meeting, meeting_ids=[self.pk])
        self._saved_public_from = self.public_from

    def clean_fields(self, exclude=None) -> None:
        # A meeting logged in a negotiation takes the negotiation's city unless one is named.
        if self.city_id is None and self.negotiation_id is not None:
            self.city_id = self.negotiation.city_id
        super().clean_fields(exclude)

    def clean(self) -> None:
        # The database holds these rules as check constraints; here they name the field to fix.
        errors = {}
        if self.negotiation_id is not None and self.city_id is not None and self.city_id != self.negotiation.city_id:
            errors["city"] = CITY_OF_NEGOTIATION
        if self.confidentiality == Confidentiality.CONFIDENTIAL and self.release_on is None:
            errors["release_on"] = _("A confidential meeting needs a release date.")
        if self.confidentiality != Confidentiality.PUBLIC and not self.withholding_ground:
            errors["withholding_ground"] = _("A restricted or confidential meeting needs a ground for withholding.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_standalone(self) -> bool:
        """Held outside any company negotiation."""
        return self.negotiation_id is None

    @property
    def disclosure_lag(self):
        """Time from the meeting to its first publication, or None while it has never been published."""
        first = self.first_published_at or self.published_at
        if first is None:
            return None
        return first - self.starts_at

    @property
    def vague_minutes_reasons(self) -> list[str]:
        """Why the minutes lower the record's quality; empty when they are specific."""
        return vague_minutes_reasons(
            main_points=self.minutes_main_points,
            positions=self.minutes_positions,
            conclusions=self.minutes_conclusions,
        )


def vague_minutes_reasons(*, main_points: str, positions: str, conclusions: str) -> list[str]:
    """Plain-language reasons why a meeting's minutes are vague (empty list if they are not)."""
    reasons = []
    parts = {"main points": main_points, "positions taken": positions, "conclusions": conclusions}
    if not any(text.strip() for text in parts.values()):
        return ["no minutes were recorded"]
    if not conclusions.strip():
        reasons.append("the conclusions are empty")
    for label, text in parts.items():
        normalised = " ".join(text.lower().split()).strip(" .")
        if normalised and any(
            normalised == phrase or (phrase in normalised and len(normalised) < len(phrase) + 20)
            for phrase in VAGUE_MINUTES_PHRASES
        ):
            reasons.append(f"the {label} only say “{text.strip()}”")
    return reasons
