"""Helpers for driving the admin through the test client as each role does."""

from django.urls import reverse
from django.utils.http import urlencode

from ambassador.commitments.choices import Area, CompletionLevel, Principle
from ambassador.negotiations.choices import Confidentiality


def url(name, *args, **query):
    address = reverse(f"admin:{name}", args=args)
    return f"{address}?{urlencode(query, doseq=True)}" if query else address


def logged_in(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def meeting_post(negotiation, commitments=(), **overrides):
    """The POST body of the meeting add form, with the commitments inline (``negotiation`` None: outside any)."""
    data = {
        "negotiation": negotiation.pk if negotiation is not None else "",
        "subject": "Trip-level mobility data feed",
        "topic": "",
        "starts_at_0": "2025-03-04",
        "starts_at_1": "10:00:00",
        "format": "in_person",
        "location": "City Hall",
        "minutes_main_points": "The company presented its data specification for the feed.",
        "minutes_positions": "The city wants trip-level data within 24 hours; the company offers weekly totals.",
        "minutes_conclusions": "The company sends a revised specification within four weeks.",
        "confidentiality": Confidentiality.PUBLIC,
        "withholding_ground": "",
        "release_on": "",
        "commitments-TOTAL_FORMS": str(len(commitments)),
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, commitment in enumerate(commitments):
        data.update({f"commitments-{index}-{name}": value for name, value in commitment.items()})
    data.update(overrides)
    return data


COMMITMENT_ROW = {
    "promiser": "company",
    "area": Area.DATA_GOVERNANCE,
    "principle": Principle.PRIVACY,
    "text": "Keep resident data on servers inside the EU.",
    "due_on": "2026-09-30",
    "completion": CompletionLevel.NOT_STARTED,
}


def update_post(commitment, **overrides):
    return {
        "commitment": commitment.pk,
        "reported_on": "2026-05-02",
        "summary": "The company shared a first sample of the feed.",
        "completion": CompletionLevel.LIMITED,
        "new_due_on": "",
        "due_date_reason": "",
        "evidence": "",
        "evidence_url": "",
        "_save": "Save",
        **overrides,
    }
