"""`oversight peers` as text: the peer group with reasons, then each measure's windows."""

from __future__ import annotations

from collections import Counter

from oversight.analysis.forces import NOT_COMPARABLE, force_name
from oversight.peers.comparison import Comparison, ForceRow, Status, Window

_STATUS_WORDS = {
    Status.MISSING: "missing months",
    Status.NO_POPULATION: "no population",
    Status.EXCLUDED: "excluded",
}


def _row_line(row: ForceRow, window: Window) -> str:
    star = "*" if window.role(row.force) == "force" else " "
    count = f"{row.count:,}" if row.count is not None else "-"
    p = row.population
    population = f"{p.population:,} ({p.year})" if p else "-"
    if row.status == Status.COMPARED:
        rate = f"{row.rate:.2f}"
        rank = f"{row.rank}/{len(window.compared)}"
        rank_in_group = window.group_ranks.get(row.force)
        group = f"{rank_in_group}/{len(window.group_ranks)}" if rank_in_group else "-"
        place = f"{row.placement} / {row.adjusted_placement or '-'}"
    else:
        rate = rank = group = "-"
        place = _STATUS_WORDS.get(row.status, row.status)
    line = (
        f"  {star} {row.name[:30]:<30} {count:>9} {population:>18} {rate:>7} {rank:>6} "
        f"{group:>6}  {place}"
    )
    return line + "".join(f"\n        {m}" for m in row.marks)


def text_lines(comparison: Comparison) -> list[str]:
    """Return the comparison as lines of text (force and peers; the rest summarised)."""
    c = comparison
    pop = (
        f"population {c.population.population:,} ({c.population.label})"
        if c.population
        else ("no population loaded: counts only")
    )
    out = [f"{c.name} ({c.force}), {c.period}: {pop}."]
    g = c.group
    out.append(f"Peer group ({g.method}): {g.description}.")
    for i, peer in enumerate(g.peers, 1):
        out.append(f"  {i}. {peer.name} ({peer.force})")
        out += [f"       {reason}" for reason in peer.reasons]
    out += [f"  ! {p}" for p in g.problems]
    out.append(
        "Not compared per resident: "
        + "; ".join(f"{force_name(f)} ({r})" for f, r in NOT_COMPARABLE.items())
        + "."
    )
    for m in c.measures:
        out.append("")
        out.append(f"{m.measure.code} {m.measure.name} [{m.measure.dataset}]")
        for w in m.windows:
            span = w.months[0] if len(w.months) == 1 else f"{w.months[0]}..{w.months[-1]}"
            if not w.available:
                out.append(f"  {w.label} ({span}): not available: {w.reason}")
                continue
            f = w.funnel
            assert f is not None
            head = (
                f"  {w.label} ({span}): all forces {f.target_rate:.2f} per 1,000 "
                f"({len(w.compared)} compared)"
            )
            if w.group_rate is not None:
                head += f"; group {w.group_rate:.2f}"
            if f.overdispersion.overdispersed:
                head += f"; overdispersion φ = {f.overdispersion.phi:,.1f}"
            out.append(head)
            if w.reason:
                out.append(f"    {w.reason}")
            out.append(
                f"    {'force':<30} {'count':>9} {'population (year)':>18} {'rate':>7} "
                f"{'rank':>6} {'group':>6}  funnel (Poisson / overdispersed)"
            )
            for row in w.rows:
                if w.role(row.force) != "other":
                    out.append(_row_line(row, w))
            others = Counter(r.status for r in w.rows if w.role(r.force) == "other")
            out.append(
                "    other forces: "
                + ", ".join(f"{n} {_STATUS_WORDS.get(s, s)}" for s, n in sorted(others.items()))
                + " (each with its reason in --json)"
            )
    for n in c.not_compared:
        out.append(f"{n.code} {n.name}: not compared: {n.reason}")
    if c.notes:
        out.append("")
        out += [f"Note: {note}" for note in c.notes]
    out.append("Ranks: 1 = the lowest rate. Funnel: exact Poisson limits (Spiegelhalter 2005).")
    return out
