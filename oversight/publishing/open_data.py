"""Every published table as rows, CSV, JSON and a metadata file (a Frictionless Data Package).

Tables are derived from a publication's frozen content, so the files and the pages agree by
construction and a publication's URLs give the same bytes for ever. The CSV is written by the
project's one table writer, so its text cells carry the formula guard (`oversight.core.tables`);
JSON is not opened by spreadsheets and needs none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_noop

from oversight.core.tables import write_csv
from oversight.core.welsh import text_in_language

LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
POLICE_UK = {"title": "data.police.uk", "path": "https://data.police.uk/"}


@dataclass(frozen=True)
class Column:
    name: str
    title: str  # in English; ``shown_title`` is in the reader's language
    type: str  # Table Schema types: string, number, integer, boolean
    description: str
    unit: str = ""

    @property
    def shown_title(self) -> str:
        return gettext(self.title)

    @property
    def shown_description(self) -> str:
        return gettext(self.description)


@dataclass(frozen=True)
class Table:
    name: str
    title: str  # in English, like the description; ``shown_…`` are in the reader's language
    description: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    # What fills the description's %(…)s: the period, the plan's title.
    params: dict[str, str] = field(default_factory=dict)

    @property
    def shown_title(self) -> str:
        return gettext(self.title)

    @property
    def shown_description(self) -> str:
        return gettext(self.description) % self.params if self.params else gettext(self.description)


_CELL_COLUMNS = (
    Column(
        "value",
        gettext_noop("Value"),
        "number",
        gettext_noop("The figure; empty when withheld or not available."),
    ),
    Column(
        "withheld",
        gettext_noop("Withheld"),
        "string",
        gettext_noop(
            "Why the figure is withheld under disclosure control; empty when it is published."
        ),
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
    Column(
        "measure_code",
        gettext_noop("Measure code"),
        "string",
        gettext_noop("The measure's code in the plan."),
    ),
    Column("measure", gettext_noop("Measure"), "string", gettext_noop("The measure's name.")),
    Column(
        "unit", gettext_noop("Unit"), "string", gettext_noop("What the value counts or measures.")
    ),
)
_AREA_COLUMN = Column(
    "area",
    gettext_noop("Area"),
    "string",
    gettext_noop("'force' for the whole force area, else a BCU code."),
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
                    m.get("name_cy", ""),
                    m.get("headline_cy", "") if area == "force" else "",
                )
            )  # fmt: skip
    return Table(
        "overview",
        gettext_noop("Performance overview"),
        gettext_noop(
            "The rating and latest figure of every measure for %(period)s, force-wide and by "
            "basic command unit (BCU), as agreed at the Commissioner's Strategic Board."
        ),
        (
            Column(
                "period",
                gettext_noop("Period"),
                "string",
                gettext_noop("The month assessed (YYYY-MM)."),
            ),
            *_MEASURE_COLUMNS,
            _AREA_COLUMN,
            *_CELL_COLUMNS,
            Column(
                "rating",
                gettext_noop("Rating"),
                "string",
                gettext_noop("Red, Amber, Green or Grey (force-wide rows)."),
            ),
            Column(
                "headline",
                gettext_noop("Headline"),
                "string",
                gettext_noop("Why the measure has its rating."),
            ),
            Column(
                "sample_data",
                gettext_noop("Sample data"),
                "string",
                gettext_noop("'yes' for demonstration values."),
            ),
            # The texts in Welsh beside the English, so one file serves readers of both.
            Column(
                "measure_cy",
                gettext_noop("Measure (Welsh)"),
                "string",
                gettext_noop("The measure's name in Welsh; empty where the plan has none."),
            ),
            Column(
                "headline_cy",
                gettext_noop("Headline (Welsh)"),
                "string",
                gettext_noop(
                    "Why the measure has its rating, in Welsh; empty for a publication made "
                    "before headlines were worded in Welsh."
                ),
            ),
        ),
        rows,
        {"period": content["period"]},
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
        gettext_noop("Monthly figures"),
        gettext_noop(
            "Each measure's monthly figures, force-wide and by BCU, after disclosure control."
        ),
        (
            *_MEASURE_COLUMNS,
            Column(
                "period", gettext_noop("Period"), "string", gettext_noop("The month (YYYY-MM).")
            ),
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
        gettext_noop("The plan's priorities, outcomes and measures"),
        gettext_noop("%(plan)s: each measure under its outcome and priority."),
        (
            Column(
                "priority_code",
                gettext_noop("Priority code"),
                "string",
                gettext_noop("The priority's code."),
            ),
            Column("priority", gettext_noop("Priority"), "string", gettext_noop("The priority.")),
            Column(
                "priority_kind",
                gettext_noop("Kind of priority"),
                "string",
                gettext_noop("Policing, partnership or organisational development."),
            ),
            Column(
                "outcome_code",
                gettext_noop("Outcome code"),
                "string",
                gettext_noop("The outcome's code."),
            ),
            Column(
                "outcome", gettext_noop("Outcome"), "string", gettext_noop("The outcome sought.")
            ),
            Column(
                "measure_code",
                gettext_noop("Measure code"),
                "string",
                gettext_noop("The measure's code."),
            ),
            Column(
                "measure", gettext_noop("Measure"), "string", gettext_noop("The measure's name.")
            ),
            Column(
                "unit",
                gettext_noop("Unit"),
                "string",
                gettext_noop("What the measure counts or measures."),
            ),
            Column(
                "improvement",
                gettext_noop("Improvement"),
                "string",
                gettext_noop("Which direction is better."),
            ),
            Column(
                "source",
                gettext_noop("Source"),
                "string",
                gettext_noop("data.police.uk or force-supplied."),
            ),
        ),
        rows,
        {"plan": content["plan"]["title"]},
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
        gettext_noop("Planning roadmap"),
        gettext_noop(
            "The public activities of the multi-year planning roadmap, by their public summaries."
        ),
        (
            Column(
                "ref",
                gettext_noop("Reference"),
                "string",
                gettext_noop("The activity's stable reference."),
            ),
            Column(
                "summary",
                gettext_noop("Activity"),
                "string",
                gettext_noop("What it is, in plain English."),
            ),
            Column(
                "priority_code",
                gettext_noop("Priority code"),
                "string",
                gettext_noop("The plan priority it serves."),
            ),
            Column(
                "perspective",
                gettext_noop("Perspective"),
                "string",
                gettext_noop("Force, Commissioner or partner."),
            ),
            Column(
                "partner",
                gettext_noop("Partner"),
                "string",
                gettext_noop("The partner organisation, if any."),
            ),
            Column(
                "status",
                gettext_noop("Status"),
                "string",
                gettext_noop("Planned, in progress, done, slipped, stopped."),
            ),
            Column(
                "start",
                gettext_noop("Starts"),
                "string",
                gettext_noop("Plan year and quarter it starts."),
            ),
            Column(
                "end",
                gettext_noop("Ends"),
                "string",
                gettext_noop("Plan year and quarter it ends."),
            ),
        ),
        rows,
    )


_ITEM_COLUMN = Column(
    "item",
    gettext_noop("Item"),
    "string",
    gettext_noop("The item's stable key: 'escalation:N' or 'review:N'."),
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
        gettext_noop("Accountability record"),
        gettext_noop(
            "What the Commissioner asked of the force and what happened: each escalation the Joint "
            "Performance Management Group took to the Commissioner's Strategic Board, and each "
            "thematic review the Board considered, with the Board's response and the "
            "Commissioner's verdict. Its actions and scrutiny are in the record_actions and "
            "record_scrutiny tables."
        ),
        (
            _ITEM_COLUMN,
            Column(
                "kind",
                gettext_noop("Kind"),
                "string",
                gettext_noop("'escalation' or 'review' (a thematic review)."),
            ),
            Column(
                "title", gettext_noop("Title"), "string", gettext_noop("What the item is about.")
            ),
            Column(
                "measure_code",
                gettext_noop("Measure code"),
                "string",
                gettext_noop("The measure escalated, if any."),
            ),
            Column(
                "theme",
                gettext_noop("Theme"),
                "string",
                gettext_noop("The theme a review belongs to, if any."),
            ),
            Column(
                "concern",
                gettext_noop("Concern"),
                "string",
                gettext_noop("The concern raised, in words."),
            ),
            Column(
                "raised",
                gettext_noop("Raised"),
                "date",
                gettext_noop("When it was raised (ISO 8601)."),
            ),
            Column(
                "board_date",
                gettext_noop("Board date"),
                "date",
                gettext_noop("The Board that considered it."),
            ),
            Column(
                "board_response",
                gettext_noop("Board's response"),
                "string",
                gettext_noop("What the Board decided."),
            ),
            Column(
                "findings",
                gettext_noop("Findings"),
                "string",
                gettext_noop("A thematic review's findings."),
            ),
            Column(
                "recommendations",
                gettext_noop("Recommendations"),
                "string",
                gettext_noop("A review's recommendations."),
            ),
            Column(
                "force_response",
                gettext_noop("Force's response"),
                "string",
                gettext_noop("To a review's findings."),
            ),
            Column(
                "force_commentary",
                gettext_noop("Force's commentary"),
                "string",
                gettext_noop("On the measure, latest."),
            ),
            Column(
                "verdict",
                gettext_noop("Verdict"),
                "string",
                gettext_noop("Assured, Partly assured or Not assured."),
            ),
            Column(
                "verdict_reasons",
                gettext_noop("Reasons"),
                "string",
                gettext_noop("Why the Commissioner judged so."),
            ),
            Column(
                "verdict_date",
                gettext_noop("Verdict date"),
                "date",
                gettext_noop("When the verdict was recorded."),
            ),
            Column(
                "first_published",
                gettext_noop("First published"),
                "integer",
                gettext_noop("The publication it was first in."),
            ),
            Column(
                "moved_on",
                gettext_noop("Moved on"),
                "string",
                gettext_noop("What changed since it was last published."),
            ),
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
        gettext_noop("Accountability record: actions"),
        gettext_noop(
            "The actions that followed each item of the accountability record, with their owners, "
            "due dates and status when the publication was approved."
        ),
        (
            _ITEM_COLUMN,
            Column(
                "action_id",
                gettext_noop("Action"),
                "integer",
                gettext_noop("The action's stable number."),
            ),
            Column("title", gettext_noop("Title"), "string", gettext_noop("What is to be done.")),
            Column(
                "owner",
                gettext_noop("Owner"),
                "string",
                gettext_noop("Who owns it: a role and organisation."),
            ),
            Column("due", gettext_noop("Due"), "date", gettext_noop("When it is due (ISO 8601).")),
            Column(
                "status",
                gettext_noop("Status"),
                "string",
                gettext_noop("Open, In progress, Done or Cancelled."),
            ),
            Column(
                "completed",
                gettext_noop("Completed"),
                "date",
                gettext_noop("When it was closed, if it is done."),
            ),
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
        gettext_noop("Accountability record: the Commissioner's questions"),
        gettext_noop(
            "The Commissioner's scrutiny questions on each escalated measure, and the force's "
            "answers."
        ),
        (
            _ITEM_COLUMN,
            Column(
                "question",
                gettext_noop("Question"),
                "string",
                gettext_noop("The Commissioner's question."),
            ),
            Column(
                "asked",
                gettext_noop("Asked"),
                "date",
                gettext_noop("When it was asked (ISO 8601)."),
            ),
            Column(
                "answer",
                gettext_noop("Answer"),
                "string",
                gettext_noop("The force's answer; empty if not yet given."),
            ),
            Column(
                "answered", gettext_noop("Answered"), "date", gettext_noop("When it was answered.")
            ),
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
        "title": table.shown_title,
        "description": table.shown_description,
        "path": f"{base}{table.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "json_path": f"{base}{table.name}.json",
        "schema": {
            "fields": [
                {
                    "name": c.name,
                    "title": c.shown_title,
                    "type": c.type,
                    "description": c.shown_description,
                }
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
    """Return the Data Package descriptor (datapackage.json) of a publication.

    Its words are in the reader's language: /cy/…/datapackage.json is the Welsh edition of the
    same files (their data and column names do not change with the language).
    """
    plan = content["plan"]
    words = {
        "plan": text_in_language(plan, "title"),
        "number": number,
        "period": content["period"],
    }
    return {
        "profile": "data-package",
        "name": f"{plan['force_slug']}-performance-publication-{number}",
        "title": gettext("%(plan)s: publication %(number)s (%(period)s)") % words,
        "description": gettext(
            "Performance against the %(plan)s for %(period)s, as published by the Police and "
            "Crime Commissioner. Figures for basic command units below %(threshold)s are "
            "withheld, with a second figure where needed so that no withheld figure can be "
            "worked out from a total."
        )
        % {**words, "threshold": content["threshold"]},
        "created": published_at,
        "licenses": [LICENCE],
        "sources": [
            POLICE_UK,
            {
                "title": gettext("%(force)s (force-supplied figures)")
                % {"force": text_in_language(plan, "force_name")}
            },
        ],
        "disclosure_threshold": content["threshold"],
        "resources": [resource(t, base=base) for t in table_list],
    }
