"""Confidential meetings are released to the public, explicitly and on record, once their release date comes."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from ambassador.core.jobs import _lock_key
from ambassador.negotiations.choices import Confidentiality, WithholdingGround
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting
from ambassador.negotiations.releases import LOCK_NAME, release_embargoed_meetings
from ambassador.stakeholders.factories import CityFactory, PersonFactory, TradeUnionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
# 23:30 UTC on 1 March: already 2 March in Hanoi (UTC+7), still 1 March in London (UTC+0).
LATE_EVENING_UTC = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)


def embargoed(release_on: datetime.date, **fields) -> Meeting:
    fields.setdefault("published", True)
    return MeetingFactory(
        confidential=True, release_on=release_on,
        starts_at=datetime.datetime(2025, 6, 1, 10, tzinfo=datetime.UTC), **fields,
    )


def test_a_published_confidential_meeting_whose_release_date_has_come_becomes_public():
    due = embargoed(TODAY)
    overdue = embargoed(TODAY - datetime.timedelta(days=30))
    not_yet = embargoed(TODAY + datetime.timedelta(days=1))

    released = release_embargoed_meetings(today=TODAY)

    assert sorted(released) == sorted([due.pk, overdue.pk])
    for meeting in (due, overdue):
        meeting.refresh_from_db()
        assert meeting.confidentiality == Confidentiality.PUBLIC
        assert meeting.released_at is not None
        # The ground and the date stay as the record that it was withheld, why and until when.
        assert meeting.withholding_ground == WithholdingGround.ONGOING_NEGOTIATION
        meeting.full_clean()
    not_yet.refresh_from_db()
    assert (not_yet.confidentiality, not_yet.released_at) == (Confidentiality.CONFIDENTIAL, None)


def test_drafts_and_submitted_records_are_not_released():
    draft = embargoed(TODAY - datetime.timedelta(days=1), published=False)
    submitted = embargoed(TODAY - datetime.timedelta(days=1), published=False, submitted=True)

    assert release_embargoed_meetings(today=TODAY) == []

    assert set(Meeting.objects.filter(pk__in=[draft.pk, submitted.pk]).values_list("confidentiality", flat=True)) == {
        Confidentiality.CONFIDENTIAL
    }


def test_the_release_date_is_judged_in_the_citys_time_zone():
    in_hanoi = embargoed(TODAY, negotiation=NegotiationFactory(city=CityFactory(name="Hanoi")))
    in_london = embargoed(TODAY, negotiation=NegotiationFactory(city=CityFactory(name="London")))

    released = release_embargoed_meetings(now=LATE_EVENING_UTC)

    assert released == [in_hanoi.pk]
    in_london.refresh_from_db()
    assert in_london.confidentiality == Confidentiality.CONFIDENTIAL


def test_each_release_is_recorded_in_the_history_with_its_reason_and_attendees():
    attendee = PersonFactory(public_official=True)
    union = TradeUnionFactory()
    meeting = embargoed(TODAY, attendees=[attendee])
    meeting.organisations.add(union)
    before = meeting.history.count()

    release_embargoed_meetings(today=TODAY)

    assert meeting.history.count() == before + 1
    latest = meeting.history.first()
    assert latest.confidentiality == Confidentiality.PUBLIC
    assert latest.history_type == "~"
    assert latest.history_change_reason == (
        f"release_embargoed_meetings: released to the public, the embargo ended on {TODAY:%Y-%m-%d}"
    )
    assert latest.history_user.username == "system"
    assert list(latest.attendees.values_list("person", flat=True)) == [attendee.pk]
    assert set(latest.organisations.values_list("organisation", flat=True)) == {
        meeting.negotiation.company_id, union.pk
    }
    assert latest.prev_record.confidentiality == Confidentiality.CONFIDENTIAL


def test_releasing_twice_changes_nothing_more():
    meeting = embargoed(TODAY)
    release_embargoed_meetings(today=TODAY)
    meeting.refresh_from_db()
    released_at, history = meeting.released_at, meeting.history.count()

    assert release_embargoed_meetings(today=TODAY + datetime.timedelta(days=1)) == []

    meeting.refresh_from_db()
    assert (meeting.released_at, meeting.history.count()) == (released_at, history)


def test_a_release_does_nothing_while_another_holds_the_lock():
    meeting = embargoed(TODAY)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_key(LOCK_NAME)])
        assert release_embargoed_meetings(today=TODAY) is None
    finally:
        other.close()
    meeting.refresh_from_db()
    assert meeting.confidentiality == Confidentiality.CONFIDENTIAL


def queries_to_release() -> int:
    with CaptureQueriesContext(connection) as queries:
        release_embargoed_meetings(today=TODAY)
    return len(queries)


def test_releasing_many_meetings_takes_as_many_queries_as_releasing_one():
    embargoed(TODAY, attendees=[PersonFactory()])
    one = queries_to_release()
    negotiation = NegotiationFactory()
    for _ in range(8):
        embargoed(TODAY, negotiation=negotiation, attendees=[PersonFactory(), PersonFactory()])
    many = queries_to_release()
    assert Meeting.objects.filter(confidentiality=Confidentiality.CONFIDENTIAL).count() == 0
    assert one == many


def test_the_task_releases_through_the_service():
    from ambassador.negotiations.tasks import release_embargoed_meetings as task

    meeting = embargoed(datetime.date(2020, 1, 1))

    assert task.apply().get() == 1

    meeting.refresh_from_db()
    assert meeting.confidentiality == Confidentiality.PUBLIC


def test_the_tasks_acknowledge_late_and_retry_database_errors_with_backoff():
    from django.db import InterfaceError, OperationalError

    from ambassador.negotiations.tasks import release_embargoed_meetings as release_task
    from ambassador.risk.tasks import compute_lobbying_risk as risk_task

    for task in (release_task, risk_task):
        assert task.acks_late is True
        assert set(task.autoretry_for) == {OperationalError, InterfaceError}
        assert task.retry_backoff == 5
        assert task.retry_backoff_max == 300
        assert task.retry_jitter is True
        assert task.max_retries == 5


def test_a_release_that_finds_the_lock_taken_retries_a_minute_later():
    from celery.exceptions import Retry

    from ambassador.core.tasks import LOCK_BUSY_RETRY_SECONDS
    from ambassador.negotiations import tasks

    with (
        mock.patch.object(tasks, "release_embargoed_meetings_service", return_value=None),
        mock.patch.object(tasks.release_embargoed_meetings, "retry", side_effect=Retry) as retry,
    ):
        result = tasks.release_embargoed_meetings.apply()

    assert isinstance(result.result, Retry)
    retry.assert_called_once_with(countdown=LOCK_BUSY_RETRY_SECONDS)


def test_both_jobs_are_on_the_beat_schedule():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["release-embargoed-meetings"]["task"] == "ambassador.negotiations.tasks.release_embargoed_meetings"
    assert schedule["compute-lobbying-risk"]["task"] == "ambassador.risk.tasks.compute_lobbying_risk"
    assert schedule["compute-lobbying-risk"]["schedule"].hour == {2}
