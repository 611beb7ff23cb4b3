"""The rating override form."""

from django import forms

from oversight.analysis.rag import RATING_CHOICES


class OverrideForm(forms.Form):
    rating = forms.ChoiceField(choices=RATING_CHOICES, label="New rating")
    justification = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Justification",
        help_text="Why the assessed rating does not reflect performance. Kept in the audit trail.",
        error_messages={"required": "Give a justification for the override."},
    )

    def clean_justification(self) -> str:
        text = self.cleaned_data["justification"].strip()
        if not text:
            raise forms.ValidationError("Give a justification for the override.")
        return text
