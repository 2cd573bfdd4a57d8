"""Factories for lobbying-risk runs and assessments. Every factory builds an object that passes ``full_clean()``."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ambassador.stakeholders.factories import CityFactory, CouncilStaffUserFactory, TechCompanyFactory, UserFactory

from .choices import Verdict
from .models import IndicatorVerdict, RiskAssessment, RiskRun, RiskValidation


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


class RiskValidationFactory(DjangoModelFactory):
    """A saved test of the score on three synthetic populations of 60 companies with 5 planted."""

    ran_at = factory.Sequence(
        lambda n: datetime.datetime(2026, 7, 1, 3, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
    )
    assessed_on = datetime.date(2026, 6, 30)
    seeds = factory.LazyFunction(lambda: [1, 2, 3])
    companies = 60
    planted = 5
    precision_at_k = factory.LazyFunction(lambda: {"1": 0.8, "2": 0.6, "3": 1.0})
    mean_precision = 0.8
    min_precision = 0.6
    named_share = 0.8667
    patterns = factory.LazyFunction(
        lambda: {
            key: {"planted": 3, "fired": 3, "named": named, "ranks": [1, 2, 3]}
            for key, named in (
                ("revolving_door", 3), ("topic_imbalance", 3), ("late_disclosure", 2),
                ("official_concentration", 2), ("commitment_record", 3),
            )
        }
    )
    parameters = factory.LazyFunction(lambda: {"fence_multiplier": 1.5, "min_peers": 5})
    seconds = 4.2

    class Meta:
        model = RiskValidation


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
