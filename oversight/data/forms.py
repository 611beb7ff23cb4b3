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
