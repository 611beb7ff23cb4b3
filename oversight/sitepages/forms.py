"""The form the Commissioner's team writes a site page with, in English and Welsh."""

from __future__ import annotations

from django import forms

from oversight.sitepages.services import MAX_BODY, MAX_TITLE

TEXT_HELP = (
    "A blank line starts a new paragraph; a single line break is kept (for an address). "
    "Start a line with ## for a heading, ### for a smaller heading, and - for an item of a "
    "bulleted list. Web and e-mail addresses become links. No other formatting is read."
)


def _text(label: str, *, welsh: bool = False, **kwargs: object) -> forms.CharField:
    attrs = {"rows": 24, "lang": "cy"} if welsh else {"rows": 24}
    return forms.CharField(
        label=label,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs=attrs),
        error_messages={"required": f"Enter the {label.lower()}: it cannot be empty."},
        **kwargs,
    )


def _title(label: str, *, welsh: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_TITLE,
        widget=forms.TextInput(attrs={"lang": "cy"} if welsh else {}),
        error_messages={"required": f"Enter the {label.lower()}: it cannot be empty."},
    )


class PageForm(forms.Form):
    """A site page's title and text in both languages; every one of the four is required."""

    title = _title("Title")
    body = _text("Text", help_text=TEXT_HELP)
    title_cy = _title("Title in Welsh", welsh=True)
    body_cy = _text("Text in Welsh", welsh=True, help_text="Formatted as the English text is.")
    welsh_reviewed = forms.BooleanField(
        required=False,
        label="A translator has checked the Welsh text",
        help_text="Leave unticked while the Welsh is a draft; the list of pages shows which "
        "still need a translator.",
    )
