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
        _("The company has no id in any lobbying register."),
        _("Fires when no register id is recorded."),
    ),
    "meeting_frequency": IndicatorInfo(
        _("Meeting frequency"),
        _("How often the company meets the city, compared with other companies."),
        FENCE,
    ),
    "official_concentration": IndicatorInfo(
        _("Meetings concentrated on one official"),
        _("The share of the company's meetings with city attendees on record that the same city official attended, "
          "leaving out the city's envoys, who attend nearly every meeting of their negotiations by design. Only "
          "people who held a role at the city on the day of the meeting count as city attendees."),
        FENCE,
    ),
    "vague_minutes": IndicatorInfo(
        _("Missing or vague minutes"),
        _("The share of the company's meetings whose minutes are empty or only say things like "
          "“general discussion”."),
        FENCE,
    ),
    "late_disclosure": IndicatorInfo(
        _("Late disclosure"),
        _("The time between a meeting and the publication of its record."),
        FENCE,
    ),
    "revolving_door": IndicatorInfo(
        _("Revolving door"),
        _("A person who held a role at the city and a role at the company within the cooling-off period."),
        _("Fires for any such person."),
    ),
    "topic_imbalance": IndicatorInfo(
        _("Topic imbalance"),
        _("On a topic, meetings with the company far outnumber meetings with unions and civil society."),
        FENCE,
    ),
    "commitment_record": IndicatorInfo(
        _("Commitment record"),
        _("The share of the company's commitments that are overdue, broken, or whose due date slipped."),
        FENCE,
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
