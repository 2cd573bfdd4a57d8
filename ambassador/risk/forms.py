"""The admin's form for reviewers' verdicts: one row per indicator that fired in an assessment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import VERDICTS_NEEDING_A_NOTE, Verdict


class IndicatorVerdictForm(forms.Form):
    """A verdict (or none) and its note for one indicator; the indicator's key travels hidden."""

    indicator = forms.CharField(widget=forms.HiddenInput, max_length=64)
    verdict = forms.ChoiceField(
        label=_("verdict"), required=False, choices=[("", _("— no verdict —")), *Verdict.choices],
    )
    note = forms.CharField(
        label=_("note"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 50}),
        help_text=_("Required for a false positive and for needs data."),
    )

    def clean(self):
        cleaned = super().clean()
        verdict = cleaned.get("verdict")
        note = (cleaned.get("note") or "").strip()
        cleaned["note"] = note
        if verdict in VERDICTS_NEEDING_A_NOTE and not note:
            self.add_error("note", _("Say why: a false positive or a verdict that needs data has a note."))
        if note and not verdict:
            self.add_error("verdict", _("Choose the verdict this note explains."))
        return cleaned


IndicatorVerdictFormSet = forms.formset_factory(IndicatorVerdictForm, extra=0, max_num=50, validate_max=True)
