"""The Panel paper: a publication printed as a landscape A4 PDF for the Police and Crime Panel.

Made from the publication's frozen content alone (as the public pages are), so the paper says
what the public site says: a cover with the period and publication number and the ratings at a
glance, a compact table of every measure with its plain-English words, every Red measure with
its SPC chart (two to a page), the themes and the public roadmap matrix. Badges are coloured and
carry the rating's word; every chart is followed by its text alternative.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from oversight.analysis.rag import RATINGS
from oversight.display.charts import to_svg
from oversight.display.pdf import html_to_pdf
from oversight.display.words import month_words
from oversight.publishing import presenters as show
from oversight.publishing.models import Publication


def _welsh() -> bool:
    return (get_language() or "").startswith("cy")


def month(period: str) -> str:
    """Return a period in the paper's language: "Jun 2025", or in Welsh "Mehefin 2025"."""
    if not _welsh():
        return month_words(period)
    year, number = (int(part) for part in period.split("-"))
    return date_format(dt.date(year, number, 1), "F Y")


def title(publication: Publication) -> str:
    """Return the paper's title: "Performance report to the Panel: Jun 2025 (publication 1)"."""
    return gettext("Performance report to the Panel: %(month)s (publication %(number)s)") % {
        "month": month(publication.period),
        "number": publication.number,
    }


def summary(publication: Publication) -> str:
    """Return the paper's one-line summary for the Panel's list of papers."""
    return gettext(
        "Publication %(number)s of the performance overview for %(month)s, printed for the "
        "Panel: ratings at a glance, every Red measure with its chart, the themes and the "
        "public roadmap."
    ) % {"number": publication.number, "month": month(publication.period)}


def file_name(publication: Publication) -> str:
    """Return the paper's file name, naming the period, the publication and a Welsh edition."""
    edition = "-cy" if _welsh() else ""
    return f"panel-paper-{publication.period}-publication-{publication.number}{edition}.pdf"


def _pairs(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + 2] for i in range(0, len(items), 2)]


def red_measures(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Return each Red measure's row with its chart as SVG and the chart's text alternative."""
    reds = []
    for row in show.measure_rows(content):
        if row["rating"] != "red":
            continue
        chart = show.measure_chart(content, row)
        reds.append(
            {
                **row,
                # vl-convert's SVG: the chart drawn as vectors in the PDF, no script, no fetch.
                "svg": mark_safe(to_svg(chart.spec)) if chart else "",
                "alt_text": chart.alt_text if chart else "",
            }
        )
    return reds


def priority_groups(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the measure rows grouped by priority, in plan order."""
    priorities = {p["code"]: p for p in content["plan"]["priorities"]}
    groups: list[dict[str, Any]] = []
    for row in show.measure_rows(content):
        if not groups or groups[-1]["code"] != row["priority"]:
            priority = priorities.get(row["priority"], {})
            groups.append(
                {
                    "code": row["priority"],
                    "title": priority.get("title", ""),
                    "title_cy": priority.get("title_cy", ""),
                    "rows": [],
                }
            )
        groups[-1]["rows"].append(row)
    return groups


def theme_summaries(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Return each theme with its measures' rows and the count of each rating."""
    found = []
    for theme in show.themes(content):
        counts: dict[str, int] = {}
        for row in theme["rows"]:
            counts[row["rating"]] = counts.get(row["rating"], 0) + 1
        found.append({**theme, "counts": [(r, counts[r]) for r in RATINGS if r in counts]})
    return found


def context(publication: Publication) -> dict[str, Any]:
    """Return what the paper's template shows, all of it from the publication's content."""
    content = publication.content
    reds = red_measures(content)
    return {
        "publication": publication,
        "content": content,
        "plan": content["plan"],
        "bcus": content["bcus"],
        "period_words": month(publication.period),
        "counts": show.rating_counts(content),
        "changes": publication.change_record,
        "groups": priority_groups(content),
        "red_pages": _pairs(reds),
        "reds": reds,
        "themes": theme_summaries(content),
        "matrix": show.roadmap_matrix(content),
        "any_sample": any(m["is_sample"] for m in content["measures"]),
        "title": title(publication),
    }


def render_html(publication: Publication) -> str:
    """Return the paper as HTML, printed with its landscape print stylesheet."""
    return render_to_string("publishing/panel_paper.html", context(publication))


def render_pdf(publication: Publication) -> bytes:
    """Return the paper as a PDF (A4 landscape)."""
    return html_to_pdf(render_html(publication))
