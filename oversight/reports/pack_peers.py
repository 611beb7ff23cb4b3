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

from oversight.analysis.funnel import PLACEMENT_WORDS, Limits
from oversight.display.charts import Chart, DataTable
from oversight.display.funnel_charts import FunnelPoint, funnel_chart

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


def _chart(funnel: Mapping[str, Any], *, width: int, height: int) -> Chart:
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
        title=funnel["title"],
        width=width,
        height=height,
    )


def _summary(record: Mapping[str, Any]) -> DataTable:
    rows = []
    for m in record["measures"]:
        own = m.get("own")
        if own is None:
            reason = next((r["marks"][0] for r in m["rows"] if r["role"] == "This force"
                           and r["marks"]), "not compared")  # fmt: skip
            rows.append((f"{m['code']} {m['name']}", "–", "–", "–", "–", reason))
            continue
        group = f"{own['group']:.2f}" if own.get("group") is not None else "–"
        place = PLACEMENT_WORDS.get(own["placement"], own["placement"])
        if own.get("adjusted"):
            place += f"; {PLACEMENT_WORDS[own['adjusted']]} allowing for overdispersion"
        rows.append((f"{m['code']} {m['name']}", f"{own['rate']:.2f}", f"{own['all']:.2f}",
                     group, f"{own['rank']} of {own['of']}", place))  # fmt: skip
    return DataTable(
        caption=f"{record['force_name']} against all forces and its peer group, "
        f"{record['period_words']}: rate per 1,000 residents, rank (1 = the lowest rate) and "
        "place on the funnel",
        columns=("Measure", "Force", "All forces", "Peer group", "Rank", "Funnel"),
        rows=tuple(rows),
        numeric=(False, True, True, True, True, False),
    )


def _unusual(measure: Mapping[str, Any]) -> bool:
    own = measure.get("own") or {}
    return (own.get("adjusted") or "within") != "within"


def peer_section(
    record: Mapping[str, Any] | None, *, width: int = 560, height: int = 260
) -> PeerSection | None:
    """Return the section from the snapshot's frozen comparison, or None if it froze none."""
    if not record:
        return None
    measures = [m for m in record["measures"] if m.get("funnel")]
    chosen = measures[:1] + [m for m in measures[1:] if _unusual(m)][:MORE_FUNNELS]
    return PeerSection(
        force_name=record["force_name"],
        period=record["period"],
        period_words=record["period_words"],
        population=record.get("population"),
        description=record["group"]["description"],
        peers=tuple(PeerChoice(p["name"], tuple(p["reasons"])) for p in record["group"]["peers"]),
        problems=tuple(record["group"].get("problems", [])),
        summary=_summary(record),
        funnels=tuple(
            PeerFunnel(
                m["code"],
                m["name"],
                tuple(m["sentences"]),
                _chart(m["funnel"], width=width, height=height),
            )
            for m in chosen
        ),
        notes=tuple(record.get("notes", [])) + tuple(record.get("not_compared", [])),
    )
