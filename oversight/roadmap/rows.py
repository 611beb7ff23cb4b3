"""The roadmap as spreadsheet rows: one row per activity, every field and link by code.

`row_of` writes an activity as a row; `RowReader` checks a row against the plan and returns
its values or every problem with its row, column and reason. Export then import is lossless:
the same row read back gives the same activity. Files are read and written, with the formula
guard, by `oversight.core.tables`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from oversight.accounts.models import Organisation
from oversight.core.tables import (
    RowError,
    Sheet,
    Table,
    length_error,
    read_table,
    write_csv,
    write_xlsx,
)
from oversight.plans.models import Measure, Outcome, Plan, Priority
from oversight.roadmap.models import LINK_MODELS, Activity, Perspective, Status
from oversight.roadmap.models.activities import Milestone, quarter_code
from oversight.roadmap.values import ActivityValues, MilestoneValues, values_of

# Column, and what goes in it (the header of the export and the import's reference).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("ref", "Stable code of the activity, e.g. RM-001; import updates the activity with it"),
    ("title", "Short title"),
    ("description", "What the activity is"),
    ("priority", "Priority code of the Plan, e.g. P1"),
    ("perspective", "force, commissioner or partner"),
    ("partner", "Partner organisation's slug, e.g. newport-council (partner activities only)"),
    ("lead", "Who leads it"),
    ("start", "Plan year and quarter it starts, e.g. 2025Q1 (quarter 1 is April to June)"),
    ("end", "Plan year and quarter it ends, e.g. 2026Q4"),
    ("status", "planned, in_progress, done, slipped or stopped"),
    ("milestones", 'Milestones, "; " between them: "2026Q2: Pilot launched [done]; 2026-09-30: …"'),
    ("outcomes", "Outcome codes, '; ' between them, e.g. P1.1; P1.2"),
    ("measures", "Measure codes, '; ' between them"),
    *((name, f"{label} code") for name, _, label in LINK_MODELS),
    (
        "funding",
        'Whole pounds from the MTFP line by plan year, "; " between: "2025=120000; 2026=95000"',
    ),
    ("partner_committed_on", "Date the partner committed to it in their plan, e.g. 2026-03-31"),
    ("public", "yes or no: shown to the public and the Panel"),
    ("public_summary", "Plain-English summary; required when public"),
    ("public_summary_cy", "The summary in Welsh (Cymraeg)"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
REQUIRED_COLUMNS = ("ref", "title", "perspective", "start", "end")
SEPARATOR = "; "
SHEET = "Roadmap"

_FUNDING = re.compile(r"^(\d{4})\s*=\s*£?\s*([0-9][0-9,]*)$")
_QUARTER = re.compile(r"^(\d{4})\s*Q([0-9])$", re.IGNORECASE)
_MILESTONE = re.compile(r"^(?P<due>[^:]+?):\s*(?P<title>.+?)(?P<done>\s*\[done\])?$", re.IGNORECASE)
# Columns stored as they are in a CharField of Activity, checked against its max_length.
_STORED_TEXT = ("ref", "title", "lead")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0", ""}


def _codes(items: object) -> str:
    return SEPARATOR.join(sorted(i.code for i in items))


def row_of(activity: Activity) -> dict[str, str]:
    """Return the activity as a spreadsheet row, every value a string."""
    return row_of_values(values_of(activity))


def row_of_values(values: ActivityValues) -> dict[str, str]:
    """Return an activity's values as a spreadsheet row, every value a string."""
    row = {
        "ref": values.ref,
        "title": values.title,
        "description": values.description,
        "priority": values.priority.code if values.priority else "",
        "perspective": values.perspective,
        "partner": values.partner.slug if values.partner else "",
        "lead": values.lead,
        "start": quarter_code(values.start_year, values.start_quarter),
        "end": quarter_code(values.end_year, values.end_quarter),
        "status": values.status,
        "milestones": SEPARATOR.join(m.text for m in values.milestones),
        "outcomes": _codes(values.outcomes),
        "measures": _codes(values.measures),
        "public": "yes" if values.public else "no",
        "public_summary": values.public_summary,
        "public_summary_cy": values.public_summary_cy,
        "funding": funding_text(values.funding),
        "partner_committed_on": (
            values.partner_committed_on.isoformat() if values.partner_committed_on else ""
        ),
    }
    for name, _, _ in LINK_MODELS:
        item = values.links.get(name)
        row[name] = item.code if item is not None else ""
    return {name: row[name] for name in COLUMN_NAMES}


def export_rows(plan: Plan) -> list[dict[str, str]]:
    """Return every activity of the plan as rows, in ref order."""
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("priority", "partner", *(name for name, _, _ in LINK_MODELS))
        .prefetch_related("outcomes", "measures", "milestones", "funding")
        .order_by("ref")
    )
    return [row_of(a) for a in activities]


class RowReader:
    """Checks rows against one plan's catalogue, loaded once."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.priorities = {p.code: p for p in Priority.objects.filter(plan=plan)}
        self.outcomes = {o.code: o for o in Outcome.objects.filter(priority__plan=plan)}
        self.measures = {m.code: m for m in Measure.objects.filter(plan=plan)}
        self.organisations = {o.slug: o for o in Organisation.objects.all()}
        self.links = {
            name: {item.code: item for item in model.objects.filter(plan=plan)}
            for name, model, _ in LINK_MODELS
        }

    def read(
        self, number: int, row: dict[str, str]
    ) -> tuple[ActivityValues | None, list[RowError]]:
        """Return the row's values, or None and every problem in it."""
        errors: list[RowError] = []

        def bad(column: str, reason: str) -> None:
            errors.append(RowError(number, column, reason))

        cell = {name: (row.get(name) or "").strip() for name in COLUMN_NAMES}
        for name in REQUIRED_COLUMNS:
            if not cell[name]:
                bad(name, "is required")
        for name in _STORED_TEXT:
            limit = Activity._meta.get_field(name).max_length
            if (error := length_error(number, name, cell[name], limit)) is not None:
                errors.append(error)
        priority = self._lookup(cell["priority"], self.priorities, "priority", bad)
        perspective = cell["perspective"].lower()
        if perspective and perspective not in Perspective.values:
            bad("perspective", f"{cell['perspective']!r} is not force, commissioner or partner")
        partner = self._lookup(cell["partner"], self.organisations, "organisation", bad, "partner")
        status = cell["status"].lower() or Status.PLANNED
        if status not in Status.values:
            bad("status", f"{cell['status']!r} is not one of {', '.join(Status.values)}")
        start = self._quarter(cell["start"], "start", bad)
        end = self._quarter(cell["end"], "end", bad)
        outcomes = self._many(cell["outcomes"], self.outcomes, "outcome", "outcomes", bad)
        measures = self._many(cell["measures"], self.measures, "measure", "measures", bad)
        links = {
            name: self._lookup(cell[name], self.links[name], label.lower(), bad, name)
            for name, _, label in LINK_MODELS
        }
        public = cell["public"].lower()
        if public not in _TRUE | _FALSE:
            bad("public", f"{cell['public']!r} is not yes or no")
        milestones = self._milestones(cell["milestones"], bad)
        funding, problems = parse_funding(cell["funding"])
        for reason in problems:
            bad("funding", reason)
        committed = None
        if cell["partner_committed_on"]:
            try:
                committed = dt.date.fromisoformat(cell["partner_committed_on"])
            except ValueError:
                bad("partner_committed_on", f"{cell['partner_committed_on']!r} is not a date")
        if errors or start is None or end is None:
            return None, errors
        values = ActivityValues(
            ref=cell["ref"],
            title=cell["title"],
            description=cell["description"],
            priority=priority,
            perspective=perspective,
            partner=partner,
            lead=cell["lead"],
            start_year=start[0],
            start_quarter=start[1],
            end_year=end[0],
            end_quarter=end[1],
            status=status,
            outcomes=outcomes,
            measures=measures,
            links=links,
            public=public in _TRUE,
            public_summary=cell["public_summary"],
            public_summary_cy=cell["public_summary_cy"],
            milestones=milestones,
            funding=funding,
            partner_committed_on=committed,
        )
        for field, reason in values.problems(self.plan):
            column = {"start_year": "start", "end_year": "end"}.get(field, field)
            bad(column if column in COLUMN_NAMES else "ref", reason)
        return (None, errors) if errors else (values, [])

    @staticmethod
    def _lookup(code, table, what, bad, column=None):
        column = column or what
        if not code:
            return None
        if code not in table:
            bad(column, f"unknown {what} {code!r}")
        return table.get(code)

    @staticmethod
    def _many(text, table, what, column, bad) -> list:
        found = []
        for code in _split(text):
            if code in table:
                found.append(table[code])
            else:
                bad(column, f"unknown {what} {code!r}")
        return found

    @staticmethod
    def _quarter(text: str, column: str, bad) -> tuple[int, int] | None:
        if not text:
            return None
        match = _QUARTER.match(text)
        if not match:
            bad(column, f"{text!r} is not a plan quarter like 2026Q2")
            return None
        year, quarter = int(match[1]), int(match[2])
        if not 1 <= quarter <= 4:
            bad(column, f"quarter {quarter} is not 1 to 4")
            return None
        return year, quarter

    def _milestones(self, text: str, bad) -> list[MilestoneValues]:
        found, problems = parse_milestones(text, self.plan)
        for reason in problems:
            bad("milestones", reason)
        return found


def parse_milestones(text: str, plan: Plan) -> tuple[list[MilestoneValues], list[str]]:
    """Return the milestones in a cell ("DUE: title [done]; ..."), and every problem."""
    found: list[MilestoneValues] = []
    problems: list[str] = []
    for entry in _split(text):
        match = _MILESTONE.match(entry)
        if not match:
            problems.append(f"{entry!r} is not 'DUE: title', DUE a quarter or a date")
            continue
        due, title, done = match["due"].strip(), match["title"].strip(), bool(match["done"])
        limit = Milestone._meta.get_field("title").max_length
        if len(title) > limit:
            problems.append(f"{title[:40]!r}…: a milestone title is longer than {limit} characters")
            continue
        quarter = _QUARTER.match(due)
        if quarter:
            year, q = int(quarter[1]), int(quarter[2])
            if not 1 <= q <= 4:
                problems.append(f"{entry!r}: quarter {q} is not 1 to 4")
            elif not plan.first_year <= year <= plan.last_year:
                problems.append(f"{entry!r}: {due} is outside the plan")
            found.append(MilestoneValues(title, year, q, None, done))
            continue
        try:
            found.append(MilestoneValues(title, None, None, dt.date.fromisoformat(due), done))
        except ValueError:
            problems.append(f"{entry!r}: {due!r} is not a quarter (2026Q2) or a date")
    return found, problems


def funding_text(funding: dict[int, int]) -> str:
    """Return funding by plan year as one cell: "2025=120000; 2026=95000"."""
    return SEPARATOR.join(f"{year}={amount}" for year, amount in sorted(funding.items()) if amount)


def parse_funding(text: str) -> tuple[dict[int, int], list[str]]:
    """Return the funding in a cell ("2025=120000; 2026=95000") by year, and every problem."""
    found: dict[int, int] = {}
    problems: list[str] = []
    for entry in _split(text):
        match = _FUNDING.match(entry)
        if not match:
            problems.append(f"{entry!r} is not 'YEAR=POUNDS', e.g. 2026=95000")
            continue
        year, amount = int(match[1]), int(match[2].replace(",", ""))
        if year in found:
            problems.append(f"{year} is given twice")
        elif amount > 10**12:
            problems.append(f"{entry!r}: the amount is not a plausible number of pounds")
        elif amount:
            found[year] = amount
    return found, problems


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def read_rows(
    plan: Plan, rows: Sequence[tuple[int, dict[str, str]]]
) -> tuple[list[tuple[int, ActivityValues]], list[RowError]]:
    """Return each data row's values with its row number, and every problem in the rows."""
    reader = RowReader(plan)
    values: list[tuple[int, ActivityValues]] = []
    errors: list[RowError] = []
    first_row: dict[str, int] = {}
    for number, row in rows:
        if not any((v or "").strip() for v in row.values()):
            continue
        ref = (row.get("ref") or "").strip()
        if ref and ref in first_row:
            errors.append(RowError(number, "ref", f"{ref!r} is also on row {first_row[ref]}"))
            continue
        first_row.setdefault(ref, number)
        read, problems = reader.read(number, row)
        errors.extend(problems)
        if read is not None:
            values.append((number, read))
    return values, errors


# Files -------------------------------------------------------------------------------


def load_table(data: bytes, filename: str) -> Table:
    """Return the rows of a roadmap .xlsx or .csv file by column; Rejected if it cannot be used."""
    return read_table(data, filename, columns=COLUMN_NAMES, required=REQUIRED_COLUMNS, sheet=SHEET)


def to_csv(rows: list[dict[str, str]]) -> bytes:
    """Return the rows as UTF-8 CSV (with a BOM so Excel reads it as UTF-8)."""
    return write_csv(COLUMN_NAMES, rows, bom=True)


def to_xlsx(rows: list[dict[str, str]]) -> bytes:
    """Return the rows as an Excel workbook: a Roadmap sheet and a Columns sheet explaining it."""
    return write_xlsx(
        [
            Sheet(SHEET, COLUMN_NAMES, rows, freeze="B2"),
            Sheet("Columns", ("Column", "What goes in it"), COLUMNS),
        ]
    )
