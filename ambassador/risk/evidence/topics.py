"""Topic imbalance: on one topic, the company's meetings far outnumber those with unions and civil society."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, QuerySet

from ambassador.negotiations.models import Meeting
from ambassador.stakeholders.choices import OrganisationKind

from ..indicators import TOPIC_IMBALANCE, Observation, RiskConfig
from .meetings import public_meetings
from .record import CityId, CompanyId, Observations, Pair, Record, end_of

VOICE_KINDS = (OrganisationKind.TRADE_UNION, OrganisationKind.CIVIL_SOCIETY)


def gather(record: Record, negotiations: QuerySet) -> None:
    """The company's meetings per topic in each city, and the city's union and civil-society meetings per topic."""
    for row in (
        public_meetings(record, negotiations)
        .filter(topic__isnull=False)
        .order_by()
        .values("negotiation__company", "negotiation__city", "topic__name")
        .annotate(meetings=Count("pk"))
    ):
        record.topic_meetings[(row["negotiation__company"], row["negotiation__city"], row["topic__name"])] = row[
            "meetings"
        ]
    # Union and civil-society meetings of the city, in any announced negotiation (whichever company) or
    # outside any negotiation: every public meeting of the city counts where it was held.
    until = end_of(record.on)
    for row in (
        Meeting.objects.public(**record.as_of())
        .filter(starts_at__lt=until, published_at__lt=until, topic__isnull=False)
        .filter(organisations__kind__in=VOICE_KINDS)
        .order_by()
        .values("city", "topic__name")
        .annotate(meetings=Count("pk", distinct=True))
    ):
        record.voice_meetings[(row["city"], row["topic__name"])] = row["meetings"]


def topic_observation(company_meetings: dict[str, int], voices: dict[str, int], config: RiskConfig) -> Observation:
    """The topic where the company's meetings most outnumber union and civil-society meetings."""
    candidates = [
        (meetings / max(voices.get(topic, 0), 1), meetings, topic)
        for topic, meetings in company_meetings.items()
        if meetings >= config.min_data_points
    ]
    if not candidates:
        return Observation(value=None, sample_size=max(company_meetings.values(), default=0))
    ratio, meetings, topic = max(candidates, key=lambda item: (item[0], item[1], item[2]))
    return Observation(
        value=ratio, sample_size=meetings, count=meetings, detail={"topic": topic, "voices": voices.get(topic, 0)}
    )


def observe(
    record: Record, cities_of: dict[CompanyId, list[CityId]], *, config: RiskConfig
) -> tuple[dict[CompanyId, Observations], dict[Pair, Observations]]:
    """The imbalance in each of a company's cities, and overall: meetings and voices summed over its cities."""
    topics_by_pair: dict[Pair, dict[str, int]] = defaultdict(dict)
    for (company, city, topic), meetings in record.topic_meetings.items():
        topics_by_pair[(company, city)][topic] = meetings
    voices_by_city: dict[CityId, dict[str, int]] = defaultdict(dict)
    for (city, topic), meetings in record.voice_meetings.items():
        voices_by_city[city][topic] = meetings

    per_company: dict[CompanyId, Observations] = {}
    per_city: dict[Pair, Observations] = {}
    for company in record.company_names:
        cities = cities_of.get(company, [])
        for city in cities:
            pair = (company, city)
            per_city[pair] = {TOPIC_IMBALANCE: topic_observation(topics_by_pair[pair], voices_by_city[city], config)}
        company_topics: dict[str, int] = defaultdict(int)
        company_voices: dict[str, int] = defaultdict(int)
        for city in cities:
            for topic, meetings in topics_by_pair[(company, city)].items():
                company_topics[topic] += meetings
                company_voices[topic] += voices_by_city[city].get(topic, 0)
        per_company[company] = {TOPIC_IMBALANCE: topic_observation(company_topics, company_voices, config)}
    return per_company, per_city
