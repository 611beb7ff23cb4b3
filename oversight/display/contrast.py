"""Colour contrast as WCAG 2.1 defines it: whether white text can be read on a brand colour.

The public site's header is the Commissioner's colour with white text on it, so the colour set in
OVERSIGHT_BRAND_COLOUR must give text a contrast ratio of at least 4.5:1 (success criterion 1.4.3,
level AA, for text of normal size). Pure: no Django.
"""

from __future__ import annotations

import re

WHITE = "#ffffff"
# WCAG 2.1 success criterion 1.4.3 (Contrast, minimum), level AA, for text of normal size.
AA_TEXT = 4.5
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """Return the red, green and blue (0 to 255) of "#rrggbb" or "#rgb"; ValueError otherwise."""
    if not _HEX.fullmatch(colour):
        raise ValueError(f"{colour!r} is not a colour written as #rrggbb or #rgb")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


def relative_luminance(colour: str) -> float:
    """Return the colour's relative luminance, 0 (black) to 1 (white), as WCAG 2.1 defines it."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in parse_hex(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """Return the contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_contrast_problem(background: str, *, text: str = WHITE, minimum: float = AA_TEXT) -> str:
    """Return why ``text`` on ``background`` fails WCAG 2.1 AA, or "" when it passes."""
    try:
        ratio = contrast_ratio(background, text)
    except ValueError as exc:
        return str(exc)
    if ratio < minimum:
        return (
            f"{text} text on {background} has a contrast ratio of {ratio:.2f}:1, below the "
            f"{minimum:g}:1 that WCAG 2.1 AA requires; choose a darker colour"
        )
    return ""
