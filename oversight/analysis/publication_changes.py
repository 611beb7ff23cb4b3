"""What changed between two publications: ratings, measures, and revised earlier figures.

Both publications are frozen content (plain dicts, see ``oversight.publishing.freeze``), so the
comparison is a pure function of the two and gives the same answer every time it is shown.
A revision is a month published in both whose figure differs: police.uk revises past months,
and the public should see that a figure they read last time has changed, and by how much.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

# Figures are compared after rounding to what the pages show, so float noise is no revision.
_PLACES = 6


@dataclass(frozen=True)
class RatingChange:
    code: str
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class Revision:
    code: str
    name: str
    period: str
    area: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class ActivityChange:
    ref: str
    summary: str
    change: str  # "added", "removed", or the status change in words: "Planned → In progress"


@dataclass(frozen=True)
class Held:
    code: str
    name: str
    why: str  # "not_ready" or "break_review"


@dataclass
class Changes:
    """The differences of a publication from the one it supersedes."""

    previous_number: int | None = None
    previous_period: str = ""
    ratings: list[RatingChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    activities: list[ActivityChange] = field(default_factory=list)
    # Measures not rated this time (data not in, or a break under review): not a change.
    held: list[Held] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(
            self.ratings
            or self.added
            or self.removed
            or self.revisions
            or self.activities
            or self.held
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Changes:
        return cls(
            previous_number=data.get("previous_number"),
            previous_period=data.get("previous_period", ""),
            ratings=[RatingChange(**r) for r in data.get("ratings", [])],
            added=list(data.get("added", [])),
            removed=list(data.get("removed", [])),
            revisions=[Revision(**r) for r in data.get("revisions", [])],
            activities=[ActivityChange(**a) for a in data.get("activities", [])],
            held=[Held(**h) for h in data.get("held", [])],
        )

    def revised(self, code: str) -> set[tuple[str, str]]:
        """Return the (period, area) cells of a measure whose figures were revised."""
        return {(r.period, r.area) for r in self.revisions if r.code == code}


def _published(cell: Mapping[str, Any] | None) -> float | None:
    if not cell or cell.get("withheld") or cell.get("value") is None:
        return None
    return round(float(cell["value"]), _PLACES)


def _cells(measure: Mapping[str, Any]) -> dict[tuple[str, str], float | None]:
    cells = {}
    for month in measure.get("series", []):
        cells[(month["period"], "force")] = _published(month.get("force"))
        for area, cell in month.get("areas", {}).items():
            cells[(month["period"], area)] = _published(cell)
    return cells


def _activity_changes(
    previous: Mapping[str, Any] | None, current: Mapping[str, Any] | None
) -> list[ActivityChange]:
    """Return the public roadmap's changes; none when either publication has no roadmap."""
    if not previous or not current:
        return []
    before = {a["ref"]: a for a in previous.get("activities", [])}
    after = {a["ref"]: a for a in current.get("activities", [])}
    changes = [ActivityChange(ref, a["summary"], "added") for ref, a in after.items()
               if ref not in before]  # fmt: skip
    changes += [ActivityChange(ref, a["summary"], "removed") for ref, a in before.items()
                if ref not in after]  # fmt: skip
    for ref, now in after.items():
        was = before.get(ref)
        if was is not None and was.get("status") != now.get("status"):
            changes.append(
                ActivityChange(ref, now["summary"], f"{was['status']} → {now['status']}")
            )
    return sorted(changes, key=lambda c: c.ref)


def compare(
    previous: Mapping[str, Any] | None, current: Mapping[str, Any], *, previous_number: int | None
) -> Changes:
    """Return what changed in ``current`` since ``previous`` (None: the first publication)."""
    if previous is None:
        return Changes()
    before = {m["code"]: m for m in previous.get("measures", [])}
    after = {m["code"]: m for m in current.get("measures", [])}
    changes = Changes(previous_number=previous_number, previous_period=previous.get("period", ""))
    changes.added = [code for code in after if code not in before]
    changes.removed = [code for code in before if code not in after]
    for code, now in after.items():
        was = before.get(code)
        if was is None:
            continue
        if now.get("held") or was.get("held"):
            # A Grey that stands for data not yet in, or a break not yet decided, says nothing
            # about performance: neither it nor its lifting is a change in the assessment.
            if now.get("held"):
                changes.held.append(Held(code, now["name"], now["held"]))
        elif was.get("rating_label") != now.get("rating_label"):
            changes.ratings.append(
                RatingChange(code, now["name"], was.get("rating_label", ""), now["rating_label"])
            )
        old_cells = _cells(was)
        for key, value in _cells(now).items():
            if key not in old_cells:
                continue
            old = old_cells[key]
            # Only figures published both times: a newly withheld or newly shown cell is not a
            # revision of a figure anyone has read.
            if old is not None and value is not None and old != value:
                changes.revisions.append(Revision(code, now["name"], key[0], key[1], old, value))
    changes.activities = _activity_changes(previous.get("roadmap"), current.get("roadmap"))
    return changes
