"""Forms of the accountability pages; they parse and check input, the services do the writing."""

from __future__ import annotations

from django import forms

from oversight.accountability.models import Verdict
from oversight.accountability.services import MAX_TEXT


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label="The Commissioner's verdict",
        choices=Verdict.Choice.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label="Why",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In plain words, for the public: what assures the Commissioner, and what not.",
    )


class FindingsResponseForm(forms.Form):
    text = forms.CharField(
        label="The force's response to the findings and recommendations",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
