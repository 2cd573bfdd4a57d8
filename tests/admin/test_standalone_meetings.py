"""Envoys log meetings outside any negotiation in the admin, for their own city only."""

import pytest

from ambassador.negotiations.factories import MeetingFactory
from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.factories import TradeUnionFactory

from .helpers import COMMITMENT_ROW, logged_in, meeting_post, url

pytestmark = pytest.mark.django_db


def _standalone_post(city, organisations, commitments=(), **overrides):
    return meeting_post(
        None, commitments, city=city.pk if city else "",
        organisations=[organisation.pk for organisation in organisations],
        subject="Couriers' working conditions across delivery apps", **overrides,
    )


def test_the_city_field_offers_the_envoys_own_city_only(client, envoy, amsterdam, barcelona):
    response = logged_in(client, envoy).get(url("negotiations_meeting_add"))

    assert response.status_code == 200
    choices = list(response.context["adminform"].form.fields["city"].queryset)
    assert choices == [amsterdam]
    assert response.context["adminform"].form.initial["city"] == amsterdam.pk


def test_an_envoy_logs_a_meeting_with_a_union_outside_any_negotiation(client, envoy, amsterdam):
    union = TradeUnionFactory()

    response = logged_in(client, envoy).post(url("negotiations_meeting_add"), _standalone_post(amsterdam, [union]))

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get()
    assert (meeting.negotiation, meeting.city, meeting.logged_by) == (None, amsterdam, envoy)
    assert list(meeting.organisations.all()) == [union]


def test_an_envoy_cannot_log_one_for_another_city(client, envoy, barcelona):
    response = logged_in(client, envoy).post(
        url("negotiations_meeting_add"), _standalone_post(barcelona, [TradeUnionFactory()])
    )

    assert response.status_code == 200
    assert "city" in response.context["adminform"].form.errors
    assert not Meeting.objects.exists()


def test_a_meeting_outside_a_negotiation_needs_an_organisation_present(client, envoy, amsterdam):
    response = logged_in(client, envoy).post(url("negotiations_meeting_add"), _standalone_post(amsterdam, []))

    assert response.status_code == 200
    assert "organisations" in response.context["adminform"].form.errors
    assert not Meeting.objects.exists()


def test_a_meeting_outside_a_negotiation_records_no_commitments(client, envoy, amsterdam):
    response = logged_in(client, envoy).post(
        url("negotiations_meeting_add"), _standalone_post(amsterdam, [TradeUnionFactory()], [COMMITMENT_ROW])
    )

    assert response.status_code == 200
    assert any("negotiation" in str(error) for error in response.context["inline_admin_formsets"][0].non_form_errors())
    assert not Meeting.objects.exists()


def test_a_meeting_in_a_negotiation_takes_its_city_without_naming_one(client, envoy, negotiation):
    response = logged_in(client, envoy).post(url("negotiations_meeting_add"), meeting_post(negotiation, city=""))

    assert response.status_code == 302
    assert Meeting.objects.get().city == negotiation.city


def test_the_list_and_pages_show_only_the_envoys_own_citys_meetings_outside_negotiations(
    client, envoy, amsterdam, barcelona
):
    ours = MeetingFactory(standalone=True, city=amsterdam)
    theirs = MeetingFactory(standalone=True, city=barcelona)
    logged_in(client, envoy)

    listed = list(client.get(url("negotiations_meeting_changelist")).context["cl"].result_list)

    assert listed == [ours]
    assert client.get(url("negotiations_meeting_change", ours.pk)).status_code == 200
    assert client.get(url("negotiations_meeting_change", theirs.pk)).status_code == 404


def test_the_list_filters_meetings_outside_negotiations(client, envoy, amsterdam, negotiation):
    standalone = MeetingFactory(standalone=True, city=amsterdam)
    MeetingFactory(negotiation=negotiation)

    response = logged_in(client, envoy).get(url("negotiations_meeting_changelist", negotiation__isempty="1"))

    assert list(response.context["cl"].result_list) == [standalone]
