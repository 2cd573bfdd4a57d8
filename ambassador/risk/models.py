"""The nightly lobbying-risk runs and the dated scores they write.

The tables keep the names they had when these records belonged to the stakeholders app, and so do
their constraints: the history of every score stays where it was.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassador.core.keyset import ordering_index
from ambassador.stakeholders.models import City, Organisation

from .choices import (
    COMMITMENT_RECORD,
    LATE_DISCLOSURE,
    OFFICIAL_CONCENTRATION,
    REVOLVING_DOOR,
    TOPIC_IMBALANCE,
    VERDICTS_NEEDING_A_NOTE,
    Verdict,
)
from .indicators import INDICATORS
from .querysets import IndicatorVerdictQuerySet, RiskAssessmentQuerySet, RiskRunQuerySet, RiskValidationQuerySet


class RiskRun(models.Model):
    """One day's lobbying-risk computation: when it ran, with what settings, and each indicator's coverage.

    There is one run per day: computing again the same day updates that day's run and assessments.
    """

    assessed_on = models.DateField(_("assessed on"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    companies_assessed = models.PositiveIntegerField(_("companies assessed"), default=0)
    city_assessments = models.PositiveIntegerField(_("city assessments"), default=0)
    assessments_written = models.PositiveIntegerField(
        _("assessments written"), default=0,
        help_text=_("Assessments created or changed by the latest computation of the day."),
    )
    coverage = models.JSONField(
        _("coverage"), default=dict, blank=True,
        help_text=_("Per indicator: for how many companies it could be computed, and for how many it fired."),
    )
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True, help_text=_("The settings used."))

    objects = RiskRunQuerySet.as_manager()

    class Meta:
        db_table = "stakeholders_riskrun"
        verbose_name = _("risk run")
        verbose_name_plural = _("risk runs")
        ordering = ["-assessed_on"]
        get_latest_by = "assessed_on"
        constraints = [
            models.UniqueConstraint(
                fields=["assessed_on"], name="stakeholders_riskrun_unique_day",
                violation_error_message=_("There is already a lobbying-risk run for this day."),
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("started_at")),
                name="stakeholders_riskrun_finished_not_before_started",
                violation_error_message=_("A run cannot finish before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Lobbying-risk run')} {self.assessed_on}"


class RiskAssessment(models.Model):
    """A dated lobbying-risk score for a company, overall (no city) or in one city.

    Assessments are history: a new run adds rows and never overwrites old ones.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.CASCADE, related_name="risk_assessments"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="risk_assessments", help_text=_("Empty for the company's overall score."),
    )
    assessed_on = models.DateField(_("assessed on"))
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    confidence = models.DecimalField(
        _("confidence"), max_digits=4, decimal_places=3, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("How much evidence stands behind the score, from 0 (none: the peers' average) to 1."),
    )
    enough_data = models.BooleanField(
        _("enough data"), default=True,
        help_text=_("False: too little evidence to rank the company; it is listed as \"not enough data\"."),
    )
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    run = models.ForeignKey(
        RiskRun, verbose_name=_("run"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assessments",
    )

    objects = RiskAssessmentQuerySet.as_manager()
    history = HistoricalRecords(table_name="stakeholders_historicalriskassessment")

    class Meta:
        db_table = "stakeholders_riskassessment"
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-assessed_on", "organisation"]
        get_latest_by = "assessed_on"
        indexes = [
            ordering_index("assessed_on", index_name="risk_assessment_assessed_page"),
            ordering_index("score", index_name="risk_assessment_score_page"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "city", "assessed_on"],
                condition=Q(city__isnull=False),
                name="stakeholders_riskassessment_unique_city_day",
            ),
            models.UniqueConstraint(
                fields=["organisation", "assessed_on"],
                condition=Q(city__isnull=True),
                name="stakeholders_riskassessment_unique_overall_day",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="stakeholders_riskassessment_score_in_range",
                violation_error_message=_("A score lies between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="risk_riskassessment_confidence_in_range",
                violation_error_message=_("A confidence lies between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        where = self.city or _("overall")
        return f"{self.organisation} {where} {self.assessed_on}: {self.score}"

    def indicator(self, key: str) -> dict | None:
        """The indicator ``key`` as this assessment's JSON carries it, or None."""
        for item in self.indicators or []:
            if isinstance(item, dict) and item.get("key") == key:
                return item
        return None

    def fired_indicator_keys(self) -> list[str]:
        """The keys of the indicators that fired, in the assessment's order."""
        return [
            str(item["key"]) for item in self.indicators or []
            if isinstance(item, dict) and item.get("key") and item.get("fired")
        ]


# What each planted pattern of ``manage.py validate_risk`` is, by the indicator it plants.
PATTERN_DESCRIPTIONS = {
    REVOLVING_DOOR: _(
        "Two public officials left their city role and joined the company a few weeks later, then sat on the "
        "company's side of its meetings with the city."
    ),
    TOPIC_IMBALANCE: _("The company was heard on one topic a dozen times or more; unions and civil society once."),
    LATE_DISCLOSURE: _(
        "Meetings were published months after they took place, and some were kept confidential with a release "
        "date long after the meeting (a few are still withheld)."
    ),
    OFFICIAL_CONCENTRATION: _("One city official other than the envoy attended nearly every meeting with the company."),
    COMMITMENT_RECORD: _("Most of the company's commitments were broken or had their due date moved."),
}


class RiskValidation(models.Model):
    """A test of the score on synthetic populations with planted patterns (``manage.py validate_risk --save``).

    Precision at k is the share of the k highest-scored companies that are planted (k: the number of
    planted companies); a plant is *named* when its planted indicator fired and contributed most to its score.
    """

    ran_at = models.DateTimeField(_("ran at"))
    assessed_on = models.DateField(_("assessed on"), help_text=_("The day the synthetic record was scored on."))
    seeds = models.JSONField(_("seeds"), default=list)
    companies = models.PositiveIntegerField(_("companies per population"))
    planted = models.PositiveIntegerField(_("planted companies per population"), help_text=_("k in precision at k."))
    precision_at_k = models.JSONField(_("precision at k per seed"), default=dict)
    mean_precision = models.FloatField(_("mean precision at k"))
    min_precision = models.FloatField(_("lowest precision at k"))
    named_share = models.FloatField(_("share of plants named"))
    patterns = models.JSONField(
        _("results per pattern"), default=dict, help_text=_("Per planted pattern: how often it fired and was named.")
    )
    parameters = models.JSONField(_("engine parameters"), default=dict, blank=True)
    seconds = models.FloatField(_("duration in seconds"), default=0.0)

    objects = RiskValidationQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk-score validation")
        verbose_name_plural = _("risk-score validations")
        ordering = ["-ran_at"]
        get_latest_by = "ran_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(mean_precision__gte=0) & Q(mean_precision__lte=1) & Q(min_precision__gte=0)
                & Q(min_precision__lte=F("mean_precision")) & Q(named_share__gte=0) & Q(named_share__lte=1),
                name="%(app_label)s_%(class)s_shares_in_range",
                violation_error_message=_("Precision and the named share lie between 0 and 1, the lowest "
                                          "precision at most the mean."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Risk-score validation')} {self.ran_at:%Y-%m-%d %H:%M}"

    def precision_rows(self) -> list[dict]:
        """Precision at k per seed, in the order the seeds ran."""
        return [
            {"seed": seed, "precision": self.precision_at_k.get(str(seed))}
            for seed in self.seeds
            if str(seed) in self.precision_at_k
        ]

    def pattern_rows(self) -> list[dict]:
        """Per planted pattern: its indicator's name, what was planted, and in how many populations it fired and
        was named."""
        rows = []
        order = list(PATTERN_DESCRIPTIONS)
        for key, figures in sorted(
            self.patterns.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
        ):
            spec = INDICATORS.get(key)
            rows.append(
                {
                    "key": key,
                    "label": spec.label if spec else key,
                    "description": PATTERN_DESCRIPTIONS.get(key, figures.get("description", "")),
                    "planted": figures.get("planted", 0),
                    "fired": figures.get("fired", 0),
                    "named": figures.get("named", 0),
                }
            )
        return rows


class IndicatorVerdict(models.Model):
    """A reviewer's verdict on an indicator that fired in a company's score, overall or in one city.

    The verdict is given on one assessment, and it stands for the same indicator of the company's
    later scores (same city, or overall) until a reviewer gives another: the current verdict is the
    latest (``IndicatorVerdict.objects.current()``). Giving a verdict again on the same assessment
    changes that row; its history keeps every earlier verdict.

    The assessment is kept with ``RESTRICT``: a verdict without the score it judged would lose what
    it judged (the value, the threshold, the sentence), and scores are history that nobody deletes.
    Unlike ``PROTECT``, ``RESTRICT`` still lets a company or city be deleted, which deletes their
    scores and verdicts together.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.CASCADE, related_name="indicator_verdicts"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="indicator_verdicts", help_text=_("Empty for a verdict on the company's overall score."),
    )
    indicator_key = models.CharField(_("indicator"), max_length=64)
    assessment = models.ForeignKey(
        RiskAssessment, verbose_name=_("assessment"), on_delete=models.RESTRICT, related_name="verdicts",
        help_text=_("The score the verdict was given on."),
    )
    indicator_snapshot = models.JSONField(
        _("indicator as judged"), default=dict, blank=True, editable=False,
        help_text=_("The indicator as the assessment carried it when the verdict was given: a run computed "
                    "again the same day may change the assessment."),
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    note = models.TextField(_("note"), blank=True, help_text=_("Required for a false positive and for needs data."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, on_delete=models.SET_NULL,
        related_name="indicator_verdicts",
    )
    decided_at = models.DateTimeField(_("decided at"))

    objects = IndicatorVerdictQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator verdict")
        verbose_name_plural = _("indicator verdicts")
        ordering = ["-decided_at", "-pk"]
        get_latest_by = "decided_at"
        indexes = [
            models.Index(
                fields=["organisation", "indicator_key", "city", "-decided_at"], name="risk_verdict_current_idx"
            ),
            ordering_index("decided_at", index_name="risk_verdict_decided_page"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator_key"], name="%(app_label)s_%(class)s_unique_per_assessment",
                violation_error_message=_("This indicator of this assessment already has a verdict."),
            ),
            models.CheckConstraint(
                condition=Q(verdict=Verdict.CONFIRMED) | ~Q(note=""),
                name="%(app_label)s_%(class)s_note_unless_confirmed",
                violation_error_message=_("Say why: a false positive or a verdict that needs data has a note."),
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="%(app_label)s_%(class)s_known_verdict",
                violation_error_message=_("Choose confirmed, false positive or needs data."),
            ),
        ]

    def __str__(self) -> str:
        where = self.city or _("overall")
        return f"{self.organisation} {where} {self.indicator_key}: {self.get_verdict_display()}"

    def clean(self) -> None:
        errors = {}
        if self.assessment_id is not None:
            assessment = self.assessment
            if self._state.adding and self.organisation_id is None:
                # A new verdict is of the assessment's company and city.
                self.organisation_id, self.city_id = assessment.organisation_id, assessment.city_id
            if self.organisation_id != assessment.organisation_id or self.city_id != assessment.city_id:
                errors["assessment"] = _("The assessment is of another company or city than the verdict.")
            item = assessment.indicator(self.indicator_key)
            if item is None:
                errors["indicator_key"] = _("The assessment has no indicator “%(key)s”.") % {"key": self.indicator_key}
            elif not item.get("fired"):
                errors["indicator_key"] = _(
                    "The indicator “%(key)s” did not fire in this assessment: only an indicator that fired is judged."
                ) % {"key": self.indicator_key}
        if self.verdict in VERDICTS_NEEDING_A_NOTE and not (self.note or "").strip():
            errors["note"] = _("Say why: a false positive or a verdict that needs data has a note.")
        if errors:
            raise ValidationError(errors)
