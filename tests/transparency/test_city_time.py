"""The public site and the staff dashboard judge and show dates and times in each city's own time zone."""

import datetime

import pytest

from ambassador.commitments.factories import CommitmentFactory
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.stakeholders.factories import AffiliationFactory, CityFactory, CouncilStaffUserFactory, PersonFactory
from ambassador.transparency import caching, public

from .conftest import body_of

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
RELEASE_ON = datetime.date(2026, 3, 2)
# 02:00 UTC on 2 March 2026: the UTC date has turned, but it is 21:00 on 1 March in New York (UTC-5).
UTC_DATE_TURNED = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
NEW_YORK_MIDNIGHT = datetime.datetime(2026, 3, 2, 5, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """Sets the current instant: ``clock(instant)``."""

    def set_now(instant):
        monkeypatch.setattr("django.utils.timezone.now", lambda: instant)

    return set_now


@pytest.fixture
def embargoed_in_new_york(new_york):
    negotiation = NegotiationFactory(city=new_york, title="Curb data", slug="curb-data")
    meeting = MeetingFactory(
        negotiation=negotiation, published=True, confidential=True, release_on=RELEASE_ON,
        subject="Curb data embargoed subject", starts_at=datetime.datetime(2025, 6, 1, 14, tzinfo=UTC),
    )
    commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting, text="Curb data embargoed promise")
    return meeting, commitment


PUBLIC_SURFACES = [
    "/meetings/{meeting}/",
    "/commitments/{commitment}/",
    "/api/public/v1/meetings/{meeting}/",
    "/api/public/v1/commitments/{commitment}/",
]


@pytest.mark.parametrize("surface", PUBLIC_SURFACES)
def test_an_embargoed_new_york_meeting_is_absent_until_its_release_date_in_new_york(client, clock,
                                                                                    embargoed_in_new_york, surface):
    meeting, commitment = embargoed_in_new_york
    address = surface.format(meeting=meeting.pk, commitment=commitment.pk)

    clock(UTC_DATE_TURNED)
    assert client.get(address).status_code == 404

    clock(NEW_YORK_MIDNIGHT)
    assert client.get(address).status_code == 200


@pytest.mark.parametrize("listing", ["/feeds/meetings/", "/data/meetings.csv", "/api/public/v1/meetings/",
                                     "/cities/new-york/"])
def test_listings_leave_out_the_embargoed_new_york_meeting_until_its_release_date(client, clock,
                                                                                  embargoed_in_new_york, listing):
    clock(UTC_DATE_TURNED)
    assert "Curb data embargoed subject" not in body_of(client.get(listing))

    clock(NEW_YORK_MIDNIGHT)
    assert "Curb data embargoed subject" in body_of(client.get(listing))


def test_the_withheld_page_counts_the_new_york_meeting_until_its_release_date(client, clock, embargoed_in_new_york):
    clock(UTC_DATE_TURNED)
    assert "New York" in body_of(client.get("/withheld/"))

    clock(NEW_YORK_MIDNIGHT)
    assert "New York" not in body_of(client.get("/withheld/"))


def test_the_page_version_changes_at_midnight_in_new_york(clock):
    clock(datetime.datetime(2026, 2, 1, 12, 0, tzinfo=UTC))  # the records were last written a month earlier
    CityFactory(name="New York", slug="new-york", country="US", time_zone="America/New_York", languages=["en"])
    CityFactory(name="Hanoi")

    clock(UTC_DATE_TURNED)
    before = caching.data_changed_at()

    clock(NEW_YORK_MIDNIGHT + datetime.timedelta(minutes=1))
    after = caching.data_changed_at()

    assert before == datetime.datetime(2026, 3, 1, 17, 0, tzinfo=UTC)  # midnight in Hanoi
    assert after == NEW_YORK_MIDNIGHT


def test_meeting_times_are_shown_in_the_citys_zone_on_pages_feeds_and_downloads(client, hanoi):
    meeting = MeetingFactory(negotiation=NegotiationFactory(city=hanoi), published=True, subject="Flood sensors",
                             starts_at=datetime.datetime(2025, 3, 4, 3, 0, tzinfo=UTC))

    page = body_of(client.get(f"/meetings/{meeting.pk}/"))
    assert "March 4, 2025, 10 a.m." in page
    assert "(Asia/Ho_Chi_Minh)" in page
    assert "2025-03-04 10:00 (Asia/Ho_Chi_Minh)" in body_of(client.get("/feeds/meetings/"))
    csv_body = body_of(client.get("/data/meetings.csv"))
    assert "2025-03-04T10:00:00+07:00" in csv_body
    assert "2025-03-07T10:00:00+07:00" in csv_body  # published three days later, on the city's clock


def test_an_attendees_role_is_the_one_held_on_the_meeting_day_in_the_city(new_york):
    company = NegotiationFactory(city=new_york).company
    person = PersonFactory(full_name="Dana Moves", public_official=True)
    AffiliationFactory(person=person, organisation=company, role="Head of public policy",
                       start_on=datetime.date(2020, 1, 1), end_on=datetime.date(2026, 3, 1))
    AffiliationFactory(person=person, at_city=True, city=new_york, organisation=None, role="Deputy mayor",
                       start_on=datetime.date(2026, 3, 2))
    meeting = MeetingFactory(negotiation=NegotiationFactory(city=new_york, company=company), published=True,
                             attendees=[person], starts_at=datetime.datetime(2026, 3, 2, 3, 0, tzinfo=UTC))

    shown = public.present_meeting(public.public_meetings().get(pk=meeting.pk))

    # 03:00 UTC on 2 March is 22:00 on 1 March in New York: she still worked for the company.
    assert [(p.name, p.role) for p in shown.named_people] == [("Dana Moves", "Head of public policy")]


def test_a_public_commitment_is_overdue_from_the_day_after_its_due_date_in_its_city(clock, new_york):
    commitment = CommitmentFactory(negotiation=NegotiationFactory(city=new_york), without_meeting=True,
                                   due_on=datetime.date(2026, 3, 1))

    clock(UTC_DATE_TURNED)
    assert not public.is_overdue(commitment)
    assert commitment not in public.public_overdue_commitments()

    clock(NEW_YORK_MIDNIGHT)
    assert public.is_overdue(commitment)
    assert commitment in public.public_overdue_commitments()


def test_the_staff_dashboard_shows_the_last_meeting_in_the_citys_zone(client, new_york):
    negotiation = NegotiationFactory(city=new_york, stalled=True)
    MeetingFactory(negotiation=negotiation, starts_at=datetime.datetime(2025, 3, 2, 3, 0, tzinfo=UTC))
    client.force_login(CouncilStaffUserFactory(city=new_york))

    page = body_of(client.get("/staff/"))

    assert "March 1, 2025, 10 p.m." in page
    assert "(America/New_York)" in page
