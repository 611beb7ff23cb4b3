"""Forms of the data pages."""

from __future__ import annotations

from django import forms

MAX_UPLOAD = 5 * 1024 * 1024


class ValuesUploadForm(forms.Form):
    file = forms.FileField(
        label="Values file (.csv or .xlsx)",
        help_text="One row per measure, month, area and breakdown, as in the template. Nothing "
        "is saved if any row has a problem.",
    )

    def clean_file(self) -> object:
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Use a .csv or .xlsx file.")
        if file.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 5 MB.")
        return file


class DecisionForm(forms.Form):
    """The decision on an integrity finding: real change, or recording change and rebase."""

    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            ("real", "Real change: the figures show what happened; rate the series as it is"),
            ("recording", "Recording change: start new limits (rebase) at the month below"),
        ],
        widget=forms.RadioSelect,
    )
    rebase_at = forms.RegexField(
        label="Rebase at (for a recording change)",
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        help_text="YYYY-MM; the month the monitor found, unless the data team knows better.",
        error_messages={"invalid": "Give the month as YYYY-MM, e.g. 2023-10."},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was checked, and with whom. The decision is final and recorded.",
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say what was checked, and with whom.")
        return reason
