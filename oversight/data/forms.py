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


class _Files(forms.ClearableFileInput):
    allow_multiple_selected = True


class _FilesField(forms.FileField):
    """Several files in one field (Django's documented way of uploading many)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(widget=_Files(attrs={"accept": ".csv,.gz,.zip"}), **kwargs)

    def clean(self, data: object, initial: object = None) -> list[object]:
        one = super().clean
        return [one(d, initial) for d in data] if isinstance(data, list | tuple) else [one(data)]


class PoliceUploadForm(forms.Form):
    files = _FilesField(
        label="data.police.uk files",
        help_text="Street, outcomes or stop-and-search files as data.police.uk publishes them "
        "(2025-06-gwent-street.csv, the same gzipped, or the month's zip). Each file is "
        "imported whole or not at all; the measures are then refreshed and checked.",
    )

    def clean_files(self) -> list[object]:
        from oversight.data.uploads import MAX_BYTES, SUFFIXES

        files = self.cleaned_data["files"]
        wrong = [f.name for f in files if not f.name.lower().endswith(SUFFIXES)]
        if wrong:
            raise forms.ValidationError(
                f"Not a police.uk file (.csv, .csv.gz or .zip): {', '.join(wrong)}."
            )
        if sum(f.size for f in files) > MAX_BYTES:
            raise forms.ValidationError(
                f"The files come to more than {MAX_BYTES // (1024 * 1024)} MB: upload fewer "
                "at a time, or use `oversight import police-uk` on the server."
            )
        names = [f.name for f in files]
        if len(set(names)) != len(names):
            raise forms.ValidationError("Two files have the same name: upload each once.")
        return files


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
