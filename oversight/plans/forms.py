"""The form the Commissioner's team writes an item's Welsh texts with (never its English)."""

from __future__ import annotations

from typing import Any

from django import forms

from oversight.analysis.welsh import WELSH_SUFFIX, welsh_key
from oversight.plans import welsh


class WelshForm(forms.Form):
    """The Welsh of each text of one item that has an English text (or already a Welsh one).

    A text with neither has nothing to translate and is not offered. Each value is checked as
    services.save_welsh checks it, so an error is shown on its own field.
    """

    def __init__(self, *args: Any, kind: welsh.Kind, item: welsh.Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.english: dict[str, str] = {}
        for text in kind.texts:
            field = welsh_key(text)
            english, current = getattr(item, text), getattr(item, field)
            if not english.strip() and not current.strip():
                continue
            self.english[field] = english
            self.fields[field] = self._field(field, text, current)

    def _field(self, field: str, text: str, current: str) -> forms.CharField:
        limit = welsh.limit_of(self.kind, field)
        one_line = welsh.is_one_line(self.kind, field)
        # The English it translates, shown above the field, describes it to a screen reader.
        attrs = {"lang": "cy", "aria-describedby": f"english-{field} id_{field}_helptext"}
        widget = forms.TextInput(attrs=attrs) if one_line else forms.Textarea({**attrs, "rows": 5})
        # No maxlength: a browser would cut a pasted text short without saying so.
        return forms.CharField(
            label=f"{text.capitalize()} in Welsh",
            required=False,
            strip=False,
            initial=current,
            widget=widget,
            help_text=f"{'One line, up' if one_line else 'Up'} to {limit:,} characters. "
            "Leave it empty if there is no Welsh yet.",
        )

    def texts(self) -> list[tuple[forms.BoundField, str, str]]:
        """Return each Welsh field with the English text's name ("Name") and its English."""
        return [
            (self[field], field.removesuffix(WELSH_SUFFIX).capitalize(), english)
            for field, english in self.english.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for field in self.english:
            if field not in data:
                continue
            try:
                data[field] = welsh.check_text(self.kind, field, data[field])
            except welsh.WelshTextError as exc:
                self.add_error(field, str(exc))
        # A field's error is read out with it, after its English and its help.
        for field in self.errors:
            if field in self.fields:
                attrs = self.fields[field].widget.attrs
                attrs["aria-describedby"] += f" id_{field}_error"
        return data
