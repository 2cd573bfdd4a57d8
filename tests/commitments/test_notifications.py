"""Each new flag is announced once to the right people of its own city; each city gets one digest a week."""

import datetime

import pytest

from ambassador.commitments import notifications, overdue
from ambassador.commitments.choices import FlagKind, NotificationKind
from ambassador.commitments.factories import CommitmentFactory, OverdueFlagFactory
from ambassador.commitments.models import Commitment, Notification, OverdueFlag
from ambassador.negotiations.factories import NegotiationFactory
from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory, EnvoyUserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 3, 1)
NOW = datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC)


@pytest.fixture
def amsterdam():
    city = CityFactory(name="Amsterdam")
    negotiation = NegotiationFactory(city=city)
    staff = CouncilStaffUserFactory.create_batch(2, city=city)
    return city, negotiation, staff


def raise_flags(now=NOW):
    return overdue.flag_overdue_commitments(now=now)


def recipients(flag) -> set[str]:
    return set(Notification.objects.filter(flags=flag).values_list("email", flat=True))


def test_overdue_flag_alerts_the_lead_envoy_and_the_city_council_staff_once(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam
    CouncilStaffUserFactory(city=CityFactory(name="London"))  # another city's staff hear nothing
    CouncilStaffUserFactory(city=city, is_active=False)
    CouncilStaffUserFactory(city=city, email="")
    commitment = CommitmentFactory(negotiation=negotiation, due_on=DUE)
    raise_flags()

    assert notifications.queue_flag_notifications(now=NOW) == (1, 3)
    assert notifications.queue_flag_notifications(now=NOW) == (0, 0)
    flag = OverdueFlag.objects.get(commitment=commitment)
    assert flag.notified_at == NOW
    assert recipients(flag) == {negotiation.lead_envoy.email, *(user.email for user in staff)}

    assert notifications.deliver_notifications() == 3
    assert notifications.deliver_notifications() == 0
    assert sorted(message.to[0] for message in mailoutbox) == sorted(recipients(flag))
    assert not Notification.objects.pending().exists()


def test_due_soon_warning_goes_to_the_lead_envoy_only(amsterdam):
    city, negotiation, staff = amsterdam
    CommitmentFactory(negotiation=negotiation, due_on=NOW.date() + datetime.timedelta(days=3))
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    flag = OverdueFlag.objects.get()
    assert flag.kind == FlagKind.DUE_SOON
    assert recipients(flag) == {negotiation.lead_envoy.email}


def test_lead_envoy_of_another_city_is_not_told():
    negotiation = NegotiationFactory(city=CityFactory(name="Hanoi"), lead_envoy=EnvoyUserFactory())
    CommitmentFactory(negotiation=negotiation, due_on=DUE)
    raise_flags()
    assert notifications.queue_flag_notifications(now=NOW) == (1, 0)


def test_flag_cleared_before_its_alert_is_marked_notified_without_email(amsterdam):
    city, negotiation, staff = amsterdam
    OverdueFlagFactory(commitment__negotiation=negotiation, cleared=True)
    assert notifications.queue_flag_notifications(now=NOW) == (1, 0)
    assert OverdueFlag.objects.unnotified().count() == 0


def test_marking_flags_notified_is_audited_as_the_job(amsterdam):
    city, negotiation, staff = amsterdam
    CommitmentFactory(negotiation=negotiation, due_on=DUE)
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    latest = OverdueFlag.objects.get().history.latest()
    assert (latest.history_type, latest.history_user.username, latest.history_change_reason) == (
        "~", "system", "queue_flag_notifications: notified",
    )
    assert latest.notified_at == NOW


def test_alert_says_what_is_late_since_when_and_why(amsterdam, mailoutbox, settings):
    settings.AMBASSADOR_SITE_URL = "https://record.example.org"
    city, negotiation, staff = amsterdam
    commitment = CommitmentFactory(negotiation=negotiation, due_on=DUE, text="Publish the mobility data & its API.")
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    notifications.deliver_notifications()

    message = next(m for m in mailoutbox if m.to == [negotiation.lead_envoy.email])
    assert message.subject == f"[Amsterdam] Overdue: {commitment.text}"
    assert "Publish the mobility data & its API." in message.body
    assert "OVERDUE: due 1 March 2026, 4 days late" in message.body
    assert "in Europe/Amsterdam" in message.body and "overdue" in message.body
    assert f"https://record.example.org/admin/commitments/commitment/{commitment.pk}/change/" in message.body
    notification = Notification.objects.get(recipient=negotiation.lead_envoy)
    assert message.extra_headers["Message-ID"] == f"<commitments-notification-{notification.pk}@ambassador.invalid>"


def test_delivery_stops_at_its_limit_and_resumes(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam
    CouncilStaffUserFactory.create_batch(6, city=city)  # nine recipients, one alert each
    CommitmentFactory.create_batch(3, negotiation=negotiation, due_on=DUE)
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    assert notifications.deliver_notifications(limit=4, batch_size=3) == 4
    assert notifications.pending_count() == 5
    assert notifications.deliver_notifications(batch_size=2) == 5
    assert len(mailoutbox) == 9
    assert len({m.extra_headers["Message-ID"] for m in mailoutbox}) == 9


def test_weekly_digest_is_queued_once_per_city_week_and_person(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam
    CommitmentFactory(negotiation=negotiation, due_on=NOW.date() - datetime.timedelta(days=3))
    CommitmentFactory(negotiation=negotiation, due_on=NOW.date() + datetime.timedelta(days=5))
    slipped = CommitmentFactory(negotiation=negotiation, due_on=NOW.date() + datetime.timedelta(days=90))
    Commitment.objects.filter(pk=slipped.pk).update(slippage_count=2, original_due_on=DUE)
    hanoi_staff = CouncilStaffUserFactory(city=CityFactory(name="Hanoi"))

    queued = notifications.queue_weekly_digests(now=NOW)
    assert queued == 4  # Amsterdam's two staff and its envoy; Hanoi's staff member
    assert Notification.objects.filter(kind=NotificationKind.WEEKLY_DIGEST).count() == 4
    assert notifications.queue_weekly_digests(now=NOW + datetime.timedelta(days=2)) == 0
    assert set(Notification.objects.values_list("week_of", flat=True)) == {datetime.date(2026, 3, 2)}
    assert notifications.queue_weekly_digests(now=NOW + datetime.timedelta(days=7)) == queued

    notifications.deliver_notifications()
    lead = next(m for m in mailoutbox if m.to == [negotiation.lead_envoy.email])
    assert lead.subject == "[Amsterdam] Commitments this week: 1 overdue, 1 due soon, 1 slipping"
    assert "OVERDUE (1)" in lead.body
    assert "DUE WITHIN 14 DAYS (1)" in lead.body
    assert "SLIPPING: DUE DATE MOVED (1)" in lead.body
    assert "moved 2 times, first due 1 Mar 2026" in lead.body
    hanoi = next(m for m in mailoutbox if m.to == [hanoi_staff.email])
    assert "OVERDUE (0)" in hanoi.body and negotiation.company.name not in hanoi.body


def test_each_city_gets_the_digest_of_the_week_it_is_in_by_its_own_date(db):
    amsterdam_staff = CouncilStaffUserFactory(city=CityFactory(name="Amsterdam", time_zone="Europe/Amsterdam"))
    new_york_staff = CouncilStaffUserFactory(city=CityFactory(name="New York", time_zone="America/New_York"))
    # Monday 2 March 2026, 02:00 UTC: Monday in Amsterdam, still Sunday 1 March in New York.
    monday_night = datetime.datetime(2026, 3, 2, 2, tzinfo=datetime.UTC)

    assert notifications.queue_weekly_digests(now=monday_night) == 2

    weeks = dict(Notification.objects.values_list("recipient", "week_of"))
    assert weeks[amsterdam_staff.pk] == datetime.date(2026, 3, 2)
    assert weeks[new_york_staff.pk] == datetime.date(2026, 2, 23)
