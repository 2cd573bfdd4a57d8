"""Revisions of published records and the public notices they leave, for any domain model.

A domain app decides what may change and applies it (its own services keep their rules); this
module keeps the bookkeeping the same for every kind of record: one open revision per record,
proposed by one person and reviewed by another, and a notice for every change the public saw.
"""

from __future__ import annotations

import datetime

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


# --- proposed values as JSON and back, for any model ----------------------------------------------------------------


def value_as_json(model: type[models.Model], name: str, value):
    """A field's value as a revision stores it: many-to-many as sorted ids, a foreign key as its id,
    dates and (UTC) times as ISO text."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        return sorted(item.pk if isinstance(item, models.Model) else int(item) for item in (value or []))
    if field.is_relation:
        return value.pk if isinstance(value, models.Model) else value
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def current_value(record: models.Model, name: str):
    """The record's released value of a field, as a revision would store it."""
    field = record._meta.get_field(name)
    if field.many_to_many:
        return sorted(getattr(record, name).values_list("pk", flat=True))
    if field.is_relation:
        return getattr(record, field.attname)
    return value_as_json(type(record), name, getattr(record, name))


def proposed_values(model: type[models.Model], revision: Revision) -> dict:
    """The revision's changes as Python values (relations as ids), e.g. for a form's initial data."""
    values = {}
    for name, value in revision.changes.items():
        field = model._meta.get_field(name)
        values[name] = value if field.is_relation else field.to_python(value)
    return values


def differences(record: models.Model, revision: Revision) -> list[tuple[str, object, object]]:
    """(field label, released value, proposed value) for each field the revision changes."""
    return [
        (str(record._meta.get_field(name).verbose_name), current_value(record, name), value)
        for name, value in revision.changes.items()
    ]


def propose_changes(*, record: models.Model, fields: dict, reason: str, user) -> Revision | None:
    """Turns an edit of a released record (locked by the caller) into its open revision.

    Only fields whose value differs from the released record are kept; an edit that proposes
    nothing new, with no revision open, leaves none.
    """
    changes = {}
    for name, value in fields.items():
        proposed = value_as_json(type(record), name, value)
        if proposed != current_value(record, name):
            changes[name] = proposed
    if not changes and open_revision(record) is None:
        return None
    return revision_propose(record=record, changes=changes, reason=reason, user=user)


def open_revision_to_review(record: models.Model, *, user, may_review: bool) -> Revision:
    """The record's open revision, locked, for a reviewer who may review such records and did not propose it."""
    if not may_review:
        raise PermissionDenied(_("Only council staff release or reject a revision."))
    revision = Revision.objects.open().for_record(record).select_for_update().first()
    if revision is None:
        raise ValidationError(_("No revision of this record is waiting for review."), code="no_revision")
    require_second_person(revision=revision, user=user)
    return revision


def apply_revision(record: models.Model, revision: Revision, *, user) -> None:
    """Writes the revision's changes into the record (validated, with "Corrected: <reason>" in its
    history) and marks the revision released."""
    values = proposed_values(type(record), revision)
    many_to_many = {name: values.pop(name) for name in list(values) if record._meta.get_field(name).many_to_many}
    for name, value in values.items():
        setattr(record, record._meta.get_field(name).attname, value)
    record._history_user = user
    record._change_reason = _("Corrected: %(reason)s") % {"reason": revision.reason}
    record.full_clean()
    record.save()
    for name, ids in many_to_many.items():
        getattr(record, name).set(ids)
    revision_close(revision=revision, user=user, state=RevisionState.RELEASED)


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
