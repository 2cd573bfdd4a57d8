"""Releases confidential meeting records to the public once their release date has come.

``Meeting.objects.public()`` already shows a confidential meeting from its release date on; the
release makes that explicit and recorded: the meeting becomes public, ``released_at`` says when,
and its history gets a row with the reason. The withholding ground and the release date stay on
the record, so the public can still see that it was withheld, on which ground and until when.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from ambassador.core.actors import system_user
from ambassador.core.jobs import job_lock
from ambassador.core.versioning import public_data_changed

from .choices import Confidentiality, ReviewState
from .models import Meeting
from .publicity import refresh_meetings
from .querysets import release_date_passed

logger = logging.getLogger(__name__)

LOCK_NAME = "release_embargoed_meetings"


def release_embargoed_meetings(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> list[int] | None:
    """Makes public every published confidential meeting whose release date has come; returns their ids.

    Returns None, having done nothing, when another run holds the job's lock.

    The release date is judged in the meeting's city's time zone (or against ``today`` for every
    city, when given). One UPDATE changes the meetings and their history rows are written in bulk,
    under a lock, so running it twice, or twice at once, releases each meeting once.
    """
    now = now or timezone.now()
    with job_lock(LOCK_NAME) as acquired:
        if not acquired:
            return None
        due = (
            Meeting.objects.filter(review_state=ReviewState.PUBLISHED, confidentiality=Confidentiality.CONFIDENTIAL)
            .filter(release_date_passed(today=today, now=now))
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        meetings = list(due)
        if not meetings:
            return []
        ids = [meeting.pk for meeting in meetings]
        Meeting.objects.filter(pk__in=ids).update(confidentiality=Confidentiality.PUBLIC, released_at=now)
        refresh_meetings(meeting_ids=ids)
        for meeting in meetings:
            meeting.confidentiality = Confidentiality.PUBLIC
            meeting.released_at = now
            meeting._change_reason = (
                f"{LOCK_NAME}: released to the public, the embargo ended on {meeting.release_on:%Y-%m-%d}"
            )
        history = Meeting.history.bulk_history_create(
            meetings, update=True, default_date=now, default_user=system_user()
        )
        _copy_many_to_many_history(history)
        public_data_changed()  # the UPDATE above sends no signal
    logger.info("Released %d embargoed meeting records: %s", len(ids), ids)
    return ids


def _copy_many_to_many_history(history_rows) -> None:
    """Gives each new history row its attendees and organisations, as a save() would, with one query per relation."""
    history_model = Meeting.history.model
    history_by_meeting = {row.id: row for row in history_rows}
    for field in history_model._history_m2m_fields:
        through = field.remote_field.through
        m2m_history_model = getattr(history_model, field.name).model
        target = field.m2m_reverse_field_name()
        rows = through.objects.filter(meeting_id__in=history_by_meeting).values_list("id", "meeting_id", target)
        m2m_history_model.objects.bulk_create(
            m2m_history_model(
                id=through_id, meeting_id=meeting_id, history=history_by_meeting[meeting_id],
                **{f"{target}_id": target_id},
            )
            for through_id, meeting_id, target_id in rows
        )
