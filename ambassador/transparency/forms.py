"""The commitment search form: every filter is a plain GET parameter, so results can be linked."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ambassador.commitments.choices import Area, CompletionLevel, Principle


def _with_any(choices):
    return [("", _("Any")), *choices]


class CommitmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Text contains"), required=False, max_length=200)
    city = forms.ChoiceField(label=_("City"), required=False)
    company = forms.ChoiceField(label=_("Company"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False, choices=_with_any(Area.choices))
    principle = forms.ChoiceField(label=_("Principle"), required=False, choices=_with_any(Principle.choices))
    completion = forms.ChoiceField(
        label=_("Completion level"), required=False, choices=_with_any(CompletionLevel.choices)
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, cities, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = _with_any([(c.slug, c.name) for c in cities])
        self.fields["company"].choices = _with_any([(c.slug, c.name) for c in companies])

    def filter(self, commitments):
        data = self.cleaned_data
        if data["q"]:
            commitments = commitments.filter(Q(text__icontains=data["q"]) | Q(evidence__icontains=data["q"]))
        if data["city"]:
            commitments = commitments.filter(negotiation__city__slug=data["city"])
        if data["company"]:
            commitments = commitments.filter(negotiation__company__slug=data["company"])
        for name in ("area", "principle", "completion"):
            if data[name]:
                commitments = commitments.filter(**{name: data[name]})
        if data["overdue"]:
            commitments = commitments.overdue()
        return commitments
