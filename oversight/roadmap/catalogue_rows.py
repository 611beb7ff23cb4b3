"""The planning catalogues as spreadsheet rows: written out, and read back with every problem.

An Excel workbook has one sheet per catalogue (named as `Catalogue.sheet`, e.g. "MTFP") and
a "Columns" sheet explaining them; a CSV file holds any catalogues, each row naming its own
in a `catalogue` column (e.g. "mtfp"). Columns: code, title, description, order, organisation
(its slug); an MTFP line's amounts one column per plan year headed as the plan writes the
year ("2025/26", whole pounds, blank for none); a partner plan's kind, dates (YYYY-MM-DD) and
years. Export then import is lossless, and a re-import of an export changes nothing.

Files are read and written, with the size limits and the formula guard, by
`oversight.core.tables`; rows are matched to items by catalogue and code, and written, all
or nothing, by `catalogue_import`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from oversight.accounts.models import Organisation
from oversight.core.tables import (
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    Cell,
    Rejected,
    RowError,
    Sheet,
    Table,
    length_error,
    read_table,
    write_csv,
    write_xlsx,
)
from oversight.plans.models import Plan
from oversight.roadmap import catalogues
from oversight.roadmap.catalogue_values import (
    CODE_LENGTH,
    PARTNER_PLAN_FIELDS,
    TITLE_LENGTH,
    ItemValues,
    amount_problems,
    parse_amount,
    problems,
)
from oversight.roadmap.catalogues import CATALOGUES, Catalogue
from oversight.roadmap.models import PartnerPlan
from oversight.roadmap.models.links import LinkItem

# Column, and what goes in it (the export's "Columns" sheet and the import page's reference).
COMMON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "Stable code, e.g. MTFP-07: letters, digits, '.', '-' and '_'; import updates "
     "the item with this code"),
    ("title", "Title"),
    ("description", "What it is"),
    ("order", "Its place in the list, a whole number (0 comes first)"),
    ("organisation", "Slug of the organisation that owns it, e.g. newport-council; blank: none. "
     "Partners maintain their own organisation's partner plans and objectives"),
)  # fmt: skip
PARTNER_PLAN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", f"Partner plans: {', '.join(PartnerPlan.Kind.values)}"),
    ("assessment_date", "Partner plans: when the needs assessment is published, YYYY-MM-DD"),
    ("commitments_close", "Partner plans: the last date for commitments to reach the plan"),
    ("publication_date", "Partner plans: when the partner publishes the plan"),
    ("first_year", "Partner plans: the first year it covers, e.g. 2025"),
    ("last_year", "Partner plans: the last year it covers"),
)
CATALOGUE_COLUMN = (
    "catalogue",
    f"CSV files only: the catalogue of the row, one of {', '.join(c.slug for c in CATALOGUES)}",
)
REQUIRED = ("code", "title")
COLUMNS_SHEET = "Columns"
_WHOLE = re.compile(r"^\d+(?:\.0*)?$")


def _year_columns(plan: Plan) -> dict[str, int]:
    """Return the MTFP amount columns, headed as the plan writes its years, and their year."""
    return dict(zip(plan.year_labels, plan.years, strict=True))


def columns_for(catalogue: Catalogue, plan: Plan) -> tuple[str, ...]:
    """Return the columns of a catalogue's sheet."""
    names = [name for name, _ in COMMON_COLUMNS]
    if catalogue.has_amounts:
        names += list(_year_columns(plan))
    if catalogue.is_partner_plan:
        names += [name for name, _ in PARTNER_PLAN_COLUMNS]
    return tuple(names)


def csv_columns(plan: Plan) -> tuple[str, ...]:
    """Return the columns of a CSV file: the catalogue, then every catalogue's columns."""
    return (
        CATALOGUE_COLUMN[0],
        *(name for name, _ in COMMON_COLUMNS),
        *_year_columns(plan),
        *(name for name, _ in PARTNER_PLAN_COLUMNS),
    )


def column_help(plan: Plan) -> list[tuple[str, str]]:
    """Return every column and what goes in it."""
    years = [
        (label, f"MTFP lines: whole pounds in plan year {label} (April to March); blank: none")
        for label in _year_columns(plan)
    ]
    return [*COMMON_COLUMNS, *years, *PARTNER_PLAN_COLUMNS, CATALOGUE_COLUMN]


# Export ------------------------------------------------------------------------------


def row_of(item: LinkItem, plan: Plan) -> dict[str, Cell]:
    """Return an item as a row; numbers stay numbers, so a spreadsheet can add them up."""
    catalogue = catalogues.catalogue_of(type(item))
    found = catalogues.content(item)
    row: dict[str, Cell] = {
        "code": found["code"],
        "title": found["title"],
        "description": found["description"],
        "order": found["order"],
        "organisation": found["organisation"] or "",
    }
    if catalogue.has_amounts:
        for label, year in _year_columns(plan).items():
            row[label] = found["amounts"].get(str(year))
    if catalogue.is_partner_plan:
        row.update({name: found[name] for name in PARTNER_PLAN_FIELDS})
    return row


def items_of(catalogue: Catalogue, plan: Plan) -> list[LinkItem]:
    """Return a catalogue's items for a plan, in order, with what `row_of` reads."""
    items = catalogue.model.objects.filter(plan=plan).select_related("organisation")
    if catalogue.has_amounts:
        items = items.prefetch_related("amounts")
    return list(items.order_by("order", "code"))


def export_rows(catalogue: Catalogue, plan: Plan) -> list[dict[str, Cell]]:
    """Return a catalogue's items as rows, in order."""
    return [row_of(item, plan) for item in items_of(catalogue, plan)]


def to_xlsx(plan: Plan, chosen: Sequence[Catalogue] = CATALOGUES) -> bytes:
    """Return a workbook: a sheet per catalogue, then a Columns sheet explaining them."""
    sheets = [
        Sheet(
            c.sheet,
            columns_for(c, plan),
            export_rows(c, plan),
            bold_header=True,
            widths={"title": 48, "description": 48},
            freeze="B2",
        )
        for c in chosen
    ]
    sheets.append(Sheet(COLUMNS_SHEET, ("Column", "What goes in it"), column_help(plan)))
    return write_xlsx(sheets)


def to_csv(plan: Plan, chosen: Sequence[Catalogue] = CATALOGUES) -> bytes:
    """Return a UTF-8 CSV file of the catalogues, each row naming its catalogue."""
    rows = [{"catalogue": c.slug, **row} for c in chosen for row in export_rows(c, plan)]
    return write_csv(csv_columns(plan), rows, bom=True)


# Import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRowError(RowError):
    """A problem with a cell, a row or a sheet of a workbook (sheet blank in a CSV file)."""

    sheet: str = ""

    def __str__(self) -> str:
        where = f"{self.sheet}, " if self.sheet else ""
        return f"{where}row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class ParsedRow:
    """A row read without fault: its catalogue, where it was, and the values it holds."""

    catalogue: Catalogue
    sheet: str
    number: int
    values: ItemValues


def _in_sheet(errors: Sequence[RowError], sheet: str) -> list[SheetRowError]:
    return [SheetRowError(e.row, e.column, e.reason, sheet) for e in errors]


def _sheet_names(data: bytes) -> list[str]:
    """Return a workbook's sheet names, once it is known to unpack within the readers' limits."""
    problem = None
    if len(data) > MAX_FILE_BYTES:
        problem = f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
    else:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if sum(i.file_size for i in archive.infolist()) > MAX_EXPANDED_BYTES:
                    problem = "the workbook unpacks to more than the limit"
            if problem is None:
                book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
                try:
                    return list(book.sheetnames)
                finally:
                    book.close()
        except Exception as exc:  # zipfile and openpyxl raise several kinds for a broken file
            problem = f"not a readable .xlsx file: {exc}"
    raise Rejected([RowError(1, "-", problem)])


def _tables(data: bytes, filename: str, plan: Plan) -> list[tuple[Catalogue | None, str, Table]]:
    """Return each sheet's table with its catalogue (None in a CSV: each row names its own)."""
    if Path(filename).suffix.lower() != ".xlsx":
        # A CSV file, or anything else, which the reader refuses with its reason.
        table = read_table(
            data, filename, columns=csv_columns(plan), required=("catalogue", *REQUIRED)
        )
        return [(None, "", table)]
    by_sheet = {c.sheet.lower(): c for c in CATALOGUES}
    found, errors = [], []
    for name in _sheet_names(data):
        if name.strip().lower() == COLUMNS_SHEET.lower():
            continue
        catalogue = by_sheet.get(name.strip().lower())
        if catalogue is None:
            expected = ", ".join(c.sheet for c in CATALOGUES)
            errors.append(SheetRowError(1, "-", f"unknown sheet (expected: {expected})", name))
            continue
        try:
            table = read_table(
                data, filename, columns=columns_for(catalogue, plan), required=REQUIRED, sheet=name
            )
        except Rejected as exc:
            errors.extend(_in_sheet(exc.errors, name))
            continue
        found.append((catalogue, name, table))
    if errors:
        raise Rejected(errors)
    return found


class _Reader:
    """Reads rows against one plan: its years, the organisations and the items there are.

    A column the file does not have leaves that field of an item as it is (of a new item, as
    the form would start it), so a file of codes and titles alone changes only titles.
    """

    def __init__(self, plan: Plan):
        self.plan = plan
        self.years = _year_columns(plan)
        self.organisations = {o.slug: o for o in Organisation.objects.all()}
        self.existing = {
            (c.slug, item.code): item for c in CATALOGUES for item in items_of(c, plan)
        }

    def read(
        self, catalogue: Catalogue, sheet: str, number: int, row: dict[str, str]
    ) -> tuple[ItemValues | None, list[SheetRowError]]:
        """Return the row's values, or None and every problem in it."""
        errors: list[SheetRowError] = []

        def bad(column: str, reason: str) -> None:
            errors.append(SheetRowError(number, column, reason, sheet))

        for name, limit in (("code", CODE_LENGTH), ("title", TITLE_LENGTH)):
            if (error := length_error(number, name, row.get(name, ""), limit)) is not None:
                errors.extend(_in_sheet([error], sheet))
        current = self.existing.get((catalogue.slug, row.get("code", "")))
        values = catalogues.values_of(current) if current else ItemValues(code="", title="")
        values.code = row.get("code", "")
        values.title = row.get("title", "")
        if "description" in row:
            values.description = row["description"]
        if "order" in row:
            values.order = self._whole(row["order"], "order", bad) or 0
        if "organisation" in row:
            values.organisation = self._organisation(row["organisation"], bad)
        self._amounts(catalogue, row, values, bad)
        self._partner_plan(catalogue, row, values, bad)
        if errors:
            return None, errors
        for field, reason in problems(
            values,
            years=dict(zip(self.plan.years, self.plan.year_labels, strict=True)),
            kinds=PartnerPlan.Kind.values,
            has_amounts=catalogue.has_amounts,
            is_partner_plan=catalogue.is_partner_plan,
            new_code=current is None,
        ):
            bad(field if field in row else "code", reason)
        return (None, errors) if errors else (values, [])

    @staticmethod
    def _whole(text: str, column: str, bad) -> int | None:
        if not text:
            return None
        if not _WHOLE.match(text):
            bad(column, f"{text!r} is not a whole number")
            return None
        return int(text.partition(".")[0])

    def _organisation(self, slug: str, bad) -> Organisation | None:
        if slug and slug not in self.organisations:
            bad("organisation", f"unknown organisation {slug!r}")
        return self.organisations.get(slug) if slug else None

    def _amounts(self, catalogue: Catalogue, row: dict[str, str], values, bad) -> None:
        given = {label: row[label] for label in self.years if label in row}
        if not catalogue.has_amounts:
            for label, text in given.items():
                if text:
                    bad(label, "only Medium Term Financial Plan lines have amounts")
            return
        amounts = dict(values.amounts or {})
        labels = {year: label for label, year in self.years.items()}
        for label, text in given.items():
            year = self.years[label]
            amounts.pop(year, None)  # a blank cell: no amount in that year
            if not text:
                continue
            try:
                amount = parse_amount(text)
            except ValueError:
                bad(label, f"{text!r} is not a whole number of pounds")
                continue
            # Said here, in the amount's own column, rather than for the line as a whole.
            for reason in amount_problems({year: amount}, labels):
                bad(label, reason)
            amounts[year] = amount
        values.amounts = amounts

    def _partner_plan(self, catalogue: Catalogue, row: dict[str, str], values, bad) -> None:
        given = {name: row[name] for name in PARTNER_PLAN_FIELDS if name in row}
        if not catalogue.is_partner_plan:
            for name, text in given.items():
                if text:
                    bad(name, f"only partner plans have a {name.replace('_', ' ')}")
            return
        if "kind" in given:
            values.kind = given["kind"].lower()
        for name in ("assessment_date", "commitments_close", "publication_date"):
            if name not in given:
                continue
            setattr(values, name, None)
            if given[name]:
                try:
                    setattr(values, name, dt.date.fromisoformat(given[name]))
                except ValueError:
                    bad(name, f"{given[name]!r} is not a date like 2026-03-31")
        for name in ("first_year", "last_year"):
            if name in given:
                setattr(values, name, self._whole(given[name], name, bad))


def read_file(
    data: bytes, filename: str, plan: Plan
) -> tuple[list[ParsedRow], list[SheetRowError]]:
    """Return the rows of a catalogue file that read without fault, and every problem.

    Rejected if the file cannot be used at all (not a readable .xlsx or .csv, past the
    readers' limits, a missing or unknown column or sheet).
    """
    reader = _Reader(plan)
    parsed: list[ParsedRow] = []
    errors: list[SheetRowError] = []
    first_row: dict[tuple[str, str], int] = {}
    for sheet_catalogue, sheet, table in _tables(data, filename, plan):
        for number, row in table.rows:
            catalogue = sheet_catalogue
            if catalogue is None:
                slug = row.get("catalogue", "").lower()
                catalogue = catalogues.catalogue_for(slug)
                if catalogue is None:
                    reason = f"{slug!r} is not a catalogue" if slug else "is required"
                    errors.append(SheetRowError(number, "catalogue", reason, sheet))
                    continue
            code = row.get("code", "")
            key = (catalogue.slug, code)
            if code and key in first_row:
                errors.append(
                    SheetRowError(
                        number, "code", f"{code!r} is also on row {first_row[key]}", sheet
                    )
                )
                continue
            first_row[key] = number
            values, problems_found = reader.read(catalogue, sheet, number, row)
            errors.extend(problems_found)
            if values is not None:
                parsed.append(ParsedRow(catalogue, sheet, number, values))
    return parsed, errors
