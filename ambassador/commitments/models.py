"""Commitments made in negotiations, their progress, and the flags raised when they run late."""

import functools
import operator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassador.core.keyset import ordering_index
from ambassador.core.review import ReviewedRecord, review_constraints

from .choices import PRINCIPLES_BY_AREA, Area, CompletionLevel, FlagKind, NotificationKind, Principle, Promiser
from .querysets import CommitmentQuerySet, CommitmentUpdateQuerySet, NotificationQuerySet, OverdueFlagQuerySet

_PRINCIPLE_MATCHES_AREA = functools.reduce(
    operator.or_,
    (Q(area=area, principle__in=principles) for area, principles in PRINCIPLES_BY_AREA.items()),
)


# The one wording of the rule, for the admin, the API and the services alike.
COMPLETION_NEEDS_EVIDENCE = _("Say what shows the commitment is complete.")
MOVE_NEEDS_REASON = _("Moving the due date needs a reason.")
COMMITMENTS_NEED_NEGOTIATION = _(
    "Commitments are made in a negotiation; a meeting outside any negotiation records none."
)


class Commitment(ReviewedRecord):
    """A promise made in a negotiation. It is public once a second person has published it (and its
    negotiation is announced, and its source meeting, if any, is public)."""

    negotiation = models.ForeignKey(
        "negotiations.Negotiation", verbose_name=_("negotiation"), on_delete=models.CASCADE,
        related_name="commitments",
    )
    source_meeting = models.ForeignKey(
        "negotiations.Meeting", verbose_name=_("made in meeting"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="commitments",
    )
    promiser = models.CharField(_("promised by"), max_length=16, choices=Promiser.choices, default=Promiser.COMPANY)
    area = models.CharField(_("area"), max_length=32, choices=Area.choices)
    principle = models.CharField(_("principle"), max_length=32, choices=Principle.choices)
    text = models.TextField(_("commitment"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    original_due_on = models.DateField(_("original due date"), null=True, blank=True, editable=False)
    slippage_count = models.PositiveIntegerField(_("times the due date moved"), default=0, editable=False)
    completion = models.CharField(
        _("completion level"), max_length=16, choices=CompletionLevel.choices, default=CompletionLevel.NOT_STARTED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # When the public may read the commitment (NULL: never listed); written by save() and the
    # refreshes in publicity.py, read by ``public()``.
    public_from = models.DateTimeField(_("public from"), null=True, blank=True, editable=False)

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["public_from"])

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]
        # public_from decides what is public; the admin's list and the paged lists read their orders
        # from the others (nullable due dates on their coalesced position), never sorting the table.
        indexes = [
            models.Index(fields=["public_from"], name="commitments_commitment_public"),
            models.Index(fields=["due_on", "id"], name="commitments_commit_admin_order"),
            ordering_index("due_on", field=models.DateField(), index_name="commitment_due_page"),
            ordering_index("created_at", index_name="commitment_created_page"),
            ordering_index("slippage_count", index_name="commitment_slip_page"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="%(app_label)s_%(class)s_text_not_empty"),
            models.CheckConstraint(
                condition=Q(promiser__in=Promiser.values), name="%(app_label)s_%(class)s_promiser_valid"
            ),
            models.CheckConstraint(
                condition=Q(completion__in=CompletionLevel.values), name="%(app_label)s_%(class)s_completion_valid"
            ),
            models.CheckConstraint(
                condition=_PRINCIPLE_MATCHES_AREA,
                name="%(app_label)s_%(class)s_principle_matches_area",
                violation_error_message=_("The principle does not belong to the commitment's area."),
            ),
            models.CheckConstraint(
                condition=~Q(completion=CompletionLevel.COMPLETE) | Q(completed_on__isnull=False),
                name="%(app_label)s_%(class)s_complete_has_date",
                violation_error_message=_("A complete commitment records when it was completed."),
            ),
            *review_constraints(),
        ]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def save(self, *args, **kwargs) -> None:
        from .publicity import public_from_of

        if self._state.adding and self.original_due_on is None:
            self.original_due_on = self.due_on
        self.public_from = public_from_of(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "public_from"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if (
            self.source_meeting_id
            and self.negotiation_id
            and self.source_meeting.negotiation_id != self.negotiation_id
        ):
            errors["source_meeting"] = _("The meeting belongs to another negotiation.")
        # The same rule as a progress update's: whether recorded complete or completed later.
        if self.completion == CompletionLevel.COMPLETE and not (self.evidence.strip() or self.evidence_url):
            errors["evidence"] = COMPLETION_NEEDS_EVIDENCE
        if errors:
            raise ValidationError(errors)

    @property
    def city(self):
        return self.negotiation.city


class CommitmentUpdate(ReviewedRecord):
    """A dated progress report on a commitment; moving the due date needs a reason.

    Its effects (completion level, evidence, a moved due date) reach the commitment when it is
    applied (``applied_at``): at once while the commitment is a draft, and otherwise only when a
    second person publishes the update, so the public never sees unreleased progress.
    """

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="updates"
    )
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    summary = models.TextField(_("progress"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    completion = models.CharField(
        _("completion level"), max_length=16, choices=CompletionLevel.choices, blank=True,
        help_text=_("The completion level after this update, if it changed."),
    )
    previous_due_on = models.DateField(_("previous due date"), null=True, blank=True)
    new_due_on = models.DateField(_("new due date"), null=True, blank=True)
    due_date_reason = models.TextField(_("reason for moving the due date"), blank=True)
    applied_at = models.DateTimeField(
        _("applied at"), null=True, blank=True, editable=False,
        help_text=_("When the update's effects reached the commitment."),
    )

    objects = CommitmentUpdateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        ordering = ["-reported_on", "-pk"]
        indexes = [
            # The admin's list and the paged lists read their orders from these, never sorting the table.
            models.Index(fields=["reported_on", "id"], name="commitments_update_admin_order"),
            ordering_index("logged_at", index_name="update_logged_page"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(summary=""), name="%(app_label)s_%(class)s_summary_not_empty"),
            models.CheckConstraint(
                condition=Q(new_due_on__isnull=True) | ~Q(due_date_reason=""),
                name="%(app_label)s_%(class)s_moved_due_date_has_reason",
                violation_error_message=_("Moving the due date needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(completion="") | Q(completion__in=CompletionLevel.values),
                name="%(app_label)s_%(class)s_completion_valid",
            ),
            *review_constraints(),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.reported_on}"

    def clean(self) -> None:
        errors = {}
        if self.completion == CompletionLevel.COMPLETE and not (self.evidence.strip() or self.evidence_url):
            errors["evidence"] = COMPLETION_NEEDS_EVIDENCE
        if self.new_due_on is not None and not self.due_date_reason.strip():
            current = self.commitment.due_on if self.commitment_id else None
            if self.previous_due_on is not None or self.new_due_on != current:
                errors["due_date_reason"] = MOVE_NEEDS_REASON
        if errors:
            raise ValidationError(errors)

    @property
    def moves_due_date(self) -> bool:
        return self.new_due_on is not None and self.new_due_on != self.previous_due_on


class OverdueFlag(models.Model):
    """Raised once per commitment, kind and due date; cleared when the commitment completes.

    The overdue engine (``ambassador.commitments.overdue``) writes these rows; ``cleared_at`` also
    marks a flag whose due date was moved, and ``notified_at`` when its alerts were queued.
    """

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="flags"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FlagKind.choices, default=FlagKind.OVERDUE)
    due_on = models.DateField(_("due date"))
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    objects = OverdueFlagQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overdue flag")
        verbose_name_plural = _("overdue flags")
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "kind", "due_on"],
                name="%(app_label)s_%(class)s_once_per_commitment_and_due_date",
                violation_error_message=_("This commitment already has a flag for this due date."),
            ),
            models.CheckConstraint(condition=Q(kind__in=FlagKind.values), name="%(app_label)s_%(class)s_kind_valid"),
            models.CheckConstraint(
                condition=Q(cleared_at__isnull=True) | Q(cleared_at__gte=F("raised_at")),
                name="%(app_label)s_%(class)s_cleared_after_raised",
            ),
        ]
        indexes = [
            # The alert job looks for these after every run; they are few, the flags are many.
            models.Index(fields=["id"], condition=Q(notified_at__isnull=True), name="commitments_flag_unnotified"),
            # The admin's list and the paged lists read their orders from these, never sorting the table.
            models.Index(fields=["raised_at", "id"], name="commitments_flag_admin_order"),
            ordering_index("due_on", index_name="overdue_flag_due_page"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.commitment} (due {self.due_on})"


class Notification(models.Model):
    """One email to one person, queued in an outbox and sent by a worker.

    An alert lists every flag raised for its recipient since their last alert (``flags``, through
    ``NotificationFlag``); it is queued in the same transaction that sets those flags'
    ``notified_at``. The database holds each flag once per recipient, and one digest per city,
    week and recipient, so a job that runs twice or is redelivered after a crash queues nothing
    twice. ``sent_at`` is set when the email backend accepted the message.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=NotificationKind.choices)
    flags = models.ManyToManyField(
        OverdueFlag, verbose_name=_("flags"), through="NotificationFlag", related_name="notifications", blank=True,
    )
    city = models.ForeignKey(
        "stakeholders.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="notifications"
    )
    week_of = models.DateField(_("week of"), null=True, blank=True, help_text=_("Monday of the digest's week."))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
        related_name="commitment_notifications",
    )
    email = models.EmailField(_("email address"), help_text=_("The recipient's address when the email was queued."))
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "week_of", "recipient"], condition=Q(kind=NotificationKind.WEEKLY_DIGEST),
                name="%(app_label)s_%(class)s_one_digest_per_week_and_recipient",
                violation_error_message=_("This person already has this week's digest for the city."),
            ),
            models.CheckConstraint(
                condition=(Q(kind=NotificationKind.FLAG_RAISED) & Q(week_of__isnull=True))
                | (Q(kind=NotificationKind.WEEKLY_DIGEST) & Q(week_of__isnull=False)),
                name="%(app_label)s_%(class)s_kind_matches_subject",
                violation_error_message=_("An alert is about flags; a digest is about a week."),
            ),
        ]
        indexes = [
            models.Index(fields=["queued_at"], condition=Q(sent_at__isnull=True), name="commitments_notif_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.email}"


class NotificationFlag(models.Model):
    """A flag listed in an alert. Each flag is listed once per recipient, ever (a unique constraint),
    so a rerun, a second run at once or a redelivered task never announces a flag to anyone twice.

    ``recipient`` repeats the alert's recipient so the database itself can hold that rule; the alert
    job writes both from the same row.
    """

    notification = models.ForeignKey(
        Notification, verbose_name=_("alert"), on_delete=models.CASCADE, related_name="flag_entries"
    )
    flag = models.ForeignKey(
        OverdueFlag, verbose_name=_("flag"), on_delete=models.CASCADE, related_name="alert_entries"
    )
    # Indexed by the unique constraint, whose first column it is.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("flag in an alert")
        verbose_name_plural = _("flags in alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "flag"],
                name="%(app_label)s_%(class)s_once_per_flag_and_recipient",
                violation_error_message=_("This person has already been told about this flag."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.flag} in {self.notification}"
