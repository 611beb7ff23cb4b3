"""Most-similar forces computed from the data: features, distance, and the reason for each peer.

The Home Office's Most Similar Groups (iQuanta) match forces on socio-demographic and
geographic characteristics that are not public here. What the warehouse and the population
tables do give is each force's *crime mix* and its *size*, so a force's peers are the forces
nearest it on:

- **crime mix**: the share of each police.uk crime type (anti-social behaviour included) in
  all of the force's street rows over the months compared, one feature per crime type;
- **size**: log10 of the resident population (a force twice another's size is as far from it
  as one half its size);
- **density** (optional): log10 of residents per square kilometre, when an area is known.

Each feature is standardised across the forces compared (z = (x − mean) ÷ standard
deviation), so that bicycle theft (1 % of rows) counts as much as violence (35 %), and a feature
that does not vary is left out. The distance of two forces is

    d = √( (w_mix · d_mix² + w_size · d_size² + w_density · d_density²) ÷ Σ w )

with d_mix the root-mean-square difference of the standardised shares, d_size and d_density
the differences of the standardised logs, and w the block weights (1 each by default, so the
fourteen shares together weigh as much as size: a size difference cannot be outvoted by many
small share differences). A block whose features a force lacks (no population) is dropped
from that distance and the reasons say so. The k nearest forces are its peers (7 by default,
the size of the Home Office's groups); each comes with the reasons it was chosen.

Pure Python; no Django.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from oversight.analysis.language import _, ordinal

DEFAULT_PEERS = 7


@dataclass(frozen=True)
class Profile:
    """What a force is compared on: its crime-mix shares, population and density."""

    force: str
    mix: Mapping[str, float]  # crime type → share of rows (0..1)
    population: float | None = None
    population_label: str = ""  # e.g. "2011 Census", "ONS mid-year estimate 2019"
    density: float | None = None  # residents per km²


@dataclass(frozen=True)
class Weights:
    """How much each block of features weighs in the distance."""

    mix: float = 1.0
    size: float = 1.0
    density: float = 1.0


@dataclass(frozen=True)
class Candidate:
    """A force's distance from the force compared, by block, with its rank among all."""

    force: str
    distance: float
    rank: int  # 1 = nearest
    mix_distance: float | None
    size_distance: float | None
    density_distance: float | None
    reasons: tuple[str, ...] = field(default=())


def _standardise(values: Mapping[str, float]) -> dict[str, float] | None:
    """Return each value's z-score across the forces; None when the feature does not vary."""
    if len(values) < 2:
        return None
    mean = sum(values.values()) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values.values()) / (len(values) - 1))
    if sd == 0:
        return None
    return {k: (v - mean) / sd for k, v in values.items()}


def _pct(share: float) -> str:
    return f"{share * 100:.1f} %"


def _size_words(mine: float, theirs: float, label: str, their_label: str) -> str:
    ratio = theirs / mine
    if 0.9 <= ratio <= 1.1:
        how = _("within %(percent)s %%") % {"percent": f"{abs(ratio - 1) * 100:.0f}"}
    elif ratio > 1:
        how = (
            _("%(times)s times the size") % {"times": f"{ratio:.1f}"}
            if ratio >= 1.5
            else _("%(percent)s %% larger") % {"percent": f"{(ratio - 1) * 100:.0f}"}
        )
    else:
        how = (
            _("%(times)s times smaller") % {"times": f"{1 / ratio:.1f}"}
            if ratio <= 1 / 1.5
            else _("%(percent)s %% smaller") % {"percent": f"{(1 - ratio) * 100:.0f}"}
        )
    theirs_said = f"{theirs:,.0f}" + (f" ({their_label})" if their_label else "")
    mine_said = f"{mine:,.0f}" + (f" ({label})" if label else "")
    return _("population %(theirs)s against %(mine)s: %(how)s") % {
        "theirs": theirs_said, "mine": mine_said, "how": how
    }  # fmt: skip


def rank_candidates(
    target: Profile,
    others: Sequence[Profile],
    *,
    weights: Weights | None = None,
) -> list[Candidate]:
    """Return every other force ordered by distance from the target, nearest first, with reasons.

    Ties are broken by slug so that the order is the same on every run.
    """
    weights = weights or Weights()
    pool = [target, *others]
    categories = sorted({c for p in pool for c in p.mix})
    mix_z = {
        c: z
        for c in categories
        if (z := _standardise({p.force: p.mix.get(c, 0.0) for p in pool})) is not None
    }
    sizes = _standardise(
        {p.force: math.log10(p.population) for p in pool if p.population and p.population > 0}
    )
    densities = _standardise(
        {p.force: math.log10(p.density) for p in pool if p.density and p.density > 0}
    )
    scored = []
    for other in others:
        blocks: list[tuple[float, float]] = []
        mix_d = size_d = density_d = None
        if mix_z and target.mix and other.mix:
            mix_d = math.sqrt(
                sum((z[target.force] - z[other.force]) ** 2 for z in mix_z.values()) / len(mix_z)
            )
            blocks.append((weights.mix, mix_d))
        if sizes and target.force in sizes and other.force in sizes:
            size_d = abs(sizes[target.force] - sizes[other.force])
            blocks.append((weights.size, size_d))
        if densities and target.force in densities and other.force in densities:
            density_d = abs(densities[target.force] - densities[other.force])
            blocks.append((weights.density, density_d))
        total = sum(w for w, _ in blocks)
        distance = math.sqrt(sum(w * d * d for w, d in blocks) / total) if total else math.inf
        scored.append((distance, other, mix_d, size_d, density_d))
    scored.sort(key=lambda item: (item[0], item[1].force))
    by_mix = sorted((s for s in scored if s[2] is not None), key=lambda s: (s[2], s[1].force))
    mix_rank = {s[1].force: i + 1 for i, s in enumerate(by_mix)}
    out = []
    for i, (distance, other, mix_d, size_d, density_d) in enumerate(scored):
        reasons = _reasons(target, other, mix_d, mix_rank.get(other.force), len(by_mix), size_d)
        out.append(
            Candidate(
                force=other.force,
                distance=distance,
                rank=i + 1,
                mix_distance=mix_d,
                size_distance=size_d,
                density_distance=density_d,
                reasons=tuple(reasons),
            )
        )
    return out


def _reasons(
    target: Profile,
    other: Profile,
    mix_d: float | None,
    mix_rank: int | None,
    compared: int,
    size_d: float | None,
) -> list[str]:
    reasons = []
    if mix_d is not None and mix_rank is not None:
        gaps = sorted(
            ((abs(target.mix.get(c, 0.0) - other.mix.get(c, 0.0)), c)
             for c in set(target.mix) | set(other.mix)),
            reverse=True,
        )  # fmt: skip
        widest = gaps[0][1] if gaps else ""
        text = _("crime mix %(rank)s closest of %(of)s (distance %(distance)s)") % {
            "rank": ordinal(mix_rank), "of": compared, "distance": f"{mix_d:.2f}"
        }  # fmt: skip
        if widest:
            # The crime types are police.uk's, marked in analysis.police_uk_categories.
            text += "; " + _("widest gap %(type)s %(theirs)s against %(mine)s") % {
                "type": _(widest),
                "theirs": _pct(other.mix.get(widest, 0.0)),
                "mine": _pct(target.mix.get(widest, 0.0)),
            }
        reasons.append(text)
    else:
        reasons.append(_("no crime mix to compare"))
    if size_d is not None and target.population and other.population:
        reasons.append(
            _size_words(
                target.population, other.population, target.population_label,
                other.population_label,
            )
        )  # fmt: skip
    elif not other.population:
        reasons.append(_("no population: chosen on crime mix alone"))
    elif not target.population:
        reasons.append(_("the force compared has no population: chosen on crime mix alone"))
    if other.density and target.density:
        reasons.append(
            _("%(theirs)s residents per km² against %(mine)s")
            % {"theirs": f"{other.density:,.0f}", "mine": f"{target.density:,.0f}"}
        )
    return reasons


def most_similar(
    target: Profile,
    others: Sequence[Profile],
    *,
    k: int = DEFAULT_PEERS,
    weights: Weights | None = None,
) -> list[Candidate]:
    """Return the k forces nearest the target (fewer if fewer are given)."""
    return rank_candidates(target, others, weights=weights)[:k]


def mix_shares(counts: Mapping[str, int]) -> dict[str, float]:
    """Return each category's share of the total (empty when there are no rows)."""
    total = sum(counts.values())
    return {c: n / total for c, n in counts.items()} if total else {}
