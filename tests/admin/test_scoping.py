"""Every model registered in the admin is city-scoped, or explicitly listed as shared with the reason.

For each registered model, an Amsterdam envoy and Amsterdam council staff must never see
Barcelona's row: not in the list, not on its change, delete or history page, not among the
choices of any form field, not in any autocomplete. A model registered later that is neither
given a per-city row below nor listed as shared or superuser-only fails
``test_every_registered_model_is_covered``.
"""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import urlencode

from ambassador.commitments.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    NotificationFactory,
    OverdueFlagFactory,
)
from ambassador.commitments.models import Commitment, CommitmentUpdate, Notification, OverdueFlag
from ambassador.core.admin import CityScopedAdmin
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.negotiations.models import Meeting, Negotiation, Topic
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.risk.models import IndicatorVerdict, RiskAssessment
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffUserFactory,
    EnvoyFactory,
    EnvoyUserFactory,
    PersonFactory,
    UserFactory,
)
from ambassador.stakeholders.models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)

pytestmark = pytest.mark.django_db

User = get_user_model()

# Shared reference data: the same rows for every city, so another city's row may be seen.
SHARED_REFERENCE_DATA = {
    Topic: "topic areas are one list for every city",
    Organisation: "cities negotiate with the same companies and hear the same unions and groups",
    LobbyingDisclosure: "entries of public lobbying registers, about organisations, not cities",
}
# Not scoped to a city because no envoy or council staff may open them at all (checked below).
SUPERUSER_ONLY = {
    "auth.Group": "the role groups themselves, which decide every permission",
    "axes.AccessAttempt": "failed logins of every user and address, and the lockouts they cause",
    "axes.AccessLog": "logins of every user, with their addresses",
    "axes.AccessFailureLog": "failed logins of every user, with their addresses",
    "otp_totp.TOTPDevice": "every login's authenticator app; superusers reset them, owners enrol their own",
    "otp_static.StaticDevice": "every login's recovery codes; superusers reset them, owners make their own",
}
# A login's own records, seen by that login alone (and superusers); tests/admin/test_tokens.py checks them.
OWNER_ONLY = {
    "core.ApiToken": "staff API tokens: each user lists and revokes only their own",
}


def city_rows(city) -> dict:
    """For each city-scoped model, a row that belongs to ``city`` alone."""
    negotiation = NegotiationFactory(city=city)
    meeting = MeetingFactory(negotiation=negotiation, subject=f"{city.name} meeting")
    commitment = CommitmentFactory(negotiation=negotiation, source_meeting=meeting)
    person = PersonFactory(recorded_by_city=city, full_name=f"{city.name} resident")  # not a public figure
    membership = EnvoyFactory(city=city)
    return {
        City: city,
        Negotiation: negotiation,
        Meeting: meeting,
        Commitment: commitment,
        CommitmentUpdate: CommitmentUpdateFactory(commitment=commitment),
        OverdueFlag: (flag := OverdueFlagFactory(commitment=commitment)),
        Notification: NotificationFactory(flag=flag, recipient=negotiation.lead_envoy),
        Person: person,
        Affiliation: AffiliationFactory(person=person, at_city=True, city=city),
        RiskAssessment: RiskAssessmentFactory(city=city),
        IndicatorVerdict: IndicatorVerdictFactory(assessment=RiskAssessmentFactory(city=city, score=80)),
        CityMembership: membership,
        User: membership.user,  # superusers only: envoys and staff hold no permission on user accounts
    }


# The models city_rows() makes a row of.
CITY_SCOPED = frozenset({
    City, Negotiation, Meeting, Commitment, CommitmentUpdate, OverdueFlag, Notification, Person, Affiliation,
    RiskAssessment, IndicatorVerdict, CityMembership, User,
})
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def registered_id(model):
    return model._meta.label


@pytest.fixture
def cities():
    amsterdam, barcelona = CityFactory(name="Amsterdam"), CityFactory(name="Barcelona")
    rows = {"amsterdam": city_rows(amsterdam), "barcelona": city_rows(barcelona)}
    assert set(rows["amsterdam"]) == CITY_SCOPED
    return rows


@pytest.fixture(params=["envoy", "council staff"])
def amsterdam_user(request, cities):
    make = EnvoyUserFactory if request.param == "envoy" else CouncilStaffUserFactory
    return make(city=cities["amsterdam"][City])


def admin_url(model, view, *args, **query):
    address = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    return f"{address}?{urlencode(query)}" if query else address


def test_every_registered_model_is_covered():
    uncovered = [
        model._meta.label for model in admin.site._registry
        if model not in CITY_SCOPED and model not in SHARED_REFERENCE_DATA
        and model._meta.label not in SUPERUSER_ONLY and model._meta.label not in OWNER_ONLY
    ]
    assert not uncovered, (
        f"{uncovered} are registered in the admin but neither scoped to a city in city_rows() nor listed in "
        "SHARED_REFERENCE_DATA, SUPERUSER_ONLY or OWNER_ONLY with the reason."
    )
    reasons = [*SHARED_REFERENCE_DATA.values(), *SUPERUSER_ONLY.values(), *OWNER_ONLY.values()]
    assert all(reason.strip() for reason in reasons)


@pytest.mark.parametrize("model", [m for m in REGISTERED if m._meta.label in SUPERUSER_ONLY], ids=registered_id)
def test_superuser_only_models_are_closed_to_envoys_and_staff(client, cities, amsterdam_user, model):
    client.force_login(amsterdam_user)

    assert client.get(admin_url(model, "changelist")).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403


def test_every_admin_of_the_projects_models_uses_the_city_scoped_base():
    unscoped = [
        model._meta.label for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"stakeholders", "negotiations", "commitments", "risk"}
        and not isinstance(model_admin, CityScopedAdmin)
    ]
    assert not unscoped


@pytest.mark.parametrize("model", [m for m in REGISTERED if m in CITY_SCOPED], ids=registered_id)
def test_the_list_never_shows_another_citys_rows(client, cities, amsterdam_user, model):
    ours, theirs = cities["amsterdam"][model], cities["barcelona"][model]
    client.force_login(amsterdam_user)

    response = client.get(admin_url(model, "changelist"))

    if response.status_code == 403:
        return  # no permission on the model at all
    assert response.status_code == 200
    listed = set(response.context["cl"].queryset.values_list("pk", flat=True))
    assert ours.pk in listed, "the list shows the user's own city's row"
    assert theirs.pk not in listed
    searched = client.get(admin_url(model, "changelist", q=str(theirs)[:20]))
    assert theirs.pk not in set(searched.context["cl"].queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("model", [m for m in REGISTERED if m in CITY_SCOPED], ids=registered_id)
def test_another_citys_row_cannot_be_opened_changed_deleted_or_traced(client, cities, amsterdam_user, model):
    theirs = cities["barcelona"][model]
    client.force_login(amsterdam_user)
    version = theirs.history.latest().pk if hasattr(theirs, "history") else None

    for view in ("change", "delete", "history"):
        for method in (client.get, client.post):
            status = method(admin_url(model, view, theirs.pk), {"post": "yes"} if method == client.post else {}
                            ).status_code
            assert status in (403, 404), f"{method.__name__.upper()} {view}: {status}"
    if version is not None:
        assert client.get(admin_url(model, "simple_history", theirs.pk, version)).status_code in (403, 404)
    assert model._default_manager.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("model", REGISTERED, ids=registered_id)
def test_form_choices_never_offer_another_citys_rows(client, cities, amsterdam_user, model):
    client.force_login(amsterdam_user)
    ours = cities["amsterdam"].get(model)
    response = client.get(admin_url(model, "change", ours.pk) if ours is not None else admin_url(model, "add"))
    if response.status_code in (403, 404):
        return  # no page to choose on (no permission, or adding is off)
    assert response.status_code == 200

    fields = dict(response.context["adminform"].form.fields)
    for inline in response.context["inline_admin_formsets"]:
        fields.update({f"{inline.formset.prefix}-{name}": field
                       for name, field in inline.formset.empty_form.fields.items()})
    for name, field in fields.items():
        # An inline row's hidden primary key is checked by Django against the inline's own (scoped)
        # rows when the form is saved, whatever its choices say, so it is left out here.
        if not isinstance(field, forms.ModelChoiceField) or name.endswith("-id"):
            continue
        related = field.queryset.model
        if related in CITY_SCOPED and related is not User:
            offered = set(field.queryset.values_list("pk", flat=True))
            assert cities["barcelona"][related].pk not in offered, name


@pytest.mark.parametrize("model", REGISTERED, ids=registered_id)
def test_autocomplete_never_offers_another_citys_rows(client, cities, amsterdam_user, model):
    client.force_login(amsterdam_user)
    model_admin = admin.site._registry[model]

    for field_name in model_admin.autocomplete_fields:
        related = model._meta.get_field(field_name).related_model
        response = client.get(reverse("admin:autocomplete") + "?" + urlencode(
            {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": field_name}
        ))
        if response.status_code == 403:
            continue
        offered = {int(result["id"]) for result in response.json()["results"]}
        if related in CITY_SCOPED:
            assert cities["barcelona"][related].pk not in offered, field_name
            assert cities["amsterdam"][related].pk in offered, field_name


@pytest.mark.parametrize("model", [m for m in REGISTERED if m in CITY_SCOPED], ids=registered_id)
def test_a_superuser_sees_every_citys_rows(client, cities, model):
    client.force_login(UserFactory(superuser=True))

    listed = set(client.get(admin_url(model, "changelist")).context["cl"].queryset.values_list("pk", flat=True))

    assert {cities["amsterdam"][model].pk, cities["barcelona"][model].pk} <= listed


@pytest.mark.parametrize("role", ["envoy", "council staff", "superuser"])
def test_every_admin_page_renders_for_every_role(client, cities, role):
    amsterdam = cities["amsterdam"][City]
    user = {"envoy": lambda: EnvoyUserFactory(city=amsterdam),
            "council staff": lambda: CouncilStaffUserFactory(city=amsterdam),
            "superuser": lambda: UserFactory(superuser=True)}[role]()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200

    for model in REGISTERED:
        pages = [admin_url(model, "changelist"), admin_url(model, "add")]
        if model in CITY_SCOPED:
            ours = cities["amsterdam"][model]
            pages += [admin_url(model, "change", ours.pk), admin_url(model, "history", ours.pk)]
        for page in pages:
            # A server error raises here. A page the role may not open answers 403, or 404 where the
            # row is outside what the role sees (a superuser sees every row).
            allowed = (200, 403) if user.is_superuser else (200, 403, 404)
            assert client.get(page).status_code in allowed, page
