"""Writes the demo data (``ambassador.demo.data``) for ``manage.py seed_demo``."""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import models

from ambassador.commitments.models import Commitment, CommitmentUpdate
from ambassador.core.actors import system_user
from ambassador.core.progress import Progress, step
from ambassador.demo import data
from ambassador.negotiations.choices import ReviewState
from ambassador.negotiations.models import Meeting, Negotiation, Topic
from ambassador.stakeholders.choices import GROUP_FOR_ROLE, MembershipRole
from ambassador.stakeholders.models import (
    Affiliation,
    City,
    CityMembership,
    LobbyingDisclosure,
    Organisation,
    Person,
)

CHANGE_REASON = "Demo data (seed_demo)"
# The steps of ``DemoSeeder.seed``, in order, as a progress bar names them.
STAGES = (
    "topics", "cities", "organisations", "disclosures", "people", "affiliations", "logins", "negotiations",
    "meetings", "standalone meetings", "commitments", "history",
)


def _has_history(model: type[models.Model]) -> bool:
    return getattr(model._meta, "simple_history_manager_attribute", None) is not None


class DemoSeeder:
    """Writes the tables of ``ambassador.demo.data`` with get-or-create by natural key.

    A row that exists is left exactly as it is (not saved again, so no history row is added); a new
    row passes ``full_clean()`` before it is saved, and its many-to-many links are set only then.
    Each new row gets one history row, its creation with its many-to-many links, written in bulk at
    the end (one query per model and relation, instead of one per row and one more per link set).
    """

    def __init__(self, *, today: datetime.date) -> None:
        self.today = today
        self.created: Counter = Counter()
        self.existing_usernames: set[str] = set()
        self.current: object = None  # the row being written, named in errors
        self.topics: dict[str, Topic] = {}
        self.cities: dict[str, City] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.users: dict[str, models.Model] = {}
        self.negotiations: dict[str, Negotiation] = {}
        self.meetings: dict[tuple[str, str], Meeting] = {}
        self._password_hash: str | None = None
        self._new_with_history: dict[type[models.Model], list[models.Model]] = {}

    def seed(self, *, progress: Progress | None = None) -> None:
        """Writes every step of ``STAGES`` in order; ``progress`` counts each as it ends."""
        steps = (
            self._set_topics, self._cities, self._organisations, self._disclosures, self._people, self._affiliations,
            self._logins, self._negotiations, self._meetings, self._standalone_meetings, self._commitments,
            self._history,
        )
        for name, write in zip(STAGES, steps, strict=True):
            write()
            step(progress, f"seed_demo: {name}")

    def _set_topics(self) -> None:
        self.topics = self._topics()

    # Helpers

    def day(self, offset: int | None) -> datetime.date | None:
        return None if offset is None else self.today + datetime.timedelta(days=offset)

    def get_or_create(self, model, lookup: dict, defaults: dict | None = None, m2m: dict | None = None):
        """The row matching ``lookup``, or a new, validated one built from ``lookup`` and ``defaults``."""
        try:
            return model._default_manager.get(**lookup), False
        except model.DoesNotExist:
            pass
        instance = model(**lookup, **(defaults or {}))
        self.current = f"{model._meta.verbose_name} {lookup}"
        instance._change_reason = CHANGE_REASON
        instance.full_clean()
        has_history = _has_history(model)
        if has_history:
            instance.skip_history_when_saving = True  # written by _history(), with the links
        instance.save()
        for name, values in (m2m or {}).items():
            if values:
                getattr(instance, name).add(*values)
        if has_history:
            del instance.skip_history_when_saving
            self._new_with_history.setdefault(model, []).append(instance)
        self.created[model] += 1
        return instance, True

    def _history(self) -> None:
        """One creation history row per new row, with its many-to-many links, as a save() would write it."""
        for model, instances in self._new_with_history.items():
            self.current = f"history of {model._meta.verbose_name_plural}"
            history_model = model.history.model
            rows = model.history.bulk_history_create(
                instances, default_change_reason=CHANGE_REASON, default_user=system_user()
            )
            pk_name = model._meta.pk.attname
            history_by_pk = {getattr(row, pk_name): row for row in rows}
            for field in getattr(history_model, "_history_m2m_fields", ()):
                through = field.remote_field.through
                link_history_model = getattr(history_model, field.name).model
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                links = through.objects.filter(**{f"{source}__in": history_by_pk}).values_list(
                    "pk", f"{source}_id", f"{target}_id"
                )
                link_history_model.objects.bulk_create(
                    link_history_model(
                        id=link, history=history_by_pk[owner], **{f"{source}_id": owner, f"{target}_id": other}
                    )
                    for link, owner, other in links
                )

    # Tables, in dependency order

    def _topics(self) -> dict[str, Topic]:
        topics = Topic.objects.in_bulk(field_name="slug")
        needed = {slug for spec in data.NEGOTIATIONS for slug in spec.topics} | {
            spec.topic for spec in (*data.MEETINGS, *data.STANDALONE_MEETINGS) if spec.topic
        }
        missing = sorted(needed - topics.keys())
        if missing:
            raise CommandError(
                f"Topics {', '.join(missing)} are missing; they are created by the negotiations migrations. "
                "Run `manage.py migrate` first."
            )
        return topics

    def _cities(self) -> None:
        for spec in data.CITIES:
            self.cities[spec.slug], _ = self.get_or_create(
                City, {"slug": spec.slug},
                {"name": spec.name, "country": spec.country, "time_zone": spec.time_zone,
                 "languages": list(spec.languages)},
            )

    def _organisations(self) -> None:
        for spec in data.ORGANISATIONS:
            self.organisations[spec.slug], _ = self.get_or_create(
                Organisation, {"slug": spec.slug},
                {"name": spec.name, "kind": spec.kind, "registry_id": spec.registry_id,
                 "parent": self.organisations[spec.parent] if spec.parent else None,
                 "website": spec.website, "description": spec.description},
            )

    def _disclosures(self) -> None:
        for spec in data.DISCLOSURES:
            year = self.today.year - spec.years_ago
            self.get_or_create(
                LobbyingDisclosure,
                {"organisation": self.organisations[spec.organisation], "jurisdiction": spec.jurisdiction,
                 "source_url": spec.source_url},
                {"period_start": datetime.date(year, 1, 1), "period_end": datetime.date(year, 12, 31),
                 "declared_spend": spec.spend, "currency": spec.currency,
                 "declared_lobbyist_headcount": spec.headcount},
            )

    def _people(self) -> None:
        for spec in data.PEOPLE:
            self.people[spec.full_name], _ = self.get_or_create(
                Person, {"full_name": spec.full_name},
                {"is_public_official": spec.is_public_official, "is_public_figure": spec.is_public_figure,
                 "recorded_by_city": self.cities[spec.recorded_by], "notes": spec.notes},
            )

    def _affiliations(self) -> None:
        for spec in data.AFFILIATIONS:
            self.get_or_create(
                Affiliation,
                {"person": self.people[spec.person], "role": spec.role,
                 "city": self.cities[spec.city] if spec.city else None,
                 "organisation": self.organisations[spec.organisation] if spec.organisation else None},
                {"start_on": self.day(spec.start), "end_on": self.day(spec.end)},
            )

    def _logins(self) -> None:
        User = get_user_model()
        groups = {role: Group.objects.filter(name=name).first() for role, name in GROUP_FOR_ROLE.items()}
        if not all(groups.values()):
            raise CommandError(
                f"The groups {', '.join(GROUP_FOR_ROLE.values())} are missing; they are created by the "
                "stakeholders migrations. Run `manage.py migrate` first."
            )
        for spec in data.LOGINS:
            user = User._default_manager.filter(username=spec.username).first()
            if user is None:
                user = User(
                    username=spec.username, first_name=spec.first_name, last_name=spec.last_name,
                    email=f"{spec.username}@demo.example.org", is_staff=True, is_superuser=spec.is_superuser,
                    password=self._demo_password_hash(),
                )
                user.save()
                self.created[User] += 1
            else:
                self.existing_usernames.add(spec.username)
            self.users[spec.username] = user
            if spec.role is None:
                continue
            user.groups.add(groups[spec.role])  # adds nothing when the user is already in the group
            self.get_or_create(
                CityMembership, {"user": user},
                {"city": self.cities[spec.city], "role": spec.role,
                 "person": self.people[spec.person] if spec.person else None},
            )

    def _demo_password_hash(self) -> str:
        # Hashing is deliberately slow (hundreds of milliseconds with PBKDF2); hash once for every login.
        if self._password_hash is None:
            self._password_hash = make_password(data.DEMO_PASSWORD)
        return self._password_hash

    def _login_for(self, city_slug: str, role: str):
        for spec in data.LOGINS:
            if spec.city == city_slug and spec.role == role:
                return self.users[spec.username]
        raise CommandError(f"The demo has no {role} login for {city_slug}.")

    def _negotiations(self) -> None:
        for spec in data.NEGOTIATIONS:
            self.negotiations[spec.slug], _ = self.get_or_create(
                Negotiation, {"slug": spec.slug},
                {"city": self.cities[spec.city], "company": self.organisations[spec.company], "title": spec.title,
                 "stage": spec.stage, "opened_on": self.day(spec.opened), "closed_on": self.day(spec.closed),
                 "lead_envoy": self._login_for(spec.city, MembershipRole.ENVOY),
                 "public_summary": spec.summary, "is_public": spec.is_public,
                 # Proposed by the envoy and announced by council staff: a second person releases it.
                 **self._announcement(spec)},
                m2m={"topics": [self.topics[slug] for slug in spec.topics]},
            )

    def _announcement(self, spec) -> dict:
        if not spec.is_public:
            return {}
        opened = datetime.datetime.combine(self.day(spec.opened), datetime.time(12), tzinfo=self.cities[spec.city].zone)
        return {"announcement_proposed_by": self._login_for(spec.city, MembershipRole.ENVOY),
                "announcement_proposed_at": opened, "announced_at": opened,
                "announced_by": self._login_for(spec.city, MembershipRole.COUNCIL_STAFF)}

    def _meetings(self) -> None:
        negotiation_city = {spec.slug: spec.city for spec in data.NEGOTIATIONS}
        for spec in data.MEETINGS:
            negotiation = self.negotiations[spec.negotiation]
            city_slug = negotiation_city[spec.negotiation]
            starts_at = datetime.datetime.combine(
                self.day(spec.day), datetime.time(spec.hour), tzinfo=self.cities[city_slug].zone
            )
            submitted = spec.review in (ReviewState.SUBMITTED, ReviewState.PUBLISHED)
            published = spec.review == ReviewState.PUBLISHED
            self.meetings[spec.negotiation, spec.subject], _ = self.get_or_create(
                Meeting, {"negotiation": negotiation, "subject": spec.subject},
                {"starts_at": starts_at, "location": spec.location, "format": spec.format,
                 "topic": self.topics[spec.topic] if spec.topic else None,
                 "minutes_main_points": spec.main_points, "minutes_positions": spec.positions,
                 "minutes_conclusions": spec.conclusions,
                 "confidentiality": spec.confidentiality, "withholding_ground": spec.ground,
                 "release_on": self.day(spec.release), "review_state": spec.review,
                 "logged_by": self._login_for(city_slug, MembershipRole.ENVOY),
                 "submitted_at": starts_at + datetime.timedelta(days=spec.submitted_after) if submitted else None,
                 "published_at": starts_at + datetime.timedelta(days=spec.published_after) if published else None,
                 "first_published_at": starts_at + datetime.timedelta(days=spec.published_after) if published else None,
                 "published_by": self._login_for(city_slug, MembershipRole.COUNCIL_STAFF) if published else None},
                m2m={"attendees": [self.people[name] for name in spec.attendees],
                     "organisations": [self.organisations[slug] for slug in spec.organisations]},
            )

    def _standalone_meetings(self) -> None:
        """Meetings outside any negotiation, logged by the city's envoy and released by its council staff."""
        for spec in data.STANDALONE_MEETINGS:
            city = self.cities[spec.city]
            starts_at = datetime.datetime.combine(self.day(spec.day), datetime.time(spec.hour), tzinfo=city.zone)
            published_at = starts_at + datetime.timedelta(days=spec.published_after)
            self.get_or_create(
                Meeting, {"negotiation": None, "city": city, "subject": spec.subject},
                {"starts_at": starts_at, "location": spec.location, "format": spec.format,
                 "topic": self.topics[spec.topic], "minutes_main_points": spec.main_points,
                 "minutes_positions": spec.positions, "minutes_conclusions": spec.conclusions,
                 "review_state": ReviewState.PUBLISHED,
                 "logged_by": self._login_for(spec.city, MembershipRole.ENVOY),
                 "submitted_at": starts_at + datetime.timedelta(days=spec.submitted_after),
                 "published_at": published_at, "first_published_at": published_at,
                 "published_by": self._login_for(spec.city, MembershipRole.COUNCIL_STAFF)},
                m2m={"attendees": [self.people[name] for name in spec.attendees],
                     "organisations": [self.organisations[slug] for slug in spec.organisations]},
            )

    def _commitments(self) -> None:
        negotiation_city = {spec.slug: spec.city for spec in data.NEGOTIATIONS}
        for spec in data.COMMITMENTS:
            envoy = self._login_for(negotiation_city[spec.negotiation], MembershipRole.ENVOY)
            staff = self._login_for(negotiation_city[spec.negotiation], MembershipRole.COUNCIL_STAFF)
            meeting = self.meetings[spec.negotiation, spec.meeting] if spec.meeting else None
            negotiation = self.negotiations[spec.negotiation]
            # Released by council staff: with its meeting, or, without one, when the negotiation was announced.
            released_at = meeting.published_at if meeting is not None else negotiation.announced_at
            released = released_at is not None and (meeting is None or meeting.review_state == ReviewState.PUBLISHED)
            review = {"review_state": ReviewState.PUBLISHED if released else ReviewState.DRAFT, "logged_by": envoy,
                      "published_at": released_at if released else None,
                      "first_published_at": released_at if released else None,
                      "published_by": staff if released else None}
            # Replay the due-date moves: each update moves the due date from where the last one left it.
            due = self.day(spec.due)
            updates = []
            for update in spec.updates:
                previous_due = new_due = None
                if update.new_due is not None:
                    previous_due, new_due = due, self.day(update.new_due)
                    due = new_due
                updates.append((update, previous_due, new_due))
            commitment, _ = self.get_or_create(
                Commitment, {"negotiation": self.negotiations[spec.negotiation], "text": spec.text},
                {"source_meeting": self.meetings[spec.negotiation, spec.meeting] if spec.meeting else None,
                 "promiser": spec.promiser, "area": spec.area, "principle": spec.principle,
                 "due_on": due, "original_due_on": self.day(spec.due),
                 "slippage_count": sum(1 for _, _, new_due in updates if new_due is not None),
                 "completion": spec.completion, "completed_on": self.day(spec.completed),
                 "evidence": spec.evidence, "evidence_url": spec.evidence_url, **review},
            )
            for update, previous_due, new_due in updates:
                self.get_or_create(
                    CommitmentUpdate, {"commitment": commitment, "summary": update.summary},
                    {"reported_on": self.day(update.reported), "evidence": update.evidence,
                     "evidence_url": update.evidence_url, "completion": update.completion,
                     "previous_due_on": previous_due, "new_due_on": new_due, "due_date_reason": update.reason,
                     **self._released_progress(update, released=released, envoy=envoy, staff=staff)},
                )

    def _released_progress(self, update, *, released: bool, envoy, staff) -> dict:
        """Progress logged by the envoy, applied, and (on a released commitment) released by council staff."""
        reported = datetime.datetime.combine(self.day(update.reported), datetime.time(12), tzinfo=datetime.UTC)
        return {"logged_by": envoy, "applied_at": reported,
                "review_state": ReviewState.PUBLISHED if released else ReviewState.DRAFT,
                "published_at": reported if released else None, "first_published_at": reported if released else None,
                "published_by": staff if released else None}
