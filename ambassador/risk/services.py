"""Computes and stores the nightly lobbying-risk assessments.

``compute_lobbying_risk`` gathers the public record (``evidence``), hands plain values to the pure
scorer (``scoring``), and writes one ``RiskAssessment`` per company overall and per city where it
negotiates, with a ``RiskRun`` recording the day's coverage, warnings and settings.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ambassador.core.actors import system_user
from ambassador.core.jobs import job_lock
from ambassador.core.permissions import require
from ambassador.core.services import require_visible, save_validated
from ambassador.core.timezones import city_today
from ambassador.core.versioning import public_data_changed

from . import scoring
from .evidence import build_observations, gather_record
from .evidence.record import CityId, CompanyId
from .models import IndicatorVerdict, RiskAssessment, RiskRun
from .scoring import RiskConfig

logger = logging.getLogger(__name__)

LOCK_NAME = "compute_lobbying_risk"
# Companies whose assessments are compared with the stored ones and written together.
STORE_BATCH_COMPANIES = 100


def risk_config() -> RiskConfig:
    """The scorer's settings: ``AMBASSADOR_RISK_*``, over the defaults in ``indicators``."""
    return RiskConfig(
        weights={**scoring.DEFAULT_WEIGHTS, **getattr(settings, "AMBASSADOR_RISK_WEIGHTS", {})},
        thresholds={**scoring.DEFAULT_THRESHOLDS, **getattr(settings, "AMBASSADOR_RISK_THRESHOLDS", {})},
        fence_multiplier=float(getattr(settings, "AMBASSADOR_RISK_FENCE_MULTIPLIER", 1.5)),
        min_peers=int(getattr(settings, "AMBASSADOR_RISK_MIN_PEERS", 5)),
        min_data_points=int(getattr(settings, "AMBASSADOR_RISK_MIN_DATA_POINTS", 3)),
        cooling_off_days=int(getattr(settings, "AMBASSADOR_RISK_COOLING_OFF_DAYS", 365)),
        currency=getattr(settings, "AMBASSADOR_RISK_SPEND_CURRENCY", "EUR"),
        prior_points=float(getattr(settings, "AMBASSADOR_RISK_PRIOR_POINTS", 5.0)),
        share_z=float(getattr(settings, "AMBASSADOR_RISK_SHARE_Z", 1.645)),
        share_ceiling=float(getattr(settings, "AMBASSADOR_RISK_SHARE_CEILING", 0.8)),
        min_confidence=float(getattr(settings, "AMBASSADOR_RISK_MIN_CONFIDENCE", 0.3)),
    )


# --- storing ------------------------------------------------------------------------------------------------------


def coverage_of(overall: dict[CompanyId, scoring.Assessment]) -> dict:
    """Per indicator: for how many companies it could be computed and for how many it fired."""
    indicators = {}
    for key in scoring.INDICATORS:
        results = [next(i for i in assessment.indicators if i.key == key) for assessment in overall.values()]
        indicators[key] = {
            "computed": sum(result.applicable for result in results),
            "fired": sum(result.fired for result in results),
        }
    return {"companies": len(overall), "indicators": indicators}


def _warnings(coverage: dict, *, on: datetime.date) -> list[str]:
    share = float(getattr(settings, "AMBASSADOR_RISK_WARN_FIRED_SHARE", 0.25))
    companies = coverage["companies"]
    messages = []
    for key, counts in coverage["indicators"].items():
        if companies and counts["fired"] > share * companies:
            message = (
                f"Indicator {key} fired for {counts['fired']} of {companies} companies on {on}, more than "
                f"{share:.0%}: check its threshold and data before reading the scores."
            )
            logger.warning(message)
            messages.append(message)
    return messages


def _parameters(config: RiskConfig) -> dict:
    return {
        "weights": dict(config.weights),
        "thresholds": dict(config.thresholds),
        "fence_multiplier": config.fence_multiplier,
        "min_peers": config.min_peers,
        "min_data_points": config.min_data_points,
        "cooling_off_days": config.cooling_off_days,
        "currency": config.currency,
        "prior_points": config.prior_points,
        "share_z": config.share_z,
        "share_ceiling": config.share_ceiling,
        "min_confidence": config.min_confidence,
        "groups": {fact: list(keys) for fact, keys in scoring.FACTS.items() if len(keys) > 1},
    }


def _store_assessments(
    *, run: RiskRun, on: datetime.date, assessments: dict[tuple[CompanyId, CityId | None], scoring.Assessment]
) -> int:
    """Writes the day's assessments: creates new ones, updates changed ones in place, leaves equal ones alone.

    Earlier days are never touched. Returns how many rows were created or changed. Companies are
    written ``STORE_BATCH_COMPANIES`` at a time, so only one batch's stored rows and indicator JSON
    are in memory at once, however many companies there are; the run's transaction holds them all.
    """
    now = timezone.now()
    user = system_user()
    reason = f"Lobbying-risk run of {on}"
    keys_of: dict[CompanyId, list[tuple[CompanyId, CityId | None]]] = defaultdict(list)
    for key in assessments:
        keys_of[key[0]].append(key)
    companies = sorted(keys_of)
    written = 0
    for first in range(0, len(companies), STORE_BATCH_COMPANIES):
        batch = companies[first : first + STORE_BATCH_COMPANIES]
        existing = {
            (assessment.organisation_id, assessment.city_id): assessment
            for assessment in RiskAssessment.objects.filter(assessed_on=on, organisation__in=batch).order_by()
        }
        created, changed = [], []
        for company, city in [key for batch_company in batch for key in keys_of[batch_company]]:
            assessment = assessments[(company, city)]
            indicators = assessment.indicators_as_json()
            row = existing.get((company, city))
            if row is None:
                created.append(
                    RiskAssessment(
                        organisation_id=company, city_id=city, assessed_on=on, computed_at=now,
                        score=assessment.score, confidence=assessment.confidence,
                        enough_data=assessment.enough_data, indicators=indicators, run=run,
                    )
                )
            elif (
                row.score != assessment.score or row.indicators != indicators or row.run_id != run.pk
                or row.confidence != assessment.confidence or row.enough_data != assessment.enough_data
            ):
                row.score, row.indicators, row.run, row.computed_at = assessment.score, indicators, run, now
                row.confidence, row.enough_data = assessment.confidence, assessment.enough_data
                changed.append(row)
        if created:
            bulk_create_with_history(
                created, RiskAssessment, default_change_reason=reason, default_date=now, default_user=user
            )
        if changed:
            bulk_update_with_history(
                changed, RiskAssessment, ["score", "confidence", "enough_data", "indicators", "run", "computed_at"],
                default_change_reason=f"{reason} (computed again)", default_date=now, default_user=user,
            )
        written += len(created) + len(changed)
    if written:
        public_data_changed()  # bulk writes send no signal
    return written


def compute_lobbying_risk(
    *, on: datetime.date | None = None, now: datetime.datetime | None = None
) -> RiskRun | None:
    """Scores every negotiating tech company, overall and per city, as of ``on``.

    Without ``on`` the run is today's (its date the UTC date at ``now``, default: the current
    instant) and each city is judged by its own date at that instant: an embargo not yet over in
    the city's time zone keeps its meeting out of the score, and a commitment is late only once the
    city's due date has passed. With ``on``, every city is judged by that date.

    Computing again the same day updates that day's run and any assessment whose score or
    indicators changed; earlier days are history and stay as they are. Returns the run, or None
    when another run holds the lock (it then does nothing).
    """
    live = on is None
    now = now or timezone.now()
    on = on or city_today(datetime.UTC, now)
    config = risk_config()
    with job_lock(LOCK_NAME) as acquired:
        if not acquired:
            return None
        started_at = timezone.now()
        run, _ = RiskRun.objects.update_or_create(
            assessed_on=on, defaults={"started_at": started_at, "finished_at": None, "parameters": _parameters(config)}
        )
        record = gather_record(on=on, config=config, now=now if live else None)
        companies, cities = build_observations(record, config=config)
        overall, per_city = scoring.assess(companies=companies, cities=cities, config=config)
        assessments = {(company, None): assessment for company, assessment in overall.items()}
        assessments.update(per_city)
        written = _store_assessments(run=run, on=on, assessments=assessments)

        run.coverage = coverage_of(overall)
        run.warnings = _warnings(run.coverage, on=on)
        run.companies_assessed = len(overall)
        run.city_assessments = len(per_city)
        run.assessments_written = written
        run.finished_at = timezone.now()
        run.save(
            update_fields=[
                "coverage", "warnings", "companies_assessed", "city_assessments", "assessments_written", "finished_at",
            ]
        )
    logger.info(
        "Lobbying-risk run of %s: %d companies, %d city assessments, %d written",
        on, run.companies_assessed, run.city_assessments, written,
    )
    return run


# --- reviewers' verdicts ------------------------------------------------------------------------------------------


@transaction.atomic
def indicator_verdict_record(
    *, assessment: RiskAssessment, indicator_key: str, verdict: str, note: str = "", user,
    now: datetime.datetime | None = None,
) -> IndicatorVerdict:
    """Records the user's verdict on an indicator that fired in the assessment; it becomes the current one.

    A verdict already given on this indicator of this assessment is changed (its history keeps the
    earlier one); the same verdict with the same note changes nothing. Refuses an assessment the
    user may not see, a user who may not judge, and (``ValidationError``) an indicator that did
    not fire or a false positive or needs-data verdict without a note.
    """
    require_visible(model=RiskAssessment, obj=assessment, user=user)
    note = (note or "").strip()
    existing = (
        IndicatorVerdict.objects.select_for_update()
        .filter(assessment=assessment, indicator_key=indicator_key)
        .first()
    )
    if existing is None:
        require(user, "add", IndicatorVerdict)
        row = IndicatorVerdict(
            assessment=assessment, organisation_id=assessment.organisation_id, city_id=assessment.city_id,
            indicator_key=indicator_key,
        )
    else:
        require(user, "change", existing)
        if existing.verdict == verdict and existing.note == note:
            return existing
        row = existing
    row.verdict = verdict
    row.note = note
    row.decided_by = user
    row.decided_at = now or timezone.now()
    row.indicator_snapshot = assessment.indicator(indicator_key) or {}
    return save_validated(row, user=user)
