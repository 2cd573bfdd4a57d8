"""Storing a run's assessments company batch by company batch: the same rows and history as all at once."""

import pytest

from ambassador.negotiations.models import Meeting
from ambassador.risk import services
from ambassador.risk.models import RiskAssessment, RiskRun
from ambassador.risk.services import compute_lobbying_risk
from tests.risk.records import today

pytestmark = pytest.mark.django_db


def stored() -> dict:
    return {(a.organisation_id, a.city_id): (a.score, a.indicators) for a in RiskAssessment.objects.all()}


def test_assessments_stored_two_companies_at_a_time_are_those_stored_all_at_once(world, monkeypatch):
    compute_lobbying_risk(on=today())
    at_once = stored()
    RiskAssessment.objects.all().delete()
    RiskRun.objects.all().delete()
    RiskAssessment.history.all().delete()  # deleting writes history too
    monkeypatch.setattr(services, "STORE_BATCH_COMPANIES", 2)

    run = compute_lobbying_risk(on=today())

    assert run.assessments_written == 13
    assert stored() == at_once
    assert RiskAssessment.history.count() == 13


def test_a_run_stored_in_batches_updates_only_what_changed(world, monkeypatch):
    monkeypatch.setattr(services, "STORE_BATCH_COMPANIES", 2)
    compute_lobbying_risk(on=today())
    assert compute_lobbying_risk(on=today()).assessments_written == 0
    peer = world.peers[-1]
    Meeting.objects.filter(negotiation__company=peer).update(minutes_conclusions="")

    run = compute_lobbying_risk(on=today())

    assert run.assessments_written >= 2  # the peer overall and in its city, at least
    changed = RiskAssessment.objects.get(organisation=peer, city=None, assessed_on=today())
    assert changed.history.count() == 2
    assert RiskAssessment.objects.filter(assessed_on=today()).count() == 13
