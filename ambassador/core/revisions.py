"""Revisions of published records and the public notices they leave, for any domain model.

A domain app decides what may change and applies it (its own services keep their rules); this
module keeps the bookkeeping the same for every kind of record: one open revision per record,
proposed by one person and reviewed by another, and a notice for every change the public saw.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import NoticeKind, RevisionState
from .models import PublicNotice, Revision


def _clean_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def open_revision(record: models.Model) -> Revision | None:
    """The record's revision waiting for review, if any."""
    return Revision.objects.open().for_record(record).select_related("proposed_by").first()


def revision_propose(*, record: models.Model, changes: dict, reason: str, user) -> Revision:
    """Opens a revision of the record, or replaces what its open revision proposes.

    The caller holds a lock on the record. Only the person who proposed an open revision edits it.
    """
    reason = _clean_reason(reason, _("Say why the published record changes."))
    if not changes:
        raise ValidationError(_("The revision changes nothing in the published record."), code="no_change")
    revision = Revision.objects.open().for_record(record).select_for_update().first()
    if revision is None:
        revision = Revision(content_type=ContentType.objects.get_for_model(record, for_concrete_model=True),
                            object_id=record.pk)
    elif revision.proposed_by_id is not None and revision.proposed_by_id != user.pk:
        raise PermissionDenied(_("Another person's revision is waiting for review; it is edited by them."))
    revision.changes = changes
    revision.reason = reason
    revision.proposed_by = user
    revision.proposed_at = timezone.now()
    revision.full_clean()
    revision.save()
    return revision


def require_second_person(*, revision: Revision, user) -> None:
    """A revision is released or rejected by someone other than the person who proposed it."""
    if revision.proposed_by_id is not None and revision.proposed_by_id == user.pk:
        raise PermissionDenied(_("A revision is reviewed by someone other than the person who proposed it."))


def revision_close(*, revision: Revision, user, state: str, note: str = "") -> Revision:
    """Marks an open revision released or rejected by ``user`` (the caller applies a release)."""
    require_second_person(revision=revision, user=user)
    if revision.state != RevisionState.SUBMITTED:
        raise ValidationError(_("The revision has already been reviewed."), code="reviewed")
    revision.state = state
    revision.reviewed_by = user
    revision.reviewed_at = timezone.now()
    revision.review_note = (note or "").strip()
    revision.full_clean()
    revision.save()
    return revision


def notice_write(
    *, kind: str, record: models.Model, city_id: int, reason: str, earlier_version: dict, user,
    revision: Revision | None = None,
) -> PublicNotice:
    """Leaves a public notice that a released record was corrected, withdrawn or republished."""
    reason = _clean_reason(reason, _("Say publicly why the record changes."))
    notice = PublicNotice(
        kind=kind, content_type=ContentType.objects.get_for_model(record, for_concrete_model=True),
        object_id=record.pk, city_id=city_id, occurred_at=timezone.now(), reason=reason,
        earlier_version=earlier_version, revision=revision, made_by=user,
    )
    notice.full_clean()
    notice.save()
    return notice


def last_withdrawal(record: models.Model) -> PublicNotice | None:
    """The record's latest notice, when that notice is a withdrawal (it is withdrawn still, or again)."""
    latest = PublicNotice.objects.for_record(record).order_by("-occurred_at", "-pk").first()
    return latest if latest is not None and latest.kind == NoticeKind.WITHDRAWAL else None
