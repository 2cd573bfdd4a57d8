"""Gathering the commitment record: per company and city, counted in the database, in one query."""

import datetime

import pytest

from ambassador.commitments.choices import Area, CompletionLevel, Principle, Promiser
from ambassador.risk.evidence import commitments
from ambassador.risk.evidence.record import Record, announced_negotiations
from ambassador.stakeholders.factories import CityFactory, TechCompanyFactory

from .records import commit, negotiate, today

pytestmark = pytest.mark.django_db


def gathered(on: datetime.date) -> Record:
    record = Record(on=on)
    commitments.gather(record, announced_negotiations(on))
    return record


def test_commitments_are_counted_per_company_and_city_with_the_principles_promised_there():
    company = TechCompanyFactory()
    amsterdam, barcelona = CityFactory(), CityFactory()
    in_amsterdam = negotiate(company, amsterdam, days_open=400)
    commit(in_amsterdam, Principle.FAIR_PAY)
    commit(in_amsterdam, Principle.FAIR_PAY, completion=CompletionLevel.BROKEN)
    commit(in_amsterdam, Principle.FAIR_CONDITIONS, completion=CompletionLevel.WITHDRAWN)
    commit(in_amsterdam, Principle.PRIVACY, area=Area.DATA_GOVERNANCE, slippage_count=1)
    commit(in_amsterdam, Principle.OTHER, area=Area.OTHER, due_on=today() - datetime.timedelta(days=1))
    commit(in_amsterdam, Principle.TRANSPARENCY, area=Area.DATA_GOVERNANCE, promiser=Promiser.CITY)
    # Only a withdrawn promise in Barcelona: counted, but nothing promised there.
    in_barcelona = negotiate(company, barcelona, days_open=400)
    commit(in_barcelona, Principle.FAIR_PAY, completion=CompletionLevel.WITHDRAWN)

    record = gathered(today())

    here, there = (company.pk, amsterdam.pk), (company.pk, barcelona.pk)
    # Broken, moved and overdue are in trouble; the city's own promise is not the company's.
    assert (record.commitments[here]["commitments"], record.commitments[here]["troubled"]) == (5, 3)
    assert (record.commitments[there]["commitments"], record.commitments[there]["troubled"]) == (1, 0)
    assert record.principles[here] == {Principle.FAIR_PAY: Area.WORKERS_RIGHTS, Principle.PRIVACY: Area.DATA_GOVERNANCE}
    assert there not in record.principles


@pytest.mark.parametrize("per_city", [1, 12])
def test_the_commitment_record_is_read_with_two_queries_however_many_commitments(per_city, django_assert_num_queries):
    """One pass for the counts and principles, one for the few troubled commitments named as facts."""
    company = TechCompanyFactory()
    for city in (CityFactory(), CityFactory()):
        negotiation = negotiate(company, city, days_open=400)
        for index in range(per_city):
            commit(negotiation, (Principle.FAIR_PAY, Principle.FAIR_CONTRACTS)[index % 2])
    record = Record(on=today())
    negotiations = announced_negotiations(today())

    with django_assert_num_queries(2):
        commitments.gather(record, negotiations)

    assert sum(counts["commitments"] for counts in record.commitments.values()) == 2 * per_city
