"""The Board pack's optional "How we compare" section, from the comparison the snapshot froze.

The section is there when the snapshot froze a peer comparison (``peers.record``: other
forces' police.uk files were held when it was made) and absent otherwise. It shows the peer
group with the reason for each peer, one table of every compared measure in the latest month
(the force's rate per 1,000, all forces', its group's, its rank and its place on the funnel),
and the funnel plots of the headline measure and of up to three more where the force is
unusual among forces (outside the limits that allow for overdispersion). Read from the record
alone, like the rest of the pack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext as _

from oversight.analysis.funnel import Limits, placement_words
from oversight.core.welsh import in_language, lines_in_language, marked_english, welsh_page
from oversight.display.charts import Chart, DataTable
from oversight.display.funnel_charts import ROLES, FunnelPoint, allowing_words, funnel_chart
from oversight.display.words import month_in_language

MORE_FUNNELS = 3


@dataclass(frozen=True)
class PeerChoice:
    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PeerFunnel:
    code: str
    name: str
    sentences: tuple[str, ...]
    chart: Chart


@dataclass(frozen=True)
class PeerSection:
    """How the force compares: its peers, a summary table and a few funnel plots."""

    force_name: str
    period: str
    period_words: str
    population: str | None
    description: str
    peers: tuple[PeerChoice, ...]
    problems: tuple[str, ...]
    summary: DataTable
    funnels: tuple[PeerFunnel, ...]
    notes: tuple[str, ...]


def _limits(rows: Sequence[Sequence[float]]) -> list[Limits]:
    return [Limits(*row) for row in rows]


def _title(measure: Mapping[str, Any], record: Mapping[str, Any]) -> str:
    """Return a funnel plot's title in the active language (plain text: it is drawn)."""
    funnel = measure["funnel"]
    if not welsh_page():
        return funnel["title"]
    if funnel.get("title_cy"):
        return funnel["title_cy"]
    # Frozen before Welsh was: the same title worded in Welsh around the name frozen (the
    # funnel is always of the latest month).
    return _("%(measure)s, %(window)s (%(span)s)") % {
        "measure": measure.get("name_cy") or measure["name"],
        "window": _("latest month"),
        "span": month_in_language(record["period"]),
    }


def _chart(funnel: Mapping[str, Any], *, title: str, width: int, height: int) -> Chart:
    points = [
        FunnelPoint(name=p[0], role=p[1], count=p[2], population=p[3], population_label=p[4],
                    rate=p[5], placement=p[6], adjusted_placement=p[7])
        for p in funnel["points"]
    ]  # fmt: skip
    return funnel_chart(
        points,
        curve=_limits(funnel["curve"]),
        adjusted_curve=_limits(funnel["adjusted_curve"]),
        target=funnel["target"],
        title=title,
        width=width,
        height=height,
    )


def _period_words(record: Mapping[str, Any]) -> str:
    if not welsh_page():
        return record["period_words"]
    return record.get("period_words_cy") or month_in_language(record["period"])


def _name(measure: Mapping[str, Any]) -> str:
    """Return the measure's name in the active language (marked English without a Welsh one)."""
    return in_language(measure["name"], measure.get("name_cy"))


def _labelled(measure: Mapping[str, Any]) -> str:
    """Return "PUK01 All recorded crime" in the active language."""
    if not welsh_page():
        return f"{measure['code']} {measure['name']}"
    return format_html("{} {}", measure["code"], _name(measure))


def _not_compared(measure: Mapping[str, Any]) -> str:
    """Return why the force's own row of a measure is not compared, in the active language."""
    rows = measure["rows"]
    own = next((i for i, r in enumerate(rows) if r["role"] == ROLES[0] and r["marks"]), None)
    if own is None:
        return _("not compared")
    if not welsh_page():
        return rows[own]["marks"][0]
    welsh = measure.get("rows_cy")
    return welsh[own]["marks"][0] if welsh else marked_english(rows[own]["marks"][0])


def _summary(record: Mapping[str, Any]) -> DataTable:
    rows = []
    for m in record["measures"]:
        own = m.get("own")
        if own is None:
            rows.append((_labelled(m), "–", "–", "–", "–", _not_compared(m)))
            continue
        group = f"{own['group']:.2f}" if own.get("group") is not None else "–"
        place = placement_words(own["placement"], own["placement"])
        if own.get("adjusted"):
            place += f"; {allowing_words(own['adjusted'])}"
        rank = _("%(rank)s of %(of)s") % {"rank": own["rank"], "of": own["of"]}
        rows.append((_labelled(m), f"{own['rate']:.2f}", f"{own['all']:.2f}", group, rank,
                     place))  # fmt: skip
    return DataTable(
        caption=_(
            "%(force)s against all forces and its peer group, %(period)s: rate per 1,000 "
            "residents, rank (1 = the lowest rate) and place on the funnel"
        )
        % {"force": record["force_name"], "period": _period_words(record)},
        columns=(
            _("Measure"),
            _("Force"),
            _("All forces"),
            _("Peer group"),
            _("Rank"),
            _("Funnel"),
        ),
        rows=tuple(rows),
        numeric=(False, True, True, True, True, False),
    )


def _unusual(measure: Mapping[str, Any]) -> bool:
    own = measure.get("own") or {}
    return (own.get("adjusted") or "within") != "within"


def peer_section(
    record: Mapping[str, Any] | None, *, width: int = 560, height: int = 260
) -> PeerSection | None:
    """Return the section from the snapshot's frozen comparison, or None if it froze none.

    Its words are in the active language: on a Welsh page the Welsh frozen beside the English,
    or, in a record frozen before Welsh was, the English marked as English.
    """
    if not record:
        return None
    measures = [m for m in record["measures"] if m.get("funnel")]
    chosen = measures[:1] + [m for m in measures[1:] if _unusual(m)][:MORE_FUNNELS]
    group = record["group"]
    return PeerSection(
        force_name=record["force_name"],
        period=record["period"],
        period_words=_period_words(record),
        population=record.get("population"),
        description=in_language(group["description"], group.get("description_cy")),
        peers=tuple(
            PeerChoice(p["name"], tuple(lines_in_language(p["reasons"], p.get("reasons_cy"))))
            for p in group["peers"]
        ),
        problems=tuple(lines_in_language(group.get("problems", []), group.get("problems_cy"))),
        summary=_summary(record),
        funnels=tuple(
            PeerFunnel(
                m["code"],
                _name(m),
                tuple(lines_in_language(m["sentences"], m.get("sentences_cy"))),
                _chart(m["funnel"], title=_title(m, record), width=width, height=height),
            )
            for m in chosen
        ),
        notes=tuple(lines_in_language(record.get("notes", []), record.get("notes_cy")))
        + tuple(lines_in_language(record.get("not_compared", []), record.get("not_compared_cy"))),
    )
