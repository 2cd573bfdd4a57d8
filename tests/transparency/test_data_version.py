"""The public data's version (ambassador/core/versioning.py): every change moves it, reading it costs one small query.

Each public page's ETag and its server-side copy are keyed by this version, so a change a reader could
see that did not move it would be served stale: every kind of writer is checked here, the bulk ones
(a release, a flag run, a risk run) above all, since they send no signals.
"""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from ambassador.commitments.overdue import flag_overdue_commitments
from ambassador.core.models import DataVersion
from ambassador.core.versioning import public_data_changed, read_data_version
from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.releases import release_embargoed_meetings
from ambassador.negotiations.services import meeting_delete, meeting_publish
from ambassador.risk.services import compute_lobbying_risk
from ambassador.stakeholders.factories import CouncilStaffUserFactory, TradeUnionFactory
from ambassador.stakeholders.services import organisation_update

from .conftest import body_of

UTC = datetime.UTC


def etag_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def still_fresh(client, url: str, etag: str) -> bool:
    return client.get(url, headers={"if-none-match": etag}).status_code == 304


@pytest.mark.django_db
def test_reading_the_version_is_one_query_on_the_version_table_alone(world):
    with CaptureQueriesContext(connection) as queries:
        number, changed_at = read_data_version()

    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert DataVersion._meta.db_table in sql
    assert "historical" not in sql.lower()  # no scan of the history tables, however large
    assert number > 0
    assert changed_at is not None


@pytest.mark.django_db
def test_publishing_changes_the_etag(client, world):
    url = f"/negotiations/{world.negotiation.slug}/"
    etag = etag_of(client, url)
    assert still_fresh(client, url, etag)

    world.submitted.refresh_from_db()
    meeting_publish(meeting=world.submitted, user=CouncilStaffUserFactory(city=world.city))

    assert not still_fresh(client, url, etag)
    assert "Submitted phone talk" in body_of(client.get(url))


@pytest.mark.django_db
def test_editing_changes_the_etag(client, world, superuser):
    url = f"/companies/{world.company.slug}/"
    etag = etag_of(client, url)

    organisation_update(organisation=world.company, user=superuser, name="Ridelyn Mobility Europe")

    assert not still_fresh(client, url, etag)
    assert "Ridelyn Mobility Europe" in body_of(client.get(url))


@pytest.mark.django_db
def test_a_change_of_attendees_alone_changes_the_etag(client, world):
    url = f"/meetings/{world.public_meeting.pk}/"
    etag = etag_of(client, url)

    world.public_meeting.organisations.add(TradeUnionFactory(name="Riders Union"))

    assert not still_fresh(client, url, etag)
    assert "Riders Union" in body_of(client.get(url))


@pytest.mark.django_db
def test_deleting_changes_the_etag(client, world):
    twice = MeetingFactory(negotiation=world.negotiation, published=True, subject="Kerbside talk logged twice")
    url = f"/negotiations/{world.negotiation.slug}/"
    etag = etag_of(client, url)
    assert "Kerbside talk logged twice" in body_of(client.get(url))

    meeting_delete(meeting=twice, user=CouncilStaffUserFactory(city=world.city), reason="Logged twice")

    assert not still_fresh(client, url, etag)
    assert "Kerbside talk logged twice" not in body_of(client.get(url))


@pytest.mark.django_db
def test_a_release_changes_the_etag(client, world):
    due = MeetingFactory(
        negotiation=world.negotiation, published=True, confidential=True, release_on=datetime.date(2026, 3, 1),
        subject="Embargo over", starts_at=datetime.datetime(2025, 6, 1, 10, tzinfo=UTC),
    )
    url = f"/meetings/{due.pk}/"
    etag = etag_of(client, url)
    before = read_data_version()

    # One UPDATE and history rows written in bulk: no signal, the release moves the version itself.
    assert due.pk in release_embargoed_meetings(today=datetime.date(2026, 3, 2))

    assert read_data_version()[0] > before[0]
    assert not still_fresh(client, url, etag)


@pytest.mark.django_db
def test_a_flag_run_changes_the_etag_and_a_run_that_changes_nothing_does_not(client, world):
    url = f"/cities/{world.city.slug}/"
    etag = etag_of(client, url)

    run = flag_overdue_commitments()  # the public commitment was due in January 2025

    assert run.raised["overdue"] >= 1
    assert not still_fresh(client, url, etag)
    etag = etag_of(client, url)

    assert flag_overdue_commitments().raised["overdue"] == 0
    assert still_fresh(client, url, etag)


@pytest.mark.django_db
def test_a_risk_run_changes_the_etag(client, world):
    url = "/risk/"
    etag = etag_of(client, url)

    compute_lobbying_risk()

    assert not still_fresh(client, url, etag)


@pytest.mark.django_db
def test_a_write_rolled_back_leaves_the_version_and_the_pages_as_they_were(client, world, superuser):
    url = f"/companies/{world.company.slug}/"
    etag = etag_of(client, url)
    before = read_data_version()

    with pytest.raises(RuntimeError), transaction.atomic():
        organisation_update(organisation=world.company, user=superuser, name="Never Renamed Ltd")
        raise RuntimeError("the request failed after the write")

    assert read_data_version() == before
    assert still_fresh(client, url, etag)
    assert "Never Renamed Ltd" not in body_of(client.get(url))

    # The next write moves it as usual.
    world.company.refresh_from_db()
    organisation_update(organisation=world.company, user=superuser, name="Renamed Ltd")
    assert not still_fresh(client, url, etag)
    assert "Renamed Ltd" in body_of(client.get(url))


@pytest.mark.django_db(transaction=True)
def test_a_writer_never_waits_for_another_transaction_holding_the_version():
    """A long job holds its slot until it commits; a second writer takes another slot without waiting."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time")
    holding, release = threading.Event(), threading.Event()
    failure = []

    def long_job():
        try:
            with transaction.atomic():
                public_data_changed()
                holding.set()
                release.wait(10)
        except Exception as error:  # noqa: BLE001 - reported to the test below
            failure.append(error)
        finally:
            connections.close_all()

    job = threading.Thread(target=long_job)
    job.start()
    try:
        assert holding.wait(10)
        before = read_data_version()[0]
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")  # waiting would fail the test, not hang it
            public_data_changed()
        assert read_data_version()[0] == before + 1  # visible once this writer commits, the job still running
    finally:
        release.set()
        job.join(10)
    assert not failure
    assert read_data_version()[0] == before + 2
    assert DataVersion.objects.count() == 2
