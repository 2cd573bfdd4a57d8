"""The public pages: what they show, what they never show, and how they answer."""


import pytest
from django.urls import reverse

from ambassador.negotiations.services import meeting_publish
from ambassador.stakeholders.factories import CouncilStaffUserFactory

from .conftest import body_of

pytestmark = pytest.mark.django_db


def pages(world):
    return [
        "/",
        "/vi/",
        f"/cities/{world.city.slug}/",
        f"/companies/{world.company.slug}/",
        f"/negotiations/{world.negotiation.slug}/",
        f"/meetings/{world.public_meeting.pk}/",
        f"/meetings/{world.restricted.pk}/",
        f"/meetings/{world.released.pk}/",
        f"/commitments/{world.public_commitment.pk}/",
        "/commitments/",
        "/commitments/?overdue=on",
        "/risk/",
        "/methodology/",
        "/withheld/",
        "/data/",
    ]


def test_every_public_page_answers_and_shows_no_withheld_text(client, world):
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = body_of(response)
        for secret in world.secrets:
            assert secret not in body, (url, secret)


@pytest.mark.parametrize(
    "record", ["embargoed", "draft", "submitted"],
)
def test_withheld_meetings_give_404_by_id(client, world, record):
    assert client.get(f"/meetings/{getattr(world, record).pk}/").status_code == 404
    assert client.get(f"/vi/meetings/{getattr(world, record).pk}/").status_code == 404


@pytest.mark.parametrize("record", ["embargoed_commitment", "unannounced_commitment", "draft_commitment"])
def test_commitments_of_withheld_records_give_404_by_id(client, world, record):
    assert client.get(f"/commitments/{getattr(world, record).pk}/").status_code == 404


def test_unannounced_negotiation_gives_404(client, world):
    assert client.get(f"/negotiations/{world.unannounced.slug}/").status_code == 404


def test_restricted_meeting_shows_subject_date_and_parties_but_not_minutes_or_place(client, world):
    body = body_of(client.get(f"/negotiations/{world.negotiation.slug}/"))
    assert "Restricted pricing talk" in body
    assert "Restricted: the minutes are withheld" in body
    assert "Petra Publica" in body
    assert world.company.name in body
    assert "Main points of Restricted pricing talk" not in body
    assert "Room of Restricted pricing talk" not in body


def test_public_and_released_meetings_show_their_minutes(client, world):
    body = body_of(client.get(f"/negotiations/{world.negotiation.slug}/"))
    assert "Main points of Open kerbside talk" in body
    assert "Conclusions of Released hosting talk" in body


def test_private_attendees_are_counted_under_their_organisation_never_named(client, world):
    body = body_of(client.get(f"/meetings/{world.public_meeting.pk}/"))
    assert "Petra Publica" in body
    assert "1 other person from Ridelyn Mobility" in body
    assert "Xavier Privatus" not in body


def test_meeting_times_are_shown_in_the_city_time_zone(client, world):
    # 09:30 UTC on 10 March 2025 is 10:30 in Amsterdam.
    body = body_of(client.get(f"/meetings/{world.public_meeting.pk}/"))
    assert "10:30 a.m." in body
    assert "Europe/Amsterdam" in body


def test_negotiation_page_shows_commitment_status_evidence_and_moved_due_dates(client, world):
    body = body_of(client.get(f"/negotiations/{world.negotiation.slug}/"))
    assert "Share anonymised trips weekly" in body
    assert "First sample shared" in body
    assert "Waiting for the impact assessment" in body
    assert "Overdue" in body


def test_withheld_page_counts_restricted_and_embargoed_meetings_by_ground(client, world):
    body = body_of(client.get("/withheld/"))
    assert "Commercial confidentiality" in body
    assert "Negotiating position" in body
    release = world.embargoed.release_on
    assert release.isoformat() in body


def test_withheld_page_lists_the_next_release_dates_and_counts_the_later_ones(client, world):
    import datetime

    from ambassador.negotiations.factories import MeetingFactory
    from ambassador.transparency.views import WITHHELD_RELEASE_DATES_SHOWN

    first = world.embargoed.release_on
    later = [first + datetime.timedelta(days=30 * n) for n in range(1, WITHHELD_RELEASE_DATES_SHOWN + 3)]
    for release_on in later:
        MeetingFactory(
            negotiation=world.embargoed.negotiation, published=True, confidential=True, release_on=release_on,
            withholding_ground=world.embargoed.withholding_ground,
        )
    body = body_of(client.get("/withheld/"))
    dates = sorted([first, *later])
    assert all(day.isoformat() in body for day in dates[:WITHHELD_RELEASE_DATES_SHOWN])
    assert not any(day.isoformat() in body for day in dates[WITHHELD_RELEASE_DATES_SHOWN:])
    assert f"and {len(dates) - WITHHELD_RELEASE_DATES_SHOWN} later dates" in body


def test_commitment_filters_narrow_the_results(client, world):
    body = body_of(client.get("/commitments/", {"q": "anonymised"}))
    assert "Share anonymised trips weekly" in body
    body = body_of(client.get("/commitments/", {"completion": "complete"}))
    assert "Share anonymised trips weekly" not in body
    body = body_of(client.get("/commitments/", {"overdue": "on", "city": world.city.slug}))
    assert "Share anonymised trips weekly" in body


def test_commitment_filter_form_is_labelled(client, world):
    body = body_of(client.get("/commitments/"))
    for field in ("q", "city", "company", "area", "principle", "completion", "overdue"):
        assert f'for="id_{field}"' in body


def test_company_page_shows_risk_score_with_its_indicators_and_caveat(client, world):
    body = body_of(client.get(f"/companies/{world.company.slug}/"))
    assert "62.0" in body
    assert "Declared lobbying spend" in body
    assert "a reason to look, not proof" in body


def test_vietnamese_pages_are_in_vietnamese_with_a_switcher_back(client, world):
    body = body_of(client.get(f"/vi/cities/{world.city.slug}/"))
    assert '<html lang="vi">' in body
    assert f'href="/cities/{world.city.slug}/"' in body
    body = body_of(client.get(f"/cities/{world.city.slug}/"))
    assert f'href="/vi/cities/{world.city.slug}/"' in body


def test_public_pages_ignore_the_language_cookie_so_one_url_is_one_language(client, world):
    client.cookies["django_language"] = "vi"
    assert '<html lang="en">' in body_of(client.get("/"))


def test_unchanged_page_answers_304_and_a_publish_changes_it_at_once(client, world):
    url = f"/negotiations/{world.negotiation.slug}/"
    first = client.get(url)
    assert first["ETag"]
    assert "max-age=0" in first["Cache-Control"]
    assert first["Last-Modified"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304

    world.submitted.refresh_from_db()
    meeting_publish(meeting=world.submitted, user=CouncilStaffUserFactory(city=world.city))
    after = client.get(url, headers={"if-none-match": first["ETag"]})
    assert after.status_code == 200
    assert "Submitted phone talk" in body_of(after)


def test_a_confidential_meeting_appears_on_its_release_date(client, world):
    from ambassador.core.timezones import city_today
    from ambassador.negotiations.models import Meeting

    meeting = Meeting.objects.get(pk=world.embargoed.pk)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    meeting.release_on = city_today(meeting.city)
    meeting.save()
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200


def test_named_urls_reverse():
    assert reverse("transparency:home") == "/"
    assert reverse("transparency:city", args=["x"]) == "/cities/x/"


def test_indicator_numbers_are_grouped_in_the_reader_locale(client, world):
    assert "1,250,000" in body_of(client.get(f"/companies/{world.company.slug}/"))
    assert "1.250.000" in body_of(client.get(f"/vi/companies/{world.company.slug}/"))
