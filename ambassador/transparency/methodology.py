"""Plain-language descriptions of the lobbying-risk indicators, for the risk and methodology pages.

The scores themselves come from the risk engine (``ambassador.risk.scoring``), whose indicator keys
these are; this module only says in words, in every language of the site, what each indicator
measures and when it fires. An indicator the engine reports but that
is not described here is still shown, under its key.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FENCE = _("Above the third quartile plus 1.5 times the interquartile range across peers (Q3 + 1.5 × IQR).")
SHARE_FENCE = _("The lower bound of the share, allowing for chance, above the peer fence (Q3 + 1.5 × IQR), never "
                "above 80 %.")
RATE_FENCE = _("The value, weighed against the peers' median by the evidence behind it, above the peer fence "
               "(Q3 + 1.5 × IQR).")

# Facts measured by more than one indicator, which the score counts once.
GROUP_NAMES = {
    "lobbying_capacity": _("Lobbying capacity"),
}


@dataclass(frozen=True)
class IndicatorInfo:
    name: str
    description: str
    threshold: str


INDICATORS = {
    "lobbying_spend": IndicatorInfo(
        _("Declared lobbying spend"),
        _("The company's declared lobbying spend in public registers, compared with its peers."),
        FENCE,
    ),
    "lobbyist_headcount": IndicatorInfo(
        _("Declared lobbyists"),
        _("The number of lobbyists the company declares in public registers, compared with its peers."),
        FENCE,
    ),
    "no_registry_id": IndicatorInfo(
        _("No lobbying register entry"),
        _("Neither the company nor its parent has an id in a lobbying register, in a city that a register covers "
          "(a city lists its registers, or takes its country's). Where no register covers the city, as in "
          "Vietnam, the check does not apply."),
        _("Fires when no register id is recorded where a register applies."),
    ),
    "meeting_frequency": IndicatorInfo(
        _("Meeting frequency"),
        _("How often the company meets the city, compared with other companies."),
        RATE_FENCE,
    ),
    "official_concentration": IndicatorInfo(
        _("Meetings concentrated on one official"),
        _("The share of the company's meetings with city attendees on record that the same city official attended, "
          "leaving out the city's envoys, who attend nearly every meeting of their negotiations by design. Only "
          "people who held a role at the city on the day of the meeting count as city attendees."),
        SHARE_FENCE,
    ),
    "vague_minutes": IndicatorInfo(
        _("Missing or vague minutes"),
        _("The share of the company's meetings whose minutes are empty or only say things like "
          "“general discussion”."),
        SHARE_FENCE,
    ),
    "late_disclosure": IndicatorInfo(
        _("Late disclosure"),
        _("The time between a meeting and the day the public could read its record: its publication, or its "
          "release from an embargo if that came later."),
        RATE_FENCE,
    ),
    "withheld_meetings": IndicatorInfo(
        _("Withheld meetings"),
        _("The share of the company's public meetings whose record was or is withheld: restricted minutes, or "
          "kept confidential until a release date, and for how long. A meeting still under embargo is not counted "
          "until it is released, so the score never reveals it."),
        SHARE_FENCE,
    ),
    "revolving_door": IndicatorInfo(
        _("Revolving door"),
        _("A person who held a role at the city and a role at the company within the cooling-off period."),
        _("Fires for any such person."),
    ),
    "topic_imbalance": IndicatorInfo(
        _("Topic imbalance"),
        _("On a topic, meetings with the company far outnumber the city's meetings with unions and civil society, "
          "including those held outside any negotiation."),
        RATE_FENCE,
    ),
    "commitment_record": IndicatorInfo(
        _("Commitment record"),
        _("The share of the company's commitments that are overdue, broken, or whose due date slipped."),
        SHARE_FENCE,
    ),
    "inconsistency": IndicatorInfo(
        _("Inconsistent promises"),
        _("The company promises less in one city than in another on the same principle."),
        _("Fires when the completion or scope of promises differs between cities on a principle."),
    ),
}


def describe_indicator(indicator):
    """The indicator with its display name attached (``name``)."""
    info = INDICATORS.get(indicator.key)
    return {"indicator": indicator, "name": info.name if info else indicator.key}
