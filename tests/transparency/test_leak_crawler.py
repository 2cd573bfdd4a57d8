"""The leak crawler: random records, every public surface crawled, no withheld text anywhere.

Hypothesis draws a small world: cities, companies, announced and unannounced negotiations, people
who may or may not be named, meetings in every review state and confidentiality, commitments and
their progress reports. Every piece of text gets a unique token, and the tokens of everything that
must stay withheld are collected. The crawler then follows every link from the home page, the open
data page, the feeds and the public API (in both languages), reads every response body in full, and
fails if any withheld token appears. Ids of withheld records must give 404 on every surface.

Published meetings may afterwards get a revision still waiting for review (its text is withheld),
a released correction (the earlier version is public, the current record's withholding still
holds), or a withdrawal (the record is withheld; only its notice, with the reason, is public).
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ambassador.commitments import services as commitment_services
from ambassador.commitments.choices import CompletionLevel
from ambassador.commitments.factories import CommitmentFactory, CommitmentUpdateFactory, OverdueFlagFactory
from ambassador.core.actors import SYSTEM_USERNAME
from ambassador.negotiations import corrections, services
from ambassador.negotiations.choices import Confidentiality, ReviewState, WithholdingGround
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from ambassador.risk.factories import IndicatorVerdictFactory, RiskAssessmentFactory
from ambassador.risk.services import compute_lobbying_risk
from ambassador.stakeholders.factories import (
    AffiliationFactory,
    CityFactory,
    CouncilStaffUserFactory,
    EnvoyUserFactory,
    OrganisationFactory,
    PersonFactory,
    TechCompanyFactory,
)

from .conftest import body_of

pytestmark = pytest.mark.django_db

SEEDS = [
    "/", "/vi/", "/data/", "/vi/data/", "/commitments/", "/commitments/?overdue=on", "/risk/", "/methodology/",
    "/withheld/", "/corrections/", "/feeds/meetings/", "/feeds/overdue/",
    "/feeds/corrections/", "/data/popolo.json", "/api/public/v1/",
    "/api/public/v1/schema/",
]
MAX_PAGES = 400
HREF = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")


class Tokens:
    """Unique, fixed-width tokens: no token is a substring of another."""

    def __init__(self):
        self._counter = itertools.count(1)

    def __call__(self, label: str = "") -> str:
        return f"Tok{next(self._counter):05d}{label}Zz"


@dataclass
class Drawn:
    withheld: set[str] = field(default_factory=set)
    withheld_meeting_ids: list[int] = field(default_factory=list)
    withheld_commitment_ids: list[int] = field(default_factory=list)
    unannounced_slugs: list[str] = field(default_factory=list)


meeting_spec = st.fixed_dictionaries(
    {
        "negotiation": st.integers(0, 3),
        "state": st.sampled_from(ReviewState.values),
        "confidentiality": st.sampled_from(Confidentiality.values),
        "release_in_past": st.booleans(),
        "attendees": st.lists(st.integers(0, 5), max_size=4, unique=True),
        "other_organisation": st.booleans(),
        "afterwards": st.sampled_from(["none", "revise", "correct", "withdraw"]),
        "commitments": st.lists(
            st.fixed_dictionaries(
                {
                    "completion": st.sampled_from(CompletionLevel.values),
                    "due_in_past": st.booleans(),
                    "updates": st.integers(0, 2),
                    "flag": st.booleans(),
                }
            ),
            max_size=2,
        ),
    }
)
world_spec = st.fixed_dictionaries(
    {
        "cities": st.integers(1, 2),
        "companies": st.integers(1, 2),
        "negotiations": st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1), st.booleans()), min_size=1,
                                 max_size=4),
        "people": st.lists(st.sampled_from(["private", "official", "figure"]), min_size=1, max_size=6),
        "meetings": st.lists(meeting_spec, min_size=1, max_size=7),
        "loose_commitment_on_unannounced": st.booleans(),
    }
)


def build(spec, token: Tokens) -> Drawn:
    drawn = Drawn()
    today = timezone.now().date()
    cities = [CityFactory(name=token("City"), slug=token("city").lower()) for _ in range(spec["cities"])]
    companies = [
        TechCompanyFactory(name=token("Company"), slug=token("company").lower(), description=token("about"))
        for _ in range(spec["companies"])
    ]
    other_organisation = OrganisationFactory(name=token("Union"), slug=token("union").lower())
    for company in companies:
        RiskAssessmentFactory(organisation=company)
        # A reviewer's verdict on a score: its note and who gave it stay off every public surface.
        reviewer = CouncilStaffUserFactory(city=cities[0], first_name=token("Reviewer"), last_name=token("Staff"),
                                           username=token("reviewer").lower())
        note = token("VerdictNote")
        IndicatorVerdictFactory(assessment=RiskAssessmentFactory(organisation=company, score=80), decided_by=reviewer,
                                false_positive=True, note=note)
        drawn.withheld |= {note, reviewer.first_name, reviewer.last_name, reviewer.username}

    negotiations = []
    for city_index, company_index, announced in spec["negotiations"]:
        title, summary, slug = token("Title"), token("Summary"), token("negotiation").lower()
        negotiation = NegotiationFactory(
            city=cities[city_index % len(cities)], company=companies[company_index % len(companies)],
            title=title, slug=slug, public_summary=summary, is_public=announced,
        )
        if not announced:
            drawn.withheld |= {title, summary, slug}
            drawn.unannounced_slugs.append(slug)
        negotiations.append(negotiation)

    people = []
    for kind in spec["people"]:
        name, notes, role = token("Person"), token("Notes"), token("Role")
        person = PersonFactory(
            full_name=name, notes=notes, is_public_official=kind == "official", is_public_figure=kind == "figure"
        )
        AffiliationFactory(person=person, organisation=companies[0], role=role, start_on=datetime.date(2015, 1, 1))
        # A city role too, so the revolving door of the computed score passes everyone through it.
        city_role = token("CityRole")
        AffiliationFactory(
            person=person, city=cities[0], organisation=None, role=city_role, start_on=datetime.date(2014, 1, 1),
            end_on=datetime.date(2015, 2, 1),
        )
        drawn.withheld.add(notes)
        if kind == "private":
            drawn.withheld |= {name, role, city_role}
        people.append(person)

    for spec_meeting in spec["meetings"]:
        negotiation = negotiations[spec_meeting["negotiation"] % len(negotiations)]
        texts = {key: token(key) for key in ("Subject", "Main", "Positions", "Conclusions", "Location")}
        confidentiality = spec_meeting["confidentiality"]
        state = spec_meeting["state"]
        release_on = None
        if confidentiality == Confidentiality.CONFIDENTIAL:
            release_on = today - datetime.timedelta(days=3) if spec_meeting["release_in_past"] else (
                today + datetime.timedelta(days=30))
        traits = {}
        if state == ReviewState.PUBLISHED:
            traits["published"] = True
        elif state == ReviewState.SUBMITTED:
            traits["submitted"] = True
        organisations = [negotiation.company] + ([other_organisation] if spec_meeting["other_organisation"] else [])
        meeting = MeetingFactory(
            negotiation=negotiation,
            subject=texts["Subject"], minutes_main_points=texts["Main"], minutes_positions=texts["Positions"],
            minutes_conclusions=texts["Conclusions"], location=texts["Location"],
            confidentiality=confidentiality, release_on=release_on,
            withholding_ground="" if confidentiality == Confidentiality.PUBLIC else WithholdingGround.COMMERCIAL,
            attendees=[people[i % len(people)] for i in spec_meeting["attendees"]],
            organisations=organisations,
            **traits,
        )
        visible = (
            state == ReviewState.PUBLISHED
            and negotiation.is_public
            and not (confidentiality == Confidentiality.CONFIDENTIAL and release_on > today)
        )
        if not visible:
            drawn.withheld |= set(texts.values())
            drawn.withheld_meeting_ids.append(meeting.pk)
        elif confidentiality == Confidentiality.RESTRICTED:
            drawn.withheld |= {texts["Main"], texts["Positions"], texts["Conclusions"], texts["Location"]}
        if state == ReviewState.PUBLISHED and spec_meeting["afterwards"] != "none":
            visible = change_after_publication(meeting, spec_meeting["afterwards"], token, drawn, visible)

        for spec_commitment in spec_meeting["commitments"]:
            completion = spec_commitment["completion"]
            due_on = today + datetime.timedelta(days=-40 if spec_commitment["due_in_past"] else 40)
            text, evidence = token("Promise"), token("Evidence")
            commitment = CommitmentFactory(
                negotiation=negotiation, source_meeting=meeting, text=text, evidence=evidence, due_on=due_on,
                completion=completion,
                completed_on=due_on if completion == CompletionLevel.COMPLETE else None,
            )
            update_texts = set()
            for _ in range(spec_commitment["updates"]):
                summary, update_evidence, reason = token("Update"), token("UpdateEvidence"), token("Reason")
                CommitmentUpdateFactory(
                    commitment=commitment, summary=summary, evidence=update_evidence, moves_due_date=True,
                    due_date_reason=reason,
                )
                update_texts |= {summary, update_evidence, reason}
            if spec_commitment["flag"] and spec_commitment["due_in_past"]:
                OverdueFlagFactory(commitment=commitment, due_on=due_on)
            if not visible:
                drawn.withheld |= {text, evidence, *update_texts}
                drawn.withheld_commitment_ids.append(commitment.pk)

    if spec["loose_commitment_on_unannounced"]:
        hidden = [n for n in negotiations if not n.is_public]
        if hidden:
            text = token("LoosePromise")
            commitment = CommitmentFactory(negotiation=hidden[0], source_meeting=None, text=text)
            drawn.withheld.add(text)
            drawn.withheld_commitment_ids.append(commitment.pk)

    _plant_pending(drawn, token, negotiations, cities, companies)

    # The logins behind the records (envoys, council staff) are never named in public.
    for user in get_user_model().objects.all():
        user.first_name, user.last_name, user.email = "Login", token("User"), f"{token('mail')}@example.org"
        user.save(update_fields=["first_name", "last_name", "email"])
        drawn.withheld |= {user.last_name, user.email}
        if user.username != SYSTEM_USERNAME:  # the jobs' account is no person, and "system" is an everyday word
            drawn.withheld.add(user.username)
    # The computed score names public facts: it must name nothing withheld.
    compute_lobbying_risk()
    return drawn


def change_after_publication(meeting, change: str, token: Tokens, drawn: Drawn, visible: bool) -> bool:
    """Revises, corrects or withdraws a published meeting; returns whether it is public afterwards."""
    city = meeting.negotiation.city
    proposer, reviewer = EnvoyUserFactory(city=city), CouncilStaffUserFactory(city=city)
    if change == "withdraw":
        services.meeting_return_to_draft(meeting=meeting, user=reviewer, reason=token("WithdrawReason"))
        drawn.withheld |= {meeting.subject, meeting.minutes_main_points, meeting.minutes_positions,
                           meeting.minutes_conclusions, meeting.location}
        if visible:
            drawn.withheld_meeting_ids.append(meeting.pk)
        return False
    subject, main, reason = token(f"{change}Subject"), token(f"{change}Main"), token(f"{change}Reason")
    services.meeting_update(meeting=meeting, user=proposer, reason=reason, subject=subject,
                            minutes_main_points=main)
    if change == "revise":
        drawn.withheld |= {subject, main, reason}
        return visible
    corrections.meeting_release_revision(meeting=meeting, user=reviewer)
    if not visible:
        drawn.withheld |= {subject, main, reason}
    elif meeting.confidentiality == Confidentiality.RESTRICTED:
        drawn.withheld.add(main)
    return visible


def _plant_pending(drawn: Drawn, token: Tokens, negotiations, cities, companies) -> None:
    """Records a second person has not released yet: submitted commitments (loose and in a published
    meeting), held progress on a public commitment, and a proposed but unannounced negotiation."""
    announced = next((n for n in negotiations if n.is_public), None)
    if announced is not None:
        loose = CommitmentFactory(negotiation=announced, without_meeting=True, submitted=True,
                                  text=token("PendingPromise"), evidence=token("PendingEvidence"))
        meeting = MeetingFactory(negotiation=announced, published=True, subject=token("ReleasedSubject"))
        in_meeting = CommitmentFactory(negotiation=announced, source_meeting=meeting, submitted=True,
                                       text=token("PendingInMeeting"))
        public = CommitmentFactory(negotiation=announced, without_meeting=True, text=token("PublicPromise"))
        held = {token("HeldUpdate"), token("HeldEvidence"), token("HeldReason")}
        summary, evidence, reason = sorted(held)
        CommitmentUpdateFactory(commitment=public, submitted=True, summary=summary, evidence=evidence,
                                moves_due_date=True, due_date_reason=reason)
        drawn.withheld |= {loose.text, loose.evidence, in_meeting.text, *held}
        drawn.withheld_commitment_ids += [loose.pk, in_meeting.pk]
    proposed = NegotiationFactory(
        city=cities[0], company=companies[0], unannounced=True, title=token("ProposedTitle"),
        slug=token("proposed").lower(), public_summary=token("ProposedSummary"),
        announcement_proposed_at=timezone.now(),
    )
    proposed.announcement_proposed_by = proposed.lead_envoy
    proposed.save(update_fields=["announcement_proposed_by"])
    meeting = MeetingFactory(negotiation=proposed, published=True, subject=token("ProposedMeeting"))
    commitment = CommitmentFactory(negotiation=proposed, source_meeting=meeting, text=token("ProposedPromise"))
    drawn.withheld |= {proposed.title, proposed.slug, proposed.public_summary, meeting.subject, commitment.text}
    drawn.unannounced_slugs.append(proposed.slug)
    drawn.withheld_meeting_ids.append(meeting.pk)
    drawn.withheld_commitment_ids.append(commitment.pk)


def _links(body: str, content_type: str) -> list[str]:
    if "json" in content_type:
        try:
            data = json.loads(body)
        except ValueError:
            return []
        found = []

        def walk(value):
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, str) and (value.startswith("/") or value.startswith("http://testserver/")):
                found.append(value)

        walk(data)
        return found
    return HREF.findall(body) + re.findall(r"<link[^>]*href=\"([^\"]+)\"", body)


def crawl(client: Client) -> dict[str, str]:
    """Every page reachable from the seeds, on this site: path -> body."""
    seen: dict[str, str] = {}
    queue = deque(SEEDS)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or path.startswith(("/admin/", "/staff/", "/api/v1/", "/static/", "/i18n/")):
            continue
        response = client.get(path)
        body = body_of(response)
        assert response.status_code in (200, 301, 302), (path, response.status_code)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        seen[path] = body
        for link in _links(body, response.get("Content-Type", "")):
            queue.append(urljoin(path, link.replace("&amp;", "&")))
    return seen


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(spec=world_spec)
def test_no_withheld_text_or_private_name_appears_on_any_public_surface(spec):
    cache.clear()  # the public API's throttle counts in the cache
    with transaction.atomic():
        drawn = build(spec, Tokens())
        client = Client()
        bodies = crawl(client)
        assert "/" in bodies and "/data/meetings.csv" in bodies and "/feeds/meetings/" in bodies
        for path, body in bodies.items():
            leaked = [secret for secret in drawn.withheld if secret in body]
            assert not leaked, f"{path} shows withheld text {leaked}"
        for pk in drawn.withheld_meeting_ids:
            for url in (f"/meetings/{pk}/", f"/vi/meetings/{pk}/", f"/api/public/v1/meetings/{pk}/"):
                assert client.get(url).status_code == 404, url
        for pk in drawn.withheld_commitment_ids:
            for url in (f"/commitments/{pk}/", f"/api/public/v1/commitments/{pk}/"):
                assert client.get(url).status_code == 404, url
        for slug in drawn.unannounced_slugs:
            for url in (f"/negotiations/{slug}/", f"/api/public/v1/negotiations/{slug}/"):
                assert client.get(url).status_code == 404, url
        transaction.set_rollback(True)


def test_corrections_withdrawals_and_pending_revisions_leak_nothing(world):
    """The fixed world, with a revision waiting for review, a restricted meeting withdrawn, and a correction."""
    cache.clear()
    proposer, reviewer = EnvoyUserFactory(city=world.city), CouncilStaffUserFactory(city=world.city)
    services.meeting_update(meeting=world.released, user=proposer, reason="PendingReasonZz",
                            subject="PendingSubjectZz", minutes_conclusions="PendingConclusionsZz")
    services.meeting_return_to_draft(meeting=world.restricted, user=reviewer, reason="Withdrawn: logged twice")
    services.meeting_update(meeting=world.public_meeting, user=proposer, reason="Wrong street named",
                            subject="Open kerbside talk on Damrak", attendees=[world.public_person])
    corrections.meeting_release_revision(meeting=world.public_meeting, user=reviewer)
    commitment_services.commitment_edit(commitment=world.public_commitment, user=proposer,
                                        reason="PendingCommitmentReasonZz", text="PendingCommitmentTextZz",
                                        evidence="PendingCommitmentEvidenceZz")
    # The correction removes the private attendee; the earlier version still counts them, unnamed.
    secrets = [*world.secrets, "PendingReasonZz", "PendingSubjectZz", "PendingConclusionsZz",
               "Restricted pricing talk", reviewer.username, proposer.username, reviewer.get_full_name(),
               proposer.get_full_name(), "PendingCommitmentReasonZz", "PendingCommitmentTextZz",
               "PendingCommitmentEvidenceZz"]

    client = Client()
    bodies = crawl(client)

    assert "Withdrawn: logged twice" in bodies["/corrections/"]
    assert any("/earlier/" in path for path in bodies), "the crawler reaches the earlier version"
    assert any("Main points of Open kerbside talk" in body for path, body in bodies.items() if "/earlier/" in path)
    for path, body in bodies.items():
        leaked = [secret for secret in secrets if secret in body]
        assert not leaked, f"{path} shows withheld text {leaked}"
    assert client.get(f"/meetings/{world.restricted.pk}/").status_code == 404
