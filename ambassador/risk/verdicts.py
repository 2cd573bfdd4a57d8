"""The reviewers' current verdicts next to the indicators that fired in a score, for the staff pages.

A verdict given on one assessment stands for the same indicator of the company's other scores in
the same city (or overall) until a reviewer gives another, so the verdicts shown next to a score
are the current ones, read for many scores at once in one query.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from ambassador.core.permissions import may
from ambassador.core.timezones import city_date_of

from .models import IndicatorVerdict, RiskAssessment

VerdictKey = tuple[int, int | None, str]


@dataclass(frozen=True)
class FiredIndicator:
    """An indicator that fired in a score, with the current verdict on it (None when there is none)."""

    key: str
    label: str
    explanation: str
    verdict: IndicatorVerdict | None

    @property
    def decided_by_name(self) -> str:
        user = self.verdict.decided_by if self.verdict else None
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()

    @property
    def decided_on(self) -> datetime.date | None:
        """The day of the verdict on the clock of its city (the current zone for an overall score)."""
        return city_date_of(self.verdict.decided_at, self.verdict.city) if self.verdict else None

    @property
    def given_on_another_score(self) -> bool:
        return self.verdict is not None and self._assessment_id != self.verdict.assessment_id

    _assessment_id: int | None = None


def shows_verdicts(user) -> bool:
    """Whether pages show the user the verdicts next to scores: to those who give them (council staff and
    superusers). The rules let envoys list verdicts only to find none, so they are not shown an empty column."""
    return may(user, "view", IndicatorVerdict) and may(user, "add", IndicatorVerdict)


def current_verdicts(assessments: Iterable[RiskAssessment], *, user) -> dict[VerdictKey, IndicatorVerdict]:
    """(company id, city id or None, indicator key) -> the current verdict, for the scores' companies and
    cities, among the verdicts the user may see. One query (none when the user may see no verdict)."""
    assessments = list(assessments)
    scopes = {(assessment.organisation_id, assessment.city_id) for assessment in assessments}
    if not scopes:
        return {}
    rows = (
        IndicatorVerdict.objects.visible_to(user)
        .current()
        .filter(organisation_id__in={organisation for organisation, _ in scopes})
        .select_related("decided_by", "city", "assessment")
    )
    return {
        (row.organisation_id, row.city_id, row.indicator_key): row
        for row in rows
        if (row.organisation_id, row.city_id) in scopes
    }


def fired_indicators(assessment: RiskAssessment, verdicts: dict[VerdictKey, IndicatorVerdict]) -> list[FiredIndicator]:
    """The indicators that fired in the assessment, in its order, each with its current verdict."""
    fired = []
    for item in assessment.indicators or []:
        if not isinstance(item, dict) or not item.get("fired") or not item.get("key"):
            continue
        key = str(item["key"])
        fired.append(
            FiredIndicator(
                key=key,
                label=str(item.get("label") or key),
                explanation=str(item.get("explanation") or item.get("why") or ""),
                verdict=verdicts.get((assessment.organisation_id, assessment.city_id, key)),
                _assessment_id=assessment.pk,
            )
        )
    return fired
