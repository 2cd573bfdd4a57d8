"""The vocabulary of the lobbying-risk score: indicator keys and how an indicator is compared and scoped,
and the verdicts reviewers give on an indicator that fired.

The indicator vocabulary is plain values, so the pure scorer uses it without a database.
"""

from typing import Literal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Indicator keys, in the order assessments list them.
LOBBYING_SPEND = "lobbying_spend"
LOBBYIST_HEADCOUNT = "lobbyist_headcount"
NO_REGISTRY_ID = "no_registry_id"
MEETING_FREQUENCY = "meeting_frequency"
OFFICIAL_CONCENTRATION = "official_concentration"
VAGUE_MINUTES = "vague_minutes"
LATE_DISCLOSURE = "late_disclosure"
WITHHELD_MEETINGS = "withheld_meetings"
REVOLVING_DOOR = "revolving_door"
TOPIC_IMBALANCE = "topic_imbalance"
COMMITMENT_RECORD = "commitment_record"
INCONSISTENCY = "inconsistency"

# Compared with the peers' outlier fence, or with a fixed threshold.
Comparison = Literal["peers", "fixed"]
# One value for the whole company, or one per city.
Scope = Literal["company", "city"]
# What a value is, which decides how its evidence and severity are read:
# a *share* of data points (judged by its Wilson lower bound), a *rate* over data points (a mean or a
# frequency), a *count* of documented facts (people, principles), a *flag* (0 or 1), or a *declared* figure.
Kind = Literal["share", "rate", "count", "flag", "declared"]

# Indicators that measure one underlying fact: a group counts once, with its strongest member.
LOBBYING_CAPACITY = "lobbying_capacity"


class Verdict(models.TextChoices):
    """A reviewer's judgment of an indicator that fired."""

    CONFIRMED = "confirmed", _("confirmed")
    FALSE_POSITIVE = "false_positive", _("false positive")
    NEEDS_DATA = "needs_data", _("needs data")


# A verdict that disagrees with the indicator, or cannot judge it, says why.
VERDICTS_NEEDING_A_NOTE = (Verdict.FALSE_POSITIVE, Verdict.NEEDS_DATA)
