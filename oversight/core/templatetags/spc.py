"""SPC icons drawn inline, always followed by their words, for any page that shows a rating."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from oversight.display.words import assurance_words, variation_words

register = template.Library()

# Icon kinds, each a class in the stylesheets (colours follow NHS "Making Data Count").
_KINDS = ("concern", "improvement", "neutral")


def _icon(kind: str, letter: str) -> SafeString:
    # Drawn with CSS, not SVG: a pack has hundreds of them and printing SVG is slow.
    return format_html('<span class="spc-icon spc-{}" aria-hidden="true">{}</span>', kind, letter)


@register.simple_tag
def variation_icon(icon: str | None) -> SafeString:
    """Return the variation icon (a coloured disc with H, L or ~) followed by its words."""
    icon = icon or ""
    kind, _, side = icon.partition("_")
    if icon == "common_cause":
        css, letter = "common", "~"
    elif kind in _KINDS and side:
        css, letter = kind, "H" if side == "high" else "L"
    else:
        css, letter = "none", "–"
    return format_html(
        '<span class="spc-words">{} {}</span>', _icon(css, letter), variation_words(icon)
    )


@register.simple_tag
def assurance_icon(icon: str | None) -> SafeString:
    """Return the assurance icon (P pass, F fail, ? hit and miss) followed by its words."""
    icon = icon or ""
    css, letter = {
        "consistent_pass": ("improvement", "P"),
        "consistent_fail": ("concern", "F"),
        "inconsistent": ("common", "?"),
    }.get(icon, ("none", "–"))
    return format_html(
        '<span class="spc-words">{} {}</span>', _icon(css, letter), assurance_words(icon)
    )
