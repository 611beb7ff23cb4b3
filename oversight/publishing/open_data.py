"""Every published table as rows, CSV, JSON and a metadata file (a Frictionless Data Package).

Tables are derived from a publication's frozen content, so the files and the pages agree by
construction and a publication's URLs give the same bytes for ever. The CSV is written by the
project's one table writer, so its text cells carry the formula guard (`oversight.core.tables`);
JSON is not opened by spreadsheets and needs none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from oversight.core.tables import write_csv

LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
POLICE_UK = {"title": "data.police.uk", "path": "https://data.police.uk/"}


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: str  # Table Schema types: string, number, integer, boolean
    description: str
    unit: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]


_CELL_COLUMNS = (
    Column("value", "Value", "number", "The figure; empty when withheld or not available."),
    Column(
        "withheld",
        "Withheld",
        "string",
        "Why the figure is withheld under disclosure control; empty when it is published.",
    ),
)


def _cells(
    force: dict[str, Any] | None, areas: dict[str, dict[str, Any]]
) -> list[tuple[str, Any, str]]:
    """Return (area, value, why withheld) for the force and each BCU, withheld values empty."""
    rows = []
    for area, cell in [("force", force), *areas.items()]:
        cell = cell or {}
        value = None if cell.get("withheld") else cell.get("value")
        rows.append((area, value, cell.get("reason", "")))
    return rows


# The columns that say which measure, unit and area a figure belongs to.
_MEASURE_COLUMNS = (
    Column("measure_code", "Measure code", "string", "The measure's code in the plan."),
    Column("measure", "Measure", "string", "The measure's name."),
    Column("unit", "Unit", "string", "What the value counts or measures."),
)
_AREA_COLUMN = Column(
    "area", "Area", "string", "'force' for the whole force area, else a BCU code."
)


def overview_table(content: dict[str, Any]) -> Table:
    rows = []
    for m in content["measures"]:
        for area, value, withheld in _cells(m["value"], m["areas"]):
            rows.append(
                (
                    content["period"], m["code"], m["name"], m["unit_label"], area, value, withheld,
                    m["rating_label"] if area == "force" else "",
                    m["headline"] if area == "force" else "",
                    "yes" if m["is_sample"] else "no",
                )
            )  # fmt: skip
    return Table(
        "overview",
        "Performance overview",
        f"The rating and latest figure of every measure for {content['period']}, force-wide "
        "and by basic command unit (BCU), as agreed at the Commissioner's Strategic Board.",
        (
            Column("period", "Period", "string", "The month assessed (YYYY-MM)."),
            *_MEASURE_COLUMNS,
            _AREA_COLUMN,
            *_CELL_COLUMNS,
            Column("rating", "Rating", "string", "Red, Amber, Green or Grey (force-wide rows)."),
            Column("headline", "Headline", "string", "Why the measure has its rating."),
            Column("sample_data", "Sample data", "string", "'yes' for demonstration values."),
        ),
        rows,
    )


def series_table(content: dict[str, Any]) -> Table:
    rows = [
        (m["code"], m["name"], m["unit_label"], month["period"], area, value, withheld)
        for m in content["measures"]
        for month in m["series"]
        for area, value, withheld in _cells(month["force"], month["areas"])
    ]
    return Table(
        "monthly-figures",
        "Monthly figures",
        "Each measure's monthly figures, force-wide and by BCU, after disclosure control.",
        (
            *_MEASURE_COLUMNS,
            Column("period", "Period", "string", "The month (YYYY-MM)."),
            _AREA_COLUMN,
            *_CELL_COLUMNS,
        ),
        rows,
    )


def plan_table(content: dict[str, Any]) -> Table:
    rows = []
    for p in content["plan"]["priorities"]:
        for o in p["outcomes"]:
            for m in o["measures"]:
                rows.append((p["code"], p["title"], p["kind_label"], o["code"], o["title"],
                             m["code"], m["name"], m["unit_label"], m["improvement_label"],
                             m["source_label"]))  # fmt: skip
    return Table(
        "plan",
        "The plan's priorities, outcomes and measures",
        f"{content['plan']['title']}: each measure under its outcome and priority.",
        (
            Column("priority_code", "Priority code", "string", "The priority's code."),
            Column("priority", "Priority", "string", "The priority."),
            Column(
                "priority_kind",
                "Kind of priority",
                "string",
                "Policing, partnership or organisational development.",
            ),
            Column("outcome_code", "Outcome code", "string", "The outcome's code."),
            Column("outcome", "Outcome", "string", "The outcome sought."),
            Column("measure_code", "Measure code", "string", "The measure's code."),
            Column("measure", "Measure", "string", "The measure's name."),
            Column("unit", "Unit", "string", "What the measure counts or measures."),
            Column("improvement", "Improvement", "string", "Which direction is better."),
            Column("source", "Source", "string", "data.police.uk or force-supplied."),
        ),
        rows,
    )


def roadmap_table(content: dict[str, Any]) -> Table | None:
    roadmap = content.get("roadmap")
    if roadmap is None:
        return None
    rows = [
        (
            a["ref"],
            a["summary"],
            a["priority"],
            a["perspective"],
            a["partner"],
            a["status"],
            a["start"],
            a["end"],
        )
        for a in roadmap["activities"]
    ]
    return Table(
        "roadmap",
        "Planning roadmap",
        "The public activities of the multi-year planning roadmap, by their public summaries.",
        (
            Column("ref", "Reference", "string", "The activity's stable reference."),
            Column("summary", "Activity", "string", "What it is, in plain English."),
            Column("priority_code", "Priority code", "string", "The plan priority it serves."),
            Column("perspective", "Perspective", "string", "Force, Commissioner or partner."),
            Column("partner", "Partner", "string", "The partner organisation, if any."),
            Column("status", "Status", "string", "Planned, in progress, done, slipped, stopped."),
            Column("start", "Starts", "string", "Plan year and quarter it starts."),
            Column("end", "Ends", "string", "Plan year and quarter it ends."),
        ),
        rows,
    )


_ITEM_COLUMN = Column(
    "item", "Item", "string", "The item's stable key: 'escalation:N' or 'review:N'."
)


def _record_items(content: dict[str, Any]) -> list[dict[str, Any]]:
    return (content.get("record") or {}).get("items", [])


def record_table(content: dict[str, Any]) -> Table | None:
    items = _record_items(content)
    if not items:
        return None
    rows = []
    for i in items:
        verdict = i.get("verdict") or {}
        response = i.get("force_response") or {}
        commentary = i.get("force_commentary") or {}
        rows.append(
            (
                i["key"], i["kind"], i["title"], i.get("measure", ""), i.get("theme", ""),
                i.get("concern", ""), i.get("raised"), i.get("board_date"),
                i.get("board_response", ""), i.get("findings", ""), i.get("recommendations", ""),
                response.get("text", ""), commentary.get("text", ""),
                verdict.get("label", ""), verdict.get("reasons", ""), verdict.get("at"),
                i.get("first_published"), " ".join(i.get("moved_on", [])),
            )
        )  # fmt: skip
    return Table(
        "record",
        "Accountability record",
        "What the Commissioner asked of the force and what happened: each escalation the Joint "
        "Performance Management Group took to the Commissioner's Strategic Board, and each "
        "thematic review the Board considered, with the Board's response and the "
        "Commissioner's verdict. Its actions and scrutiny are in the record_actions and "
        "record_scrutiny tables.",
        (
            _ITEM_COLUMN,
            Column("kind", "Kind", "string", "'escalation' or 'review' (a thematic review)."),
            Column("title", "Title", "string", "What the item is about."),
            Column("measure_code", "Measure code", "string", "The measure escalated, if any."),
            Column("theme", "Theme", "string", "The theme a review belongs to, if any."),
            Column("concern", "Concern", "string", "The concern raised, in words."),
            Column("raised", "Raised", "date", "When it was raised (ISO 8601)."),
            Column("board_date", "Board date", "date", "The Board that considered it."),
            Column("board_response", "Board's response", "string", "What the Board decided."),
            Column("findings", "Findings", "string", "A thematic review's findings."),
            Column("recommendations", "Recommendations", "string", "A review's recommendations."),
            Column("force_response", "Force's response", "string", "To a review's findings."),
            Column("force_commentary", "Force's commentary", "string", "On the measure, latest."),
            Column("verdict", "Verdict", "string", "Assured, Partly assured or Not assured."),
            Column("verdict_reasons", "Reasons", "string", "Why the Commissioner judged so."),
            Column("verdict_date", "Verdict date", "date", "When the verdict was recorded."),
            Column(
                "first_published", "First published", "integer", "The publication it was first in."
            ),
            Column("moved_on", "Moved on", "string", "What changed since it was last published."),
        ),
        rows,
    )


def record_actions_table(content: dict[str, Any]) -> Table | None:
    items = _record_items(content)
    if not items:
        return None
    rows = [
        (i["key"], a["id"], a["title"], a["owner"], a["due"], a["status_label"], a["completed"])
        for i in items
        for a in i.get("actions", [])
    ]
    return Table(
        "record_actions",
        "Accountability record: actions",
        "The actions that followed each item of the accountability record, with their owners, "
        "due dates and status when the publication was approved.",
        (
            _ITEM_COLUMN,
            Column("action_id", "Action", "integer", "The action's stable number."),
            Column("title", "Title", "string", "What is to be done."),
            Column("owner", "Owner", "string", "Who owns it: a role and organisation."),
            Column("due", "Due", "date", "When it is due (ISO 8601)."),
            Column("status", "Status", "string", "Open, In progress, Done or Cancelled."),
            Column("completed", "Completed", "date", "When it was closed, if it is done."),
        ),
        rows,
    )


def record_scrutiny_table(content: dict[str, Any]) -> Table | None:
    items = _record_items(content)
    if not items:
        return None
    rows = [
        (i["key"], s["question"], s["asked"], s["answer"], s["answered"])
        for i in items
        for s in i.get("scrutiny", [])
    ]
    return Table(
        "record_scrutiny",
        "Accountability record: the Commissioner's questions",
        "The Commissioner's scrutiny questions on each escalated measure, and the force's answers.",
        (
            _ITEM_COLUMN,
            Column("question", "Question", "string", "The Commissioner's question."),
            Column("asked", "Asked", "date", "When it was asked (ISO 8601)."),
            Column("answer", "Answer", "string", "The force's answer; empty if not yet given."),
            Column("answered", "Answered", "date", "When it was answered."),
        ),
        rows,
    )


def tables(content: dict[str, Any]) -> dict[str, Table]:
    """Return the publication's tables by name, in the order the data page lists them."""
    found = [overview_table(content), series_table(content), plan_table(content),
             roadmap_table(content), record_table(content), record_actions_table(content),
             record_scrutiny_table(content)]  # fmt: skip
    return {t.name: t for t in found if t is not None}


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Counts are stored as floats; "166" not "166.0".
        return int(value)
    return value


def to_csv(table: Table) -> str:
    """Return the table as CSV text: a header of column names, CRLF line ends, no BOM."""
    columns = [c.name for c in table.columns]
    data = write_csv(columns, ([_csv_value(v) for v in row] for row in table.rows))
    # The site serves text; the writer gives a file's UTF-8 bytes.
    return data.decode("utf-8")


def to_json(table: Table) -> str:
    names = [c.name for c in table.columns]
    records = [dict(zip(names, row, strict=True)) for row in table.rows]
    return json.dumps({"table": table.name, "rows": records}, indent=1, ensure_ascii=False)


def resource(table: Table, *, base: str) -> dict[str, Any]:
    """Return the table's Data Package resource: files, schema and column meanings."""
    return {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "path": f"{base}{table.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "json_path": f"{base}{table.name}.json",
        "schema": {
            "fields": [
                {"name": c.name, "title": c.title, "type": c.type, "description": c.description}
                | ({"unit": c.unit} if c.unit else {})
                for c in table.columns
            ]
        },
    }


def package(
    content: dict[str, Any],
    *,
    number: int,
    published_at: str,
    base: str,
    table_list: list[Table],
) -> dict[str, Any]:
    """Return the Data Package descriptor (datapackage.json) of a publication."""
    plan = content["plan"]
    return {
        "profile": "data-package",
        "name": f"{plan['force_slug']}-performance-publication-{number}",
        "title": f"{plan['title']}: publication {number} ({content['period']})",
        "description": (
            f"Performance against the {plan['title']} for {content['period']}, as published by "
            "the Police and Crime Commissioner. Figures for basic command units below "
            f"{content['threshold']} are withheld, with a second figure where needed so that "
            "no withheld figure can be worked out from a total."
        ),
        "created": published_at,
        "licenses": [LICENCE],
        "sources": [POLICE_UK, {"title": f"{plan['force_name']} (force-supplied figures)"}],
        "disclosure_threshold": content["threshold"],
        "resources": [resource(t, base=base) for t in table_list],
    }
