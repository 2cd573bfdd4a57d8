"""Factories for lobbying-risk runs and assessments. Every factory builds an object that passes ``full_clean()``."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory, TechCompanyFactory, UserFactory

from .choices import Verdict
from .models import IndicatorVerdict, RiskAssessment, RiskRun


def _indicator_breakdown(score: Decimal) -> list[dict]:
    fired = score >= 50
    return [
        {
            "key": "lobbying_spend",
            "value": 1_250_000,
            "threshold": 900_000,
            "fired": fired,
            "contribution": float(score) / 2 if fired else 0.0,
            "sample": 14,
            "why": "Declared lobbying spend is above the peer fence (Q3 + 1.5 × IQR)." if fired
            else "Declared lobbying spend is within the range of its peers.",
        },
        {
            "key": "vague_minutes",
            "value": None,
            "threshold": 0.3,
            "fired": False,
            "contribution": 0.0,
            "sample": 2,
            "why": "Not applicable: fewer than five meetings with minutes.",
        },
    ]


class RiskRunFactory(DjangoModelFactory):
    """A finished lobbying-risk run; one a day, walking back, so repeated runs do not clash."""

    assessed_on = factory.Sequence(lambda n: datetime.date(2026, 1, 31) - datetime.timedelta(days=n))
    started_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(o.assessed_on, datetime.time(2, 30), tzinfo=datetime.UTC)
    )
    finished_at = factory.LazyAttribute(lambda o: o.started_at + datetime.timedelta(minutes=3))
    coverage = factory.LazyFunction(lambda: {"companies": 0, "indicators": {}})

    class Meta:
        model = RiskRun


class RiskAssessmentFactory(DjangoModelFactory):
    """An overall score by default; the ``in_city`` trait scores the company in one city."""

    organisation = factory.SubFactory(TechCompanyFactory)
    city = None
    # One assessment a day, walking back, so repeated assessments of one company do not clash.
    assessed_on = factory.Sequence(lambda n: datetime.date(2026, 1, 31) - datetime.timedelta(days=n))
    score = factory.Faker("pydecimal", left_digits=2, right_digits=2, min_value=0, max_value=99)
    indicators = factory.LazyAttribute(lambda o: _indicator_breakdown(o.score))

    class Meta:
        model = RiskAssessment

    class Params:
        in_city = factory.Trait(city=factory.SubFactory(CityFactory))


class IndicatorVerdictFactory(DjangoModelFactory):
    """A confirmed verdict on the fired spend indicator of a new high score (overall unless the assessment is
    in a city), decided by a council staff member of the assessment's city (a superuser when overall)."""

    assessment = factory.SubFactory(RiskAssessmentFactory, score=Decimal("80.00"))
    organisation = factory.SelfAttribute("assessment.organisation")
    city = factory.SelfAttribute("assessment.city")
    indicator_key = "lobbying_spend"
    indicator_snapshot = factory.LazyAttribute(lambda o: o.assessment.indicator(o.indicator_key) or {})
    verdict = Verdict.CONFIRMED
    note = ""
    decided_by = factory.LazyAttribute(
        lambda o: CouncilStaffUserFactory(city=o.assessment.city) if o.assessment.city else UserFactory(superuser=True)
    )
    decided_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = IndicatorVerdict

    class Params:
        false_positive = factory.Trait(verdict=Verdict.FALSE_POSITIVE, note="The spend includes a one-off fine.")
        needs_data = factory.Trait(verdict=Verdict.NEEDS_DATA, note="The register entry is a year old.")
