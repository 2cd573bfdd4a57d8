"""Writes one seed's synthetic population with bulk inserts (see ``ambassador.risk.validation``)."""

from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import F

from ambassador.commitments.choices import PRINCIPLES_BY_AREA, Area, CompletionLevel, Principle, Promiser
from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.negotiations.choices import Confidentiality, MeetingFormat, NegotiationStage, ReviewState
from ambassador.negotiations.choices import WithholdingGround as Ground
from ambassador.negotiations.models import Meeting, Negotiation, Topic
from ambassador.negotiations.publicity import refresh_meetings
from ambassador.stakeholders.choices import MembershipRole, OrganisationKind
from ambassador.stakeholders.models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)

from ..choices import COMMITMENT_RECORD, LATE_DISCLOSURE, OFFICIAL_CONCENTRATION, REVOLVING_DOOR, TOPIC_IMBALANCE
from .vocabulary import (
    ASSESSED_ON,
    CITIES,
    COMMITMENT_TEXTS,
    DEFAULT_COMPANIES,
    EUROPE,
    MAX_COMPANIES,
    MIN_COMPANIES,
    OFFICIALS_PER_CITY,
    PLANTED_PATTERNS,
    PLANTED_TOPIC,
    SPECIFIC_MINUTES,
    TOPICS,
    VAGUE_MINUTES,
    VIETNAM,
    Plant,
    Population,
)

# --- the population -----------------------------------------------------------------------------------------------


def _lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


class PopulationBuilder:
    """Writes one seed's synthetic population with bulk inserts; see the module docstring."""

    def __init__(self, *, seed: int, companies: int, on: datetime.date) -> None:
        if not MIN_COMPANIES <= companies <= MAX_COMPANIES:
            raise ValueError(f"The population has {MIN_COMPANIES} to {MAX_COMPANIES} companies, not {companies}.")
        self.rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, not a secret
        self.seed = seed
        self.size = companies
        self.on = on
        self.tag = f"s{seed}"
        self.counts: dict[str, int] = defaultdict(int)

    # helpers

    def day(self, days_before: float) -> datetime.date:
        return self.on - datetime.timedelta(days=int(days_before))

    def at(self, city: City, day: datetime.date, hour: int | None = None) -> datetime.datetime:
        hour = self.rng.randint(9, 16) if hour is None else hour
        return datetime.datetime.combine(day, datetime.time(hour, self.rng.choice((0, 15, 30))), tzinfo=city.zone)

    def _end_of_on(self) -> datetime.datetime:
        return datetime.datetime.combine(self.on + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC)

    # the fixed parts: cities, their people, topics, unions and civil society

    def build(self) -> Population:
        rng = self.rng
        self.topics = self._topics()
        self.cities = {
            spec.slug: City(slug=spec.slug, name=spec.name, country=spec.country, time_zone=spec.time_zone,
                            languages=list(spec.languages))
            for spec in CITIES
        }
        City.objects.bulk_create(self.cities.values())
        self.city_spec = {spec.slug: spec for spec in CITIES}
        self._city_people()
        self._voices()

        # The planted patterns, each on its own company, among the ordinary ones in a random order.
        patterns = list(PLANTED_PATTERNS)
        company_specs = [{"plant": pattern} for pattern in patterns]
        company_specs += [{"plant": None} for _ in range(self.size - len(patterns))]
        rng.shuffle(company_specs)
        for number, spec in enumerate(company_specs, start=1):
            self._company_spec(number, spec)
        organisations = [spec["organisation"] for spec in company_specs]
        Organisation.objects.bulk_create(organisations)
        self.company_specs = company_specs

        self.people: list[Person] = []
        self.affiliations: list[Affiliation] = []
        self.disclosures: list[LobbyingDisclosure] = []
        self.negotiations: list[tuple[Negotiation, dict, City, list[Topic]]] = []
        for spec in company_specs:
            self._company_people(spec)
            self._disclosures(spec)
            self._negotiations(spec)
        Person.objects.bulk_create(self.people)
        Affiliation.objects.bulk_create(self.affiliations)
        LobbyingDisclosure.objects.bulk_create(self.disclosures)
        Negotiation.objects.bulk_create([negotiation for negotiation, *_ in self.negotiations])
        Negotiation.topics.through.objects.bulk_create(
            Negotiation.topics.through(negotiation_id=negotiation.pk, topic_id=topic.pk)
            for negotiation, _, _, topics in self.negotiations
            for topic in topics
        )
        self._meetings()
        self._commitments()

        self.counts.update(
            companies=len(organisations), negotiations=len(self.negotiations), people=len(self.people),
            disclosures=len(self.disclosures),
        )
        plants = [
            Plant(company_id=spec["organisation"].pk, name=spec["organisation"].name, pattern=spec["plant"],
                  accepted_keys=PLANTED_PATTERNS[spec["plant"]])
            for spec in company_specs
            if spec["plant"]
        ]
        plants.sort(key=lambda plant: list(PLANTED_PATTERNS).index(plant.pattern))
        return Population(
            seed=self.seed, on=self.on, company_ids=[spec["organisation"].pk for spec in company_specs],
            plants=plants, counts=dict(self.counts),
        )

    def _topics(self) -> dict[str, Topic]:
        wanted = {**TOPICS, PLANTED_TOPIC[0]: PLANTED_TOPIC[1]}
        existing = Topic.objects.in_bulk(list(wanted), field_name="slug")
        missing = [Topic(slug=slug, name=name) for slug, name in wanted.items() if slug not in existing]
        Topic.objects.bulk_create(missing)
        return {**existing, **{topic.slug: topic for topic in missing}}

    def _city_people(self) -> None:
        """Per city: an envoy and a council staff member (logins with a public record), and the officials."""
        User = get_user_model()
        self.envoys: dict[str, object] = {}
        self.staff: dict[str, object] = {}
        self.envoy_people: dict[str, Person] = {}
        self.officials: dict[str, list[Person]] = {}
        users, people, affiliations, memberships = [], [], [], []
        unusable = make_password(None)  # logins that cannot sign in
        for slug, city in self.cities.items():
            envoy = User(username=f"synthetic-{self.tag}-{slug}-envoy", password=unusable, is_staff=True,
                         first_name="Envoy", last_name=city.name)
            staff = User(username=f"synthetic-{self.tag}-{slug}-staff", password=unusable, is_staff=True,
                         first_name="Staff", last_name=city.name)
            users += [envoy, staff]
            self.envoys[slug], self.staff[slug] = envoy, staff
            envoy_person = Person(full_name=f"Tech ambassador of {city.name}", is_public_official=True,
                                  recorded_by_city=city)
            self.envoy_people[slug] = envoy_person
            officials = [
                Person(full_name=f"Official {number} of {city.name}", is_public_official=True, recorded_by_city=city)
                for number in range(1, OFFICIALS_PER_CITY + 1)
            ]
            self.officials[slug] = officials
            people += [envoy_person, *officials]
        User.objects.bulk_create(users)
        Person.objects.bulk_create(people)
        for slug, city in self.cities.items():
            memberships += [
                CityMembership(user=self.envoys[slug], city=city, role=MembershipRole.ENVOY,
                               person=self.envoy_people[slug]),
                CityMembership(user=self.staff[slug], city=city, role=MembershipRole.COUNCIL_STAFF),
            ]
            affiliations.append(Affiliation(person=self.envoy_people[slug], city=city, role="Tech ambassador",
                                            start_on=self.day(1500)))
            roles = ("Head of the data office", "Director of mobility", "Chief digital officer",
                     "Head of procurement", "Deputy mayor's adviser", "Head of labour policy")
            affiliations += [
                Affiliation(person=person, city=city, role=role, start_on=self.day(self.rng.randint(1200, 3000)))
                for person, role in zip(self.officials[slug], roles, strict=True)
            ]
        CityMembership.objects.bulk_create(memberships)
        Affiliation.objects.bulk_create(affiliations)
        self.counts["logins"] = len(users)

    def _voices(self) -> None:
        """Per city: two trade unions and two civil-society groups (the voices heard on a topic)."""
        self.voices: dict[str, list[Organisation]] = {}
        organisations = []
        for slug, city in self.cities.items():
            self.voices[slug] = [
                Organisation(slug=f"synthetic-{slug}-{kind}-{number}", kind=kind,
                             name=f"{city.name} {label} {number}", recorded_by_city=city)
                for kind, label in ((OrganisationKind.TRADE_UNION, "workers' union"),
                                    (OrganisationKind.CIVIL_SOCIETY, "digital-rights group"))
                for number in (1, 2)
            ]
            organisations += self.voices[slug]
        Organisation.objects.bulk_create(organisations)

    # the companies

    def _company_spec(self, number: int, spec: dict) -> None:
        rng = self.rng
        plant = spec["plant"]
        # Size drives spend, lobbyists, cities and meetings; the plants are ordinary, mid-sized companies.
        spec["size"] = _lognormal(rng, 1.0, 0.25 if plant else 0.8)
        spec["sparse"] = not plant and rng.random() < 0.15  # one or two meetings, few commitments
        if plant:
            spec["vietnam_only"] = False
            spec["cities"] = [rng.choice(EUROPE + VIETNAM)]
            if plant == TOPIC_IMBALANCE:
                spec["cities"] = [rng.choice(EUROPE)]
        else:
            spec["vietnam_only"] = rng.random() < 0.3
            pool = list(VIETNAM if spec["vietnam_only"] else EUROPE)
            if not spec["vietnam_only"] and rng.random() < 0.3:
                pool.append(rng.choice(VIETNAM))
            count = min(len(pool), 1 + int(rng.random() < min(0.8, 0.25 * spec["size"])) + int(spec["size"] > 2.5))
            spec["cities"] = rng.sample(pool, count)
        registered = rng.random() < (0.35 if spec["vietnam_only"] else 0.9)
        if plant:
            registered = True
        spec["registered"] = registered
        spec["vague_share"] = 0.0 if plant else min(0.6, rng.betavariate(1.0, 10.0))
        spec["lag_median"] = rng.uniform(2.0, 6.0)
        spec["organisation"] = Organisation(
            slug=f"synthetic-company-{number}", name=f"Synthetic company {number:03d}",
            kind=OrganisationKind.TECH_COMPANY,
            registry_id=f"{rng.randint(10**11, 10**12 - 1)}-{rng.randint(10, 99)}" if registered else "",
            description="A fictional company of the lobbying-risk validation population.",
        )

    def _company_people(self, spec: dict) -> None:
        """The company's people in public: one to three executives, some of whom once worked for a city."""
        rng = self.rng
        company = spec["organisation"]
        spec["people"] = []
        for index in range(rng.randint(1, 3)):
            person = Person(full_name=f"{company.name} representative {index + 1}", is_public_figure=index == 0)
            self.people.append(person)
            self.affiliations.append(
                Affiliation(person=person, organisation=company, role="Head of public affairs" if index == 0
                            else "Policy manager", start_on=self.day(rng.randint(900, 3000)))
            )
            spec["people"].append(person)
        # An ordinary career: a city role that ended well over the cooling-off period before joining the company.
        if not spec["plant"] and rng.random() < 0.1:
            city = self.cities[spec["cities"][0]]
            person = Person(full_name=f"{company.name} former official", is_public_official=True,
                            recorded_by_city=city)
            left = rng.randint(1400, 2200)
            self.people.append(person)
            self.affiliations += [
                Affiliation(person=person, city=city, role="Policy adviser", start_on=self.day(left + 1500),
                            end_on=self.day(left)),
                Affiliation(person=person, organisation=company, role="Government relations",
                            start_on=self.day(left - rng.randint(450, 900))),
            ]
            spec["people"].append(person)
        if spec["plant"] == REVOLVING_DOOR:
            city = self.cities[spec["cities"][0]]
            spec["revolving"] = []
            for role in ("Head of the smart-city programme", "Digital policy adviser"):
                person = Person(full_name=f"Former {role.lower()} of {city.name}", is_public_official=True,
                                recorded_by_city=city)
                left = self.day(rng.randint(200, 320))
                joined = left + datetime.timedelta(days=rng.randint(14, 42))  # a few weeks later
                self.people.append(person)
                self.affiliations += [
                    Affiliation(person=person, city=city, role=role, start_on=left - datetime.timedelta(days=2000),
                                end_on=left),
                    Affiliation(person=person, organisation=company, role="Director of public affairs",
                                start_on=joined),
                ]
                spec["revolving"].append((person, joined))

    def _disclosures(self, spec: dict) -> None:
        """The latest year's declared spend and lobbyists, on each register covering the company's cities."""
        if not spec["registered"]:
            return
        rng = self.rng
        registers = {(self.city_spec[slug].register, self.city_spec[slug].currency) for slug in spec["cities"]}
        registers.discard(("", ""))
        if not registers:  # registered elsewhere, e.g. in the EU, while negotiating in Vietnam only
            registers = {("EU", "EUR")}
        year = self.on.year - 1
        for register, currency in sorted(registers):
            spend = round(_lognormal(rng, 250_000, 0.3) * spec["size"], -4)
            headcount = max(1, round(_lognormal(rng, 3.0, 0.3) * spec["size"]))
            self.disclosures.append(
                LobbyingDisclosure(
                    organisation=spec["organisation"], jurisdiction=register, currency=currency,
                    period_start=datetime.date(year, 1, 1), period_end=datetime.date(year, 12, 31),
                    declared_spend=Decimal(spend), declared_lobbyist_headcount=headcount,
                    source_url=f"https://register.example.org/{register.lower()}/{spec['organisation'].slug}",
                )
            )

    def _negotiations(self, spec: dict) -> None:
        rng = self.rng
        company = spec["organisation"]
        common = list(TOPICS)
        for slug in spec["cities"]:
            city = self.cities[slug]
            opened = self.day(rng.randint(500, 1000) if spec["plant"] else rng.randint(150, 1000))
            closed = None
            stage = rng.choice((NegotiationStage.ACTIVE, NegotiationStage.ACTIVE, NegotiationStage.SCOPING,
                                NegotiationStage.STALLED, NegotiationStage.AGREEMENT_REACHED))
            if not spec["plant"] and rng.random() < 0.15:
                stage = NegotiationStage.CONCLUDED
                closed = min(self.on, opened + datetime.timedelta(days=rng.randint(120, 500)))
            announced = spec["plant"] is not None or rng.random() > 0.05
            topics = (
                [self.topics[PLANTED_TOPIC[0]]] if spec["plant"] == TOPIC_IMBALANCE
                else [self.topics[topic] for topic in rng.sample(common, rng.randint(1, 2))]
            )
            announced_at = datetime.datetime.combine(opened, datetime.time(12), tzinfo=city.zone)
            negotiation = Negotiation(
                city=city, company=company, slug=f"{company.slug}-{slug}", stage=stage,
                title=f"{company.name} and {city.name}: {topics[0].name.lower()}", opened_on=opened, closed_on=closed,
                lead_envoy=self.envoys[slug], public_summary="A negotiation of the synthetic validation population.",
                is_public=announced, announcement_proposed_by=self.envoys[slug] if announced else None,
                announcement_proposed_at=announced_at if announced else None,
                announced_at=announced_at if announced else None,
                announced_by=self.staff[slug] if announced else None,
            )
            self.negotiations.append((negotiation, spec, city, topics))

    # meetings

    def _meetings(self) -> None:
        rng = self.rng
        self.meeting_rows: list[tuple[Meeting, list[Person], list[Organisation]]] = []
        self.meetings_of: dict[int, list[Meeting]] = defaultdict(list)
        voice_topics: dict[tuple[str, str], int] = defaultdict(int)
        for negotiation, spec, city, topics in self.negotiations:
            slug = city.slug
            end = negotiation.closed_on or self.on
            days_open = max((end - negotiation.opened_on).days, 30)
            months = days_open / 30.4
            if spec["sparse"]:
                count = rng.randint(1, 2)
            elif spec["plant"]:
                count = max(8, round(months * _lognormal(rng, 0.9, 0.2)))
            else:
                count = max(1, round(months * _lognormal(rng, 0.6 * spec["size"] ** 0.3, 0.6)))
            concentrated = rng.choice(self.officials[slug]) if spec["plant"] == OFFICIAL_CONCENTRATION else None
            for index in range(count):
                if spec["plant"] == LATE_DISCLOSURE:
                    # Old enough for the late ones to have come out by now.
                    starts_day = negotiation.opened_on + datetime.timedelta(
                        days=rng.randint(7, max(8, days_open - 240)))
                else:
                    starts_day = negotiation.opened_on + datetime.timedelta(days=rng.randint(7, max(8, days_open - 3)))
                starts_at = self.at(city, starts_day)
                topic = rng.choice(topics)
                attendees = self._attendees(spec, slug, starts_day, concentrated)
                organisations = [spec["organisation"]]
                # Unions or civil society at the table on the topic: the voices the imbalance counts.
                voice = (
                    spec["plant"] == TOPIC_IMBALANCE and index == 0
                ) or (spec["plant"] != TOPIC_IMBALANCE and rng.random() < 0.3)
                if voice:
                    organisations.append(rng.choice(self.voices[slug]))
                    voice_topics[(slug, topic.slug)] += 1
                meeting = self._meeting(spec, negotiation, city, starts_at, topic, voice)
                self.meeting_rows.append((meeting, attendees, organisations))
        Meeting.objects.bulk_create([meeting for meeting, _, _ in self.meeting_rows])
        Meeting.attendees.through.objects.bulk_create(
            Meeting.attendees.through(meeting_id=meeting.pk, person_id=person.pk)
            for meeting, attendees, _ in self.meeting_rows
            for person in attendees
        )
        Meeting.organisations.through.objects.bulk_create(
            Meeting.organisations.through(meeting_id=meeting.pk, organisation_id=organisation.pk)
            for meeting, _, organisations in self.meeting_rows
            for organisation in organisations
        )
        # Logged when they took place, as an envoy logs a meeting right after it.
        Meeting.objects.filter(negotiation__city__in=self.cities.values()).update(logged_at=F("starts_at"))
        for meeting, _, _ in self.meeting_rows:
            self.meetings_of[meeting.negotiation_id].append(meeting)
        self.counts["meetings"] = len(self.meeting_rows)
        self.counts["published_meetings"] = sum(
            meeting.review_state == ReviewState.PUBLISHED for meeting, _, _ in self.meeting_rows)
        self.counts["voice_meetings"] = sum(voice_topics.values())

    def _attendees(self, spec: dict, slug: str, day: datetime.date, concentrated: Person | None) -> list[Person]:
        rng = self.rng
        attendees = []
        if rng.random() < 0.85:
            attendees.append(self.envoy_people[slug])
        others = [person for person in self.officials[slug] if person is not concentrated]
        if concentrated is not None:
            if rng.random() < 0.95:
                attendees.append(concentrated)
            if rng.random() < 0.3:
                attendees.append(rng.choice(others))
        else:
            attendees += rng.sample(others, rng.choice((0, 1, 1, 1, 2)))
        company_side = [person for person in spec["people"] if rng.random() < 0.6] or spec["people"][:1]
        attendees += company_side
        for person, joined in spec.get("revolving", ()):
            if day >= joined and rng.random() < 0.8:
                attendees.append(person)
        return attendees

    def _meeting(self, spec, negotiation, city, starts_at, topic, voice) -> Meeting:
        rng = self.rng
        slug = city.slug
        vague = rng.random() < spec["vague_share"]
        minutes = rng.choice(VAGUE_MINUTES if vague else SPECIFIC_MINUTES)
        minutes = tuple(part.format(topic=topic.name.lower()) for part in minutes)
        lag = datetime.timedelta(days=_lognormal(rng, spec["lag_median"], 0.5))
        if rng.random() < 0.03:  # a busy month: a few weeks late
            lag = datetime.timedelta(days=rng.uniform(15, 40))
        confidentiality, ground, release_on, released_at = Confidentiality.PUBLIC, "", None, None
        draw = rng.random()
        if spec["plant"] == LATE_DISCLOSURE:
            if draw < 0.65:
                lag = datetime.timedelta(days=rng.uniform(60, 200))  # months late
            else:  # confidential, with a release date long after the meeting
                lag = datetime.timedelta(days=rng.uniform(2, 5))
                confidentiality, ground = Confidentiality.CONFIDENTIAL, Ground.ONGOING_NEGOTIATION
                release_on = starts_at.date() + datetime.timedelta(days=rng.randint(150, 330))
        elif draw < 0.08:
            confidentiality, ground = Confidentiality.RESTRICTED, Ground.COMMERCIAL
        elif draw < 0.11:
            confidentiality, ground = Confidentiality.CONFIDENTIAL, Ground.COMMERCIAL
            release_on = starts_at.date() + datetime.timedelta(days=rng.randint(20, 90))
        if release_on is not None and release_on <= self.on:
            # Released on its release date, as the nightly release does: public, with the ground kept.
            confidentiality = Confidentiality.PUBLIC
            released_at = datetime.datetime.combine(release_on, datetime.time(0, 5), tzinfo=city.zone)
        published_at = starts_at + lag
        submitted_at = starts_at + min(lag / 2, datetime.timedelta(days=1))
        published = published_at < self._end_of_on()
        if submitted_at >= self._end_of_on():
            submitted_at = None
        return Meeting(
            negotiation=negotiation, city=city, starts_at=starts_at,
            subject=f"{topic.name}: meeting with {spec['organisation']}",
            location=f"{city.name} city hall", topic=topic,
            format=rng.choice((MeetingFormat.IN_PERSON, MeetingFormat.IN_PERSON, MeetingFormat.VIDEO)),
            minutes_main_points=minutes[0], minutes_positions=minutes[1], minutes_conclusions=minutes[2],
            confidentiality=confidentiality, withholding_ground=ground, release_on=release_on, released_at=released_at,
            review_state=ReviewState.PUBLISHED if published else (
                ReviewState.SUBMITTED if submitted_at else ReviewState.DRAFT),
            logged_by=self.envoys[slug], submitted_at=submitted_at,
            published_at=published_at if published else None,
            first_published_at=published_at if published else None,
            published_by=self.staff[slug] if published else None,
        )

    # commitments

    def _commitments(self) -> None:
        rng = self.rng
        commitments: list[tuple[Commitment, list[CommitmentUpdate]]] = []
        policies: dict[int, dict[str, list[str]]] = {}
        for negotiation, spec, city, _ in self.negotiations:
            company = spec["organisation"]
            meetings = self.meetings_of[negotiation.pk]
            # A company promises the same principles in each city; now and then one city gets less.
            if company.pk not in policies:
                policies[company.pk] = {
                    area: rng.sample(PRINCIPLES_BY_AREA[area], rng.randint(1, 2))
                    for area in (Area.DATA_GOVERNANCE, Area.WORKERS_RIGHTS)
                    if rng.random() < 0.7 or area == Area.DATA_GOVERNANCE
                }
            policy = policies[company.pk]
            principles = [(area, principle) for area, chosen in policy.items() for principle in chosen]
            if len(spec["cities"]) > 1 and len(principles) > 1 and rng.random() < 0.1:
                principles.pop(rng.randrange(len(principles)))
            if spec["sparse"]:
                principles = principles[:1] if spec["size"] > 1 else []
            extra = 0 if spec["sparse"] else rng.randint(0, 3)
            planned = principles + [rng.choice(principles) for _ in range(extra if principles else 0)]
            if spec["plant"] == COMMITMENT_RECORD:
                planned += [rng.choice(principles) for _ in range(max(0, rng.randint(8, 11) - len(planned)))]
            for index, (area, principle) in enumerate(planned):
                commitments.append(self._commitment(spec, negotiation, city, meetings, area, principle, index))
            # Now and then the city promises something too.
            if meetings and rng.random() < 0.3:
                commitments.append(
                    self._commitment(spec, negotiation, city, meetings, Area.OTHER, Principle.OTHER, len(planned),
                                     promiser=Promiser.CITY)
                )
        Commitment.objects.bulk_create([commitment for commitment, _ in commitments])
        updates = []
        for commitment, its_updates in commitments:
            for update in its_updates:
                update.commitment = commitment
                updates.append(update)
        CommitmentUpdate.objects.bulk_create(updates)
        # Recorded when they were released (the record of the day is read as it stood then).
        Commitment.objects.filter(negotiation__city__in=self.cities.values(), published_at__isnull=False).update(
            created_at=F("published_at"), logged_at=F("published_at")
        )
        self.counts["commitments"] = len(commitments)
        self.counts["commitment_updates"] = len(updates)
        # Bulk inserts skip save(): when each record is public, from the rules, for the whole population.
        refresh_meetings(city_ids=[city.pk for city in self.cities.values()])

    def _commitment(self, spec, negotiation, city, meetings, area, principle, index, *, promiser=Promiser.COMPANY):
        rng = self.rng
        slug = city.slug
        meeting = rng.choice(meetings) if meetings else None
        made = meeting.starts_at if meeting else negotiation.announced_at or datetime.datetime.combine(
            negotiation.opened_on, datetime.time(12), tzinfo=city.zone)
        due = made.date() + datetime.timedelta(days=rng.randint(60, 500))
        # Released with its meeting, or without one when the negotiation was announced.
        released_at = meeting.published_at if meeting else negotiation.announced_at
        released = released_at is not None and (meeting is None or meeting.review_state == ReviewState.PUBLISHED)
        draw = rng.random()
        slips = 0
        if spec["plant"] == COMMITMENT_RECORD and promiser == Promiser.COMPANY:
            completion = CompletionLevel.BROKEN if draw < 0.45 else rng.choice(
                (CompletionLevel.LIMITED, CompletionLevel.NOT_STARTED, CompletionLevel.COMPLETE))
            if 0.45 <= draw < 0.85:
                slips = rng.randint(1, 3)
        elif due <= self.on:
            # Most promises that fell due were kept; some run late, a few are withdrawn or broken.
            completion = rng.choices(
                (CompletionLevel.COMPLETE, CompletionLevel.SUBSTANTIAL, CompletionLevel.LIMITED,
                 CompletionLevel.NOT_STARTED, CompletionLevel.WITHDRAWN, CompletionLevel.BROKEN),
                weights=(82, 6, 4, 2, 3, 3),
            )[0]
        else:
            completion = rng.choice(
                (CompletionLevel.NOT_STARTED, CompletionLevel.LIMITED, CompletionLevel.SUBSTANTIAL))
        if slips == 0 and rng.random() < 0.08:
            slips = 1
        if completion == CompletionLevel.COMPLETE and due > self.on:
            due = self.on - datetime.timedelta(days=rng.randint(1, 60))
        if completion == CompletionLevel.COMPLETE:
            due = max(due, made.date())
        completed_on = min(due, self.on) if completion == CompletionLevel.COMPLETE else None
        updates = []
        original_due = due
        for move in range(slips):
            previous = due
            due = due + datetime.timedelta(days=rng.randint(60, 180))
            reported = min(self.on, previous)
            reported_at = datetime.datetime.combine(reported, datetime.time(12), tzinfo=datetime.UTC)
            updates.append(
                CommitmentUpdate(
                    reported_on=reported, summary=f"Progress report {move + 1}: the work is behind schedule.",
                    previous_due_on=previous, new_due_on=due,
                    due_date_reason="The company asked for more time to prepare the data.",
                    logged_by=self.envoys[slug], applied_at=reported_at,
                    review_state=ReviewState.PUBLISHED if released else ReviewState.DRAFT,
                    published_at=reported_at if released else None,
                    first_published_at=reported_at if released else None,
                    published_by=self.staff[slug] if released else None,
                )
            )
        what = Principle(principle).label.lower()
        text = COMMITMENT_TEXTS.get(area, "The city reports on {what} to the council.").format(what=what)
        commitment = Commitment(
            negotiation=negotiation, source_meeting=meeting, promiser=promiser, area=area, principle=principle,
            text=f"{text} ({index + 1})", due_on=due, original_due_on=original_due, slippage_count=slips,
            completion=completion, completed_on=completed_on,
            evidence="Published on the open-data portal." if completion == CompletionLevel.COMPLETE else "",
            review_state=ReviewState.PUBLISHED if released else ReviewState.DRAFT, logged_by=self.envoys[slug],
            published_at=released_at if released else None, first_published_at=released_at if released else None,
            published_by=self.staff[slug] if released else None,
        )
        return commitment, updates


def build_population(*, seed: int, companies: int = DEFAULT_COMPANIES, on: datetime.date = ASSESSED_ON) -> Population:
    """Writes one seed's synthetic population (the same records for the same seed) and says which companies are
    planted with which pattern."""
    return PopulationBuilder(seed=seed, companies=companies, on=on).build()


