"""A publication's frozen content made ready for pages: figures in words, charts, revisions."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from oversight.analysis.disclosure import Disclosed
from oversight.analysis.publication_changes import Changes
from oversight.analysis.rag import RATINGS
from oversight.core.welsh import text_in_language
from oversight.display.charts import Chart, spc_chart, to_svg
from oversight.display.words import month_in_language
from oversight.publishing.models import Publication

FORMATS = {
    "count": "{:,.0f}",
    "percentage": "{:,.1f}%",
    "rate": "{:,.2f}",
    "duration": "{:,.0f} s",
    "score": "{:,.1f}",
}


# Why a figure is withheld, as oversight.analysis.disclosure words it (frozen in English).
_FEWER_THAN = {
    "fewer than": gettext_lazy("fewer than %(n)s"),
    "count fewer than": gettext_lazy("count fewer than %(n)s"),
    "base fewer than": gettext_lazy("base fewer than %(n)s"),
}
_REASONS = {
    "withheld so another figure cannot be derived": gettext_lazy(
        "withheld so another figure cannot be derived"
    ),
    "base not known": gettext_lazy("base not known"),
}


def withheld_text(reason: str) -> str:
    """Return why a figure is withheld ("fewer than 10") in the page's language."""
    words, _, number = reason.rpartition(" ")
    if words in _FEWER_THAN and number.isdigit():
        return str(_FEWER_THAN[words] % {"n": number})
    return str(_REASONS.get(reason, reason))


def figure_text(unit: str, cell: dict[str, Any] | None) -> str:
    """Return a published figure in words: the number, or why it is withheld."""
    if not cell:
        return "—"
    disclosed = Disclosed.from_dict(cell)
    if disclosed.withheld:
        return withheld_text(disclosed.reason)
    return disclosed.text(FORMATS.get(unit, "{:,.1f}"))


def bcu_names(content: dict[str, Any]) -> dict[str, str]:
    return {b["code"]: b["name"] for b in content.get("bcus", [])}


def measure_rows(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Return each measure with its force and BCU figures as text, for the overview."""
    names = bcu_names(content)
    rows = []
    for m in content["measures"]:
        rows.append(
            {
                **m,
                "value_text": figure_text(m["unit"], m["value"]),
                "latest_month": month_in_language(m["latest_period"]) if m["latest_period"] else "",
                "area_cells": [
                    {
                        "code": code,
                        "name": names.get(code, code),
                        "text": figure_text(m["unit"], m["areas"].get(code)),
                        "withheld": bool((m["areas"].get(code) or {}).get("withheld")),
                    }
                    for code in names
                ],
            }
        )
    return rows


def rating_counts(content: dict[str, Any]) -> list[tuple[str, int]]:
    counts = Counter(m["rating_label"] for m in content["measures"])
    # Published content names ratings by their labels ("Red"), worst first.
    return [(r.label, counts[r.label]) for r in RATINGS if counts[r.label]]


def hot_list(content: dict[str, Any], changes: Changes) -> list[dict[str, Any]] | None:
    """Return the public hot list: every Red, then every measure whose rating changed.

    Each item is a measure row (see :func:`measure_rows`) with its plain-English words
    (``plain``) and the rating it had in the publication before (``was``: "" if unchanged).
    Everything is read from the frozen content and the change record fixed on approval, so the
    list never changes. None for content frozen before the plain words existed: no hot list.
    """
    rows = measure_rows(content)
    if any("plain" not in r for r in rows):
        return None
    was = {c.code: c.before for c in changes.ratings}
    items = [{**r, "was": was.get(r["code"], "")} for r in rows]
    reds = [i for i in items if i["rating"] == "red"]
    moved = [i for i in items if i["rating"] != "red" and i["was"]]
    return reds + moved


def find_measure(content: dict[str, Any], code: str) -> dict[str, Any] | None:
    return next((m for m in content["measures"] if m["code"] == code), None)


def series_rows(
    content: dict[str, Any], measure: dict[str, Any], changes: Changes
) -> list[dict[str, Any]]:
    """Return the measure's monthly figures, newest first, with revised figures marked."""
    names = bcu_names(content)
    revised = changes.revised(measure["code"])
    rows = []
    for month in reversed(measure["series"]):
        period = month["period"]
        rows.append(
            {
                "period": period,
                "month": month_in_language(period),
                "force": figure_text(measure["unit"], month["force"]),
                "force_revised": (period, "force") in revised,
                "areas": [
                    {
                        "text": figure_text(measure["unit"], month["areas"].get(code)),
                        "revised": (period, code) in revised,
                    }
                    for code in names
                ],
            }
        )
    return rows


def measure_chart(content: dict[str, Any], measure: dict[str, Any]) -> Chart | None:
    """Return the measure's force-wide SPC chart, with its text alternative and data table."""
    spc = measure.get("spc")
    if not spc or not spc.get("points"):
        return None
    # The measure's and the force's Welsh names on a Welsh page, where there are any.
    name = text_in_language(measure, "name")
    force = text_in_language(content["plan"], "force_name")
    return spc_chart(
        spc,
        title=f"{measure['code']} {name} — {force}",
        unit=measure["unit"],
        # Frozen in English (publishing.labels lists each for the catalogue).
        unit_title=_(measure.get("chart_unit_title", measure["unit_label"])),
        target=measure.get("chart_target"),
    )


def chart_svg(publication_id: int, content_hash: str, code: str) -> str | None:
    """Return the SVG of a measure's chart in the active language."""
    return _chart_svg(publication_id, content_hash, code, get_language() or "")


@lru_cache(maxsize=256)
def _chart_svg(publication_id: int, content_hash: str, code: str, language: str) -> str | None:
    """Return the SVG of a measure's chart; cached, since a publication never changes."""
    publication = Publication.objects.get(pk=publication_id, content_hash=content_hash)
    measure = find_measure(publication.content, code)
    chart = measure_chart(publication.content, measure) if measure else None
    return to_svg(chart.spec) if chart is not None else None


def themes(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the themes, each with the rows of its published measures."""
    by_code = {m["code"]: m for m in measure_rows(content)}
    return [
        {**t, "rows": [by_code[c] for c in t["measures"] if c in by_code]}
        for t in content.get("themes", [])
    ]


def roadmap_matrix(content: dict[str, Any]) -> dict[str, Any] | None:
    """Return the public roadmap as priorities × plan years, each cell its activities."""
    roadmap = content.get("roadmap")
    if roadmap is None:
        return None
    years = roadmap["years"]
    groups = []
    for kind_label in dict.fromkeys(p["kind_label"] for p in content["plan"]["priorities"]):
        rows = []
        for p in content["plan"]["priorities"]:
            if p["kind_label"] != kind_label:
                continue
            mine = [a for a in roadmap["activities"] if a["priority"] == p["code"]]
            rows.append(
                {
                    "priority": p,
                    "cells": [[a for a in mine if year in a["years"]] for year in years],
                    "count": len(mine),
                }
            )
        groups.append({"label": kind_label, "rows": rows})
    return {"years": years, "groups": groups, "activities": roadmap["activities"]}


def plan_priorities(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the plan's priorities with each measure's published rating, where it has one."""
    rated = {m["code"]: m for m in content["measures"]}
    return [
        {
            **p,
            "outcomes": [
                {**o, "measures": [{**m, "rated": rated.get(m["code"])} for m in o["measures"]]}
                for o in p["outcomes"]
            ],
        }
        for p in content["plan"]["priorities"]
    ]


def record_items(content: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Return the accountability record's items, each with its measure's published rating.

    None when the publication has no record (it was not chosen, or it predates the record).
    """
    record = content.get("record")
    if not record or not record.get("items"):
        return None
    measures = {m["code"]: m for m in content["measures"]}
    items = []
    for item in record["items"]:
        measure = measures.get(item.get("measure", ""))
        rating = (
            {"rating": measure["rating"], "rating_label": measure["rating_label"]}
            if measure
            else {}
        )
        items.append({**item, **rating})
    return items
