"""Records about records, for any domain model: proposed revisions and public notices; and the
staff API's keys (``ApiToken``), which belong to a login rather than to any domain.

Both point at their record through a content type and an object id, so that ``core`` names no
domain app. A notice keeps its record's city as a plain id for the same reason; the public site
(``transparency``) joins it to the city.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager
from knox.settings import CONSTANTS

from .choices import NoticeKind, RevisionState
from .membership import is_active_user, sees_every_city


class RevisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=RevisionState.SUBMITTED)

    def for_record(self, record):
        content_type = ContentType.objects.get_for_model(record, for_concrete_model=True)
        return self.filter(content_type=content_type, object_id=record.pk)


class Revision(models.Model):
    """A change to a published record, proposed by one person and released (or rejected) by another.

    ``changes`` maps field names to their new values as JSON: dates and times as ISO text, a
    foreign key as its id, a many-to-many field as a list of ids.
    """

    content_type = models.ForeignKey(ContentType, verbose_name=_("record type"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    changes = models.JSONField(_("proposed changes"), encoder=DjangoJSONEncoder, default=dict)
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL,
        related_name="proposed_revisions",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    state = models.CharField(
        _("state"), max_length=16, choices=RevisionState.choices, default=RevisionState.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="reviewed_revisions",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], condition=Q(state=RevisionState.SUBMITTED),
                name="%(app_label)s_%(class)s_one_open_per_record",
                violation_error_message=_("A record has at most one revision waiting for review."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=RevisionState.values), name="%(app_label)s_%(class)s_state_valid"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="%(app_label)s_%(class)s_reason_not_empty"),
            models.CheckConstraint(
                condition=Q(state=RevisionState.SUBMITTED) | Q(reviewed_at__isnull=False),
                name="%(app_label)s_%(class)s_reviewed_is_stamped",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_revision_record")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}: {self.reason[:60]}"


class PublicNoticeQuerySet(models.QuerySet):
    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model, for_concrete_model=True))

    def for_record(self, record):
        return self.for_model(type(record)).filter(object_id=record.pk)


class PublicNotice(models.Model):
    """What the public is told when a released record changes: a correction, a withdrawal or a republication.

    ``earlier_version`` is the record as the public saw it just before, built by the record's own
    app from its public fields only. Which notices and which parts of them the public site shows is
    decided there (``transparency``), against what is public now.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("record type"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    city_id = models.PositiveBigIntegerField(_("city id"), db_index=True)
    occurred_at = models.DateTimeField(_("date"), db_index=True)
    reason = models.TextField(_("public reason"))
    earlier_version = models.JSONField(_("earlier public version"), encoder=DjangoJSONEncoder, default=dict)
    revision = models.OneToOneField(
        Revision, verbose_name=_("revision"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="notice",
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("made by"), null=True, on_delete=models.SET_NULL,
        related_name="public_notices",
    )

    objects = PublicNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NoticeKind.values), name="%(app_label)s_%(class)s_kind_valid"),
            models.CheckConstraint(condition=~Q(reason=""), name="%(app_label)s_%(class)s_reason_not_empty"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_notice_record")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}: {self.reason[:60]}"


class QueuedJobQuerySet(models.QuerySet):
    def unpublished(self):
        return self.filter(published_at__isnull=True)


class QueuedJob(models.Model):
    """A background job a write asked for, saved in the write's own transaction (a transactional outbox).

    The job reaches the broker after the transaction commits; if the broker is not answering then,
    the row waits and ``publish_queued_jobs`` (beat, every minute) sends it later. ``published_at``
    is set once the broker has the message, so a job is sent once; the tasks are idempotent anyway.
    """

    task = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), encoder=DjangoJSONEncoder, default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = QueuedJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("queued job")
        verbose_name_plural = _("queued jobs")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(published_at__isnull=True), name="core_queuedjob_unpublished"
            ),
        ]

    def __str__(self):
        return f"{self.task} #{self.pk}"


class ApiTokenQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user's own tokens; every token for superusers; none for inactive or anonymous users."""
        if sees_every_city(user):
            return self.all()
        if not is_active_user(user):
            return self.none()
        return self.filter(user=user)

    def active(self, *, now=None):
        return self.filter(expiry__gt=now or timezone.now())


class ApiTokenManager(AuthTokenManager.from_queryset(ApiTokenQuerySet)):
    """knox's manager (``create`` returns the row and its key) with the queryset's filters."""


class ApiToken(AbstractAuthToken):
    """A named key for the staff API that expires (django-rest-knox's token, ``KNOX_TOKEN_MODEL``).

    Only the key's digest is stored, with its first characters (``token_key``) to find the row;
    the key itself is shown once, when the token is created. ``services.api_token_create`` makes one.
    """

    # knox makes the digest the primary key; a plain id keeps it out of URLs and admin logs.
    digest = models.CharField(_("digest"), max_length=CONSTANTS.DIGEST_LENGTH, unique=True, editable=False)
    token_key = models.CharField(
        _("key prefix"), max_length=CONSTANTS.MAXIMUM_TOKEN_PREFIX_LENGTH + CONSTANTS.TOKEN_KEY_LENGTH,
        db_index=True, editable=False,
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. the script using it."))
    expiry = models.DateTimeField(_("expires at"))
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiTokenManager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="%(app_label)s_%(class)s_name_not_empty"),
            models.CheckConstraint(
                condition=Q(expiry__gt=models.F("created")), name="%(app_label)s_%(class)s_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expiry <= timezone.now()


class DataVersion(models.Model):
    """One slot of the public data's version: its counter and when it last moved (``ambassador.core.versioning``).

    Every transaction that changes public data adds one to a slot it can lock without waiting, inside
    that transaction; the version is the sum of the slots with the latest change time. The table holds
    a row per writer that ever ran at once, a handful.
    """

    number = models.BigIntegerField(_("changes"), default=0)
    changed_at = models.DateTimeField(_("last change"))

    class Meta:
        verbose_name = _("public data version")
        verbose_name_plural = _("public data versions")

    def __str__(self) -> str:
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
