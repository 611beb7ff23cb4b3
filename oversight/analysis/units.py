"""The units a measure can be in: the one vocabulary the catalogue, the models and pages use."""

from __future__ import annotations

from enum import StrEnum


class Unit(StrEnum):
    """What a measure's values are."""

    COUNT = "count"
    RATE = "rate"
    PERCENTAGE = "percentage"
    DURATION = "duration"
    SCORE = "score"

    @property
    def label(self) -> str:
        """Return the unit in words, as a chart's axis or a form names it."""
        return _LABELS[self]


_LABELS = {
    Unit.COUNT: "Count",
    Unit.RATE: "Rate per 1,000 population",
    Unit.PERCENTAGE: "Percentage",
    Unit.DURATION: "Duration (seconds)",
    Unit.SCORE: "Score",
}

#: The choices a model or form field offers: ("count", "Count"), ...
UNIT_CHOICES: tuple[tuple[str, str], ...] = tuple((u.value, u.label) for u in Unit)
#: Units whose values are rates of something counted: small bases are withheld when published.
RATE_UNITS = frozenset({Unit.PERCENTAGE, Unit.RATE})
