"""Each new flag is announced once to the right people of its own city; each city gets one digest a week."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassador.commitments import notifications, overdue
from ambassador.commitments.checkpoints import times_reached
from ambassador.commitments.choices import FlagKind, NotificationKind
from ambassador.commitments.factories import CommitmentFactory, OverdueFlagFactory
from ambassador.commitments.models import Commitment, Notification, NotificationFlag, OverdueFlag
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


# --- One email per person per run, listing every new flag -------------------------------------------

def late_commitments(negotiation, count: int, *, first_due=DUE, prefix="Deliver item"):
    """``count`` commitments of the negotiation, each due a day before the previous one, with distinct texts."""
    return [
        CommitmentFactory(
            negotiation=negotiation, without_meeting=True, due_on=first_due - datetime.timedelta(days=number),
            text=f"{prefix} {number:02d}.",
        )
        for number in range(count)
    ]


def alert_to(user, mailoutbox):
    (message,) = (m for m in mailoutbox if m.to == [user.email])
    return message


def test_fifty_new_flags_for_one_envoy_make_one_email_listing_all_fifty(amsterdam, mailoutbox, settings):
    settings.AMBASSADOR_ALERT_LIST_LENGTH = 50
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 50)
    raise_flags()

    assert notifications.queue_flag_notifications(now=NOW) == (50, 3)  # the envoy and the two council staff
    assert notifications.deliver_notifications() == 3

    assert len(mailoutbox) == 3
    message = alert_to(negotiation.lead_envoy, mailoutbox)
    assert message.subject == "[Amsterdam] 50 commitments newly flagged: 50 overdue"
    for number in range(50):
        assert message.body.count(f"Deliver item {number:02d}.") == 1
    assert "more flag" not in message.body
    assert message.body.count("/admin/commitments/commitment/") == 50
    assert Notification.objects.get(recipient=negotiation.lead_envoy).flags.count() == 50
    assert NotificationFlag.objects.count() == 150


def test_past_the_list_length_an_alert_lists_the_most_overdue_and_links_to_the_rest(
    amsterdam, mailoutbox, settings, client
):
    settings.AMBASSADOR_SITE_URL = "https://record.example.org"
    settings.AMBASSADOR_ALERT_LIST_LENGTH = 10
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 25)
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    notifications.deliver_notifications()

    envoy = negotiation.lead_envoy
    message = alert_to(envoy, mailoutbox)
    listed = [number for number in range(25) if f"Deliver item {number:02d}." in message.body]
    assert listed == list(range(15, 25))  # the ten due longest ago
    alert = Notification.objects.get(recipient=envoy)
    link = f"https://record.example.org/admin/commitments/overdueflag/?alert={alert.pk}"
    assert f"… and 15 more flags, all listed here: {link}" in message.body

    client.force_login(envoy)
    page = client.get(link.removeprefix("https://record.example.org"))
    assert page.status_code == 200
    shown = page.content.decode()
    assert all(f"Deliver item {number:02d}." in shown for number in range(25))
    assert "25 overdue flags" in shown


def test_the_alert_link_shows_only_that_alerts_flags_and_rejects_a_bad_number(amsterdam, client):
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 2, prefix="First run item")
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    late_commitments(negotiation, 1, first_due=DUE - datetime.timedelta(days=40), prefix="Second run item")
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    first, second = Notification.objects.filter(recipient=negotiation.lead_envoy).order_by("pk")

    client.force_login(negotiation.lead_envoy)
    shown = client.get(f"/admin/commitments/overdueflag/?alert={second.pk}").content.decode()
    assert "Second run item 00." in shown and "First run item" not in shown
    for bad in ("abc", "-1", "9" * 40):
        response = client.get(f"/admin/commitments/overdueflag/?alert={bad}")
        assert response.status_code in (200, 302), bad
    # Another city's staff do not see these flags through the link.
    client.force_login(CouncilStaffUserFactory(city=CityFactory(name="London")))
    assert "First run item" not in client.get(f"/admin/commitments/overdueflag/?alert={first.pk}").content.decode()


def test_two_recipients_each_get_one_email_with_their_own_flags(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam
    other = NegotiationFactory(city=city)
    late_commitments(negotiation, 3, prefix="Ours")
    late_commitments(other, 2, prefix="Theirs")
    CommitmentFactory(negotiation=other, without_meeting=True, due_on=NOW.date() + datetime.timedelta(days=3),
                      text="Theirs, due soon.")
    raise_flags()

    assert notifications.queue_flag_notifications(now=NOW) == (6, 4)
    notifications.deliver_notifications()

    assert len(mailoutbox) == 4
    ours, theirs = alert_to(negotiation.lead_envoy, mailoutbox), alert_to(other.lead_envoy, mailoutbox)
    assert "Ours 00." in ours.body and "Theirs" not in ours.body
    assert theirs.subject == "[Amsterdam] 3 commitments newly flagged: 2 overdue, 1 due soon"
    assert "Ours" not in theirs.body and "DUE SOON: due 8 March 2026, in 3 days" in theirs.body
    for member in staff:  # council staff hear of every overdue commitment, grouped by negotiation
        body = alert_to(member, mailoutbox).body
        assert body.count("OVERDUE: ") == 5 and "Theirs, due soon." not in body
        assert body.index(negotiation.title) < body.index("Ours 00.") and body.index(other.title) < body.index(
            "Theirs 00."
        )


def test_a_second_run_queues_and_sends_nothing(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 5)
    raise_flags()
    assert notifications.queue_flag_notifications(now=NOW) == (5, 3)
    assert notifications.deliver_notifications() == 3
    raise_flags(NOW + datetime.timedelta(hours=1))

    assert notifications.queue_flag_notifications(now=NOW + datetime.timedelta(hours=1)) == (0, 0)
    assert notifications.deliver_notifications() == 0
    assert len(mailoutbox) == 3


def test_a_flag_raised_after_a_run_is_in_the_next_runs_alert_once(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 3, prefix="Early")
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    notifications.deliver_notifications()
    late_commitments(negotiation, 1, first_due=NOW.date() - datetime.timedelta(days=1), prefix="Late")
    later = NOW + datetime.timedelta(hours=1)
    raise_flags(later)

    assert notifications.queue_flag_notifications(now=later) == (1, 3)
    notifications.deliver_notifications()

    second = [m for m in mailoutbox[3:] if m.to == [negotiation.lead_envoy.email]]
    assert len(second) == 1 and "Late 00." in second[0].body and "Early" not in second[0].body
    pairs = list(NotificationFlag.objects.values_list("flag", "recipient"))
    assert len(pairs) == len(set(pairs)) == 4 * 3


def test_queuing_takes_the_same_statements_for_one_flag_and_for_sixty(amsterdam):
    city, negotiation, staff = amsterdam

    def statements_of_a_run(count: int, at: datetime.datetime) -> int:
        late_commitments(negotiation, count, first_due=at.date() - datetime.timedelta(days=1), prefix=f"Batch {at}")
        raise_flags(at)
        with CaptureQueriesContext(connection) as queries:
            notifications.queue_flag_notifications(now=at)
        return len(queries)

    assert statements_of_a_run(1, NOW) == statements_of_a_run(60, NOW + datetime.timedelta(days=1))


def test_sending_takes_the_same_queries_for_one_alert_and_for_many(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam

    def queries_to_send(at: datetime.datetime) -> int:
        raise_flags(at)
        notifications.queue_flag_notifications(now=at)
        with CaptureQueriesContext(connection) as queries:
            notifications.deliver_notifications(batch_size=100)
        return len(queries)

    late_commitments(NegotiationFactory(city=city), 1)
    CouncilStaffUserFactory.create_batch(5, city=city)
    one = queries_to_send(NOW)  # one flag: its lead envoy and seven council staff
    for _ in range(4):
        late_commitments(NegotiationFactory(city=city), 12, prefix="More")
    many = queries_to_send(NOW + datetime.timedelta(days=1))  # 48 flags, eleven people
    assert len(mailoutbox) == 8 + 11
    assert many == one


def test_notification_admin_shows_how_many_flags_an_alert_covers(amsterdam, admin_client):
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 7)
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    alert = Notification.objects.get(recipient=negotiation.lead_envoy)

    page = admin_client.get("/admin/commitments/notification/").content.decode()
    assert f'<a href="/admin/commitments/overdueflag/?alert={alert.pk}">7</a>' in page
    detail = admin_client.get(f"/admin/commitments/notification/{alert.pk}/change/").content.decode()
    assert f'?alert={alert.pk}">7</a>' in detail


# --- Runs at the same time (PostgreSQL: a run waits for no one and locks the flags it marks) -----------

def _run_in_thread(function, results: list):
    def target():
        try:
            results.append(function())
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    return thread


def _wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


@pytest.mark.postgresql_only(reason="SQLite lets one writer in at a time, so no flag is raised during a run")
@pytest.mark.django_db(transaction=True)
def test_a_flag_raised_while_a_run_builds_its_alerts_goes_in_the_next_run_not_lost_not_twice(
    amsterdam, settings, tmp_path, mailoutbox
):
    settings.AMBASSADOR_JOB_CHECKPOINT_DIR = str(tmp_path)
    hold = tmp_path / f"{notifications.MARKED_CHECKPOINT}.hold"
    hold.touch()
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 3, prefix="Before")
    raise_flags()

    results = []
    thread = _run_in_thread(lambda: notifications.queue_flag_notifications(now=NOW), results)
    _wait_for(lambda: times_reached(tmp_path, notifications.MARKED_CHECKPOINT))
    late_commitments(negotiation, 1, prefix="During")
    raise_flags()  # commits while the run holds its marked flags
    hold.unlink()
    thread.join(timeout=30)

    assert results == [(3, 3)]
    during = OverdueFlag.objects.get(commitment__text="During 00.")
    assert during.notified_at is None and not during.notifications.exists()
    assert notifications.queue_flag_notifications(now=NOW) == (1, 3)
    notifications.deliver_notifications()
    envoy_emails = [m.body for m in mailoutbox if m.to == [negotiation.lead_envoy.email]]
    assert len(envoy_emails) == 2
    assert "Before 00." in envoy_emails[0] and "During" not in envoy_emails[0]
    assert "During 00." in envoy_emails[1] and "Before" not in envoy_emails[1]
    assert NotificationFlag.objects.count() == 4 * 3


@pytest.mark.postgresql_only(reason="two runs at once need the advisory lock; SQLite runs them one after the other")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_list_each_flag_once_per_recipient(amsterdam, settings, tmp_path):
    settings.AMBASSADOR_JOB_CHECKPOINT_DIR = str(tmp_path)
    hold = tmp_path / f"{notifications.MARKED_CHECKPOINT}.hold"
    hold.touch()
    city, negotiation, staff = amsterdam
    late_commitments(negotiation, 20)
    raise_flags()

    results = []
    first = _run_in_thread(lambda: notifications.queue_flag_notifications(now=NOW), results)
    _wait_for(lambda: times_reached(tmp_path, notifications.MARKED_CHECKPOINT))
    second = _run_in_thread(lambda: notifications.queue_flag_notifications(now=NOW), results)
    second.join(timeout=30)
    hold.unlink()
    first.join(timeout=30)

    assert sorted(results, key=str) == sorted([None, (20, 3)], key=str)
    assert notifications.queue_flag_notifications(now=NOW) == (0, 0)
    assert Notification.objects.count() == 3
    pairs = list(NotificationFlag.objects.values_list("flag", "recipient"))
    assert len(pairs) == len(set(pairs)) == 20 * 3


def test_an_alert_whose_commitments_were_deleted_before_sending_sends_nothing(amsterdam, mailoutbox):
    city, negotiation, staff = amsterdam
    (gone,) = late_commitments(negotiation, 1, prefix="Deleted")
    late_commitments(NegotiationFactory(city=city), 1, prefix="Kept")
    raise_flags()
    notifications.queue_flag_notifications(now=NOW)
    Commitment.objects.filter(pk=gone.pk).delete()

    assert notifications.deliver_notifications() == 4  # the row of the deleted one's envoy leaves the outbox too
    assert not Notification.objects.pending().exists()
    assert negotiation.lead_envoy.email not in {m.to[0] for m in mailoutbox}
    assert len(mailoutbox) == 3 and all("Deleted" not in m.body for m in mailoutbox)
