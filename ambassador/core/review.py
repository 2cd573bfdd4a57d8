"""Release by a second person: the one review workflow every public fact goes through.

A reviewed record moves draft -> submitted -> published. The person who wrote it (the field named
by the model's ``review_author_field``) submits it; someone else, allowed to publish it, publishes
it; any step back to draft needs a reason. Every step is saved with its actor and reason in the
record's history. ``first_published_at`` keeps the first publication, from which the disclosure
lag is measured, however often the record goes back to draft and out again.

The steps here take a row the caller has locked and found visible to the user; the owning app's
service does that, and adds its own rules (what publishing a record also releases).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import ReviewState
from .permissions import require_perm

__all__ = [
    "ReviewPermissions", "ReviewState", "ReviewedRecord", "author_id", "check_may_publish", "clean_reason",
    "may_publish", "may_publish_any", "review_constraints", "review_publish", "review_return_to_draft", "review_submit",
]


class ReviewedRecord(models.Model):
    """The review fields of a record that becomes public only when a second person releases it."""

    review_author_field = "logged_by"

    review_state = models.CharField(
        gettext_lazy("review state"), max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("logged by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="logged_%(app_label)s_%(class)ss", editable=False,
    )
    logged_at = models.DateTimeField(gettext_lazy("logged at"), auto_now_add=True)
    submitted_at = models.DateTimeField(gettext_lazy("submitted at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(gettext_lazy("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("published by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="published_%(app_label)s_%(class)ss", editable=False,
    )
    first_published_at = models.DateTimeField(
        gettext_lazy("first published at"), null=True, blank=True, editable=False,
        help_text=gettext_lazy("When the public could first read the record; the disclosure lag runs to it."),
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.review_state == ReviewState.PUBLISHED


def review_constraints(*, author_field: str = "logged_by") -> list[models.CheckConstraint]:
    """The database's share of the review rules, for a model's ``Meta.constraints``."""
    return [
        models.CheckConstraint(
            condition=Q(review_state__in=ReviewState.values), name="%(app_label)s_%(class)s_review_state_valid"
        ),
        # Who published is kept while the account exists (SET_NULL); when it was, always.
        models.CheckConstraint(
            condition=~Q(review_state=ReviewState.PUBLISHED)
            | (Q(published_at__isnull=False) & Q(first_published_at__isnull=False)),
            name="%(app_label)s_%(class)s_published_is_stamped",
            violation_error_message=gettext_lazy("A published record records when it was published."),
        ),
        models.CheckConstraint(
            condition=Q(published_by__isnull=True)
            | Q(**{f"{author_field}__isnull": True})
            | ~Q(published_by=F(author_field)),
            name="%(app_label)s_%(class)s_second_person_publishes",
            violation_error_message=gettext_lazy("A record is published by someone other than who logged it."),
        ),
    ]


@dataclass(frozen=True)
class ReviewPermissions:
    """The permission names of one model's review steps, e.g. ``commitments.publish_commitment``."""

    submit: str
    publish: str
    return_to_draft: str

    @classmethod
    def of(cls, model: type[models.Model]) -> ReviewPermissions:
        label, name = model._meta.app_label, model._meta.model_name
        return cls(f"{label}.submit_{name}", f"{label}.publish_{name}", f"{label}.return_{name}")


def author_id(obj) -> int | None:
    return getattr(obj, f"{obj.review_author_field}_id")


def _save_step(obj, *, user, reason: str, fields: list[str]) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.full_clean()
    obj.save(update_fields=fields)


def review_submit(obj, *, user, perms: ReviewPermissions) -> None:
    """Sends a draft for review."""
    require_perm(user, perms.submit, obj)
    if obj.review_state != ReviewState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."), code="not_draft")
    obj.review_state = ReviewState.SUBMITTED
    obj.submitted_at = timezone.now()
    _save_step(obj, user=user, reason=_("Submitted for review"), fields=["review_state", "submitted_at"])


def check_may_publish(obj, *, user, perms: ReviewPermissions) -> None:
    """Refuses a user who may not publish the record: no permission, or the record's own author."""
    require_perm(user, perms.publish, obj)
    if author_id(obj) is not None and author_id(obj) == user.pk:
        raise PermissionDenied(_("A record is published by someone other than the person who logged it."))


def may_publish(obj, *, user, perms: ReviewPermissions) -> bool:
    try:
        check_may_publish(obj, user=user, perms=perms)
    except PermissionDenied:
        return False
    return True


def review_publish(
    obj, *, user, perms: ReviewPermissions, reason: str = "", also_from_draft: bool = False,
    at: datetime.datetime | None = None,
) -> None:
    """Publishes a submitted record (or a draft, when it is released together with the record it
    belongs to, e.g. a commitment's progress published with the commitment)."""
    check_may_publish(obj, user=user, perms=perms)
    allowed = (ReviewState.SUBMITTED, ReviewState.DRAFT) if also_from_draft else (ReviewState.SUBMITTED,)
    if obj.review_state not in allowed:
        raise ValidationError(_("Only a submitted record can be published."), code="not_submitted")
    obj.review_state = ReviewState.PUBLISHED
    obj.published_at = at or timezone.now()
    obj.published_by = user
    obj.first_published_at = obj.first_published_at or obj.published_at
    _save_step(
        obj, user=user, reason=reason or _("Published"),
        fields=["review_state", "published_at", "published_by", "first_published_at"],
    )


def may_publish_any(user, perms: ReviewPermissions) -> bool:
    """Whether the user publishes such records at all (this one may still be their own)."""
    try:
        require_perm(user, perms.publish)
    except PermissionDenied:
        return False
    return True


def clean_reason(reason: str | None, *, message: str | None = None) -> str:
    """The reason for a step back, stripped; a missing one is an error on the ``reason`` field."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message or _("Say why the record goes back to draft.")})
    return reason


def review_return_to_draft(obj, *, user, perms: ReviewPermissions, reason: str) -> None:
    """Takes a submitted or published record back to draft; a published one leaves the public."""
    reason = clean_reason(reason)
    if obj.review_state == ReviewState.DRAFT:
        raise ValidationError(_("The record is already a draft."), code="already_draft")
    require_perm(user, perms.return_to_draft, obj)
    # Withdrawing from the public is for those who may publish such records (not only this one:
    # a staff member withdraws a record they logged themselves).
    if obj.review_state == ReviewState.PUBLISHED and not may_publish_any(user, perms):
        raise PermissionDenied(_("Only council staff withdraw a published record."))
    obj.review_state = ReviewState.DRAFT
    obj.submitted_at = None
    obj.published_at = None
    obj.published_by = None
    _save_step(
        obj, user=user, reason=_("Returned to draft: %(reason)s") % {"reason": reason},
        fields=["review_state", "submitted_at", "published_at", "published_by"],
    )
