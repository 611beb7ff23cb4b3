"""Statistical disclosure control for published figures.

Force-wide counts are already public on data.police.uk and are published as they are. Counts
below the force (a BCU, an age band) can identify people when small, so before publication:

* primary suppression: a count of 1 to ``threshold - 1`` is withheld ("fewer than 5");
  zero is published, since it identifies no one;
* secondary suppression: when a group's total is published and exactly one of its cells is
  withheld, the smallest other cell is withheld too, so the first cannot be found by
  subtraction.

Rates and percentages are published only when their denominator is known and at least
``threshold``; otherwise they are withheld with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Disclosed:
    """A figure as it may be published: the value, or None with the reason it is withheld."""

    value: float | None
    withheld: bool = False
    reason: str = ""

    def text(self, fmt: str = "{:,.0f}") -> str:
        if self.withheld:
            return self.reason
        return "—" if self.value is None else fmt.format(self.value)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Disclosed:
        return cls(data.get("value"), bool(data.get("withheld")), data.get("reason", ""))


def disclose_count(value: float | None, *, threshold: int = DEFAULT_THRESHOLD) -> Disclosed:
    """Return a sub-force count as it may be published (primary suppression only)."""
    if value is None:
        return Disclosed(None)
    if 0 < value < threshold:
        return Disclosed(None, True, f"fewer than {threshold}")
    return Disclosed(value)


def disclose_group(
    cells: dict[str, float | None], *, total_published: bool, threshold: int = DEFAULT_THRESHOLD
) -> dict[str, Disclosed]:
    """Return each cell of a group (e.g. the BCUs of a force) as it may be published."""
    result = {key: disclose_count(value, threshold=threshold) for key, value in cells.items()}
    withheld = [k for k, d in result.items() if d.withheld]
    if total_published and len(withheld) == 1:
        # The smallest other non-zero cell; failing that a zero, which hides the first as well.
        others = sorted(
            (value == 0, value, key)
            for key, value in cells.items()
            if key not in withheld and value is not None
        )
        if others:
            *_, key = others[0]
            result[key] = Disclosed(None, True, "withheld so another figure cannot be derived")
    return result


def disclose_rate(
    value: float | None,
    denominator: float | None,
    *,
    numerator: float | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Disclosed:
    """Return a rate or percentage as it may be published, given its denominator.

    A rate whose count (numerator) would itself be withheld is withheld too: published with
    its base, it would give the count back.
    """
    if value is None:
        return Disclosed(None)
    if numerator is not None and 0 < numerator < threshold:
        return Disclosed(None, True, f"count fewer than {threshold}")
    if denominator is None:
        return Disclosed(None, True, "base not known")
    if denominator < threshold:
        return Disclosed(None, True, f"base fewer than {threshold}")
    return Disclosed(value)


def recoverable(cells: Mapping[str, Disclosed], total: float | None) -> list[str]:
    """Return the withheld cells a reader could work out from the published ``total``.

    With the total and every other cell published, a single withheld cell is the difference;
    two or more withheld cells leave one equation in several unknowns.
    """
    if total is None:
        return []
    withheld = [key for key, cell in cells.items() if cell.withheld]
    return withheld if len(withheld) == 1 else []
