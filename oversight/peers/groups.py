"""A force's peer group: supplied (the Home Office's Most Similar Group, say) or computed.

Supplied peers come from ``--peers`` on the command line or the ``OVERSIGHT_PEER_GROUPS``
setting, each with the reason "supplied" and the setting's stated source, plus where the
computed similarity would have put it. Otherwise the peers are the forces nearest on crime mix
and size (``analysis.similarity``), over the street rows of the twelve months up to the month
compared (as many of them as each force holds), among the territorial forces that are
comparable per resident. The reasons each peer was chosen go beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from oversight.analysis.forces import NOT_COMPARABLE, force_name, not_comparable
from oversight.analysis.language import ordinal
from oversight.analysis.periods import add_months, period_range
from oversight.analysis.similarity import (
    DEFAULT_PEERS,
    Candidate,
    Profile,
    mix_shares,
    rank_candidates,
)
from oversight.display.words import month_in_language
from oversight.peers.inputs import Inputs

PROFILE_MONTHS = 12


@dataclass(frozen=True)
class Peer:
    """A force in the peer group and why it is there."""

    force: str
    name: str
    reasons: tuple[str, ...]
    distance: float | None = None
    rank: int | None = None  # among the candidates, 1 = most similar

    def to_dict(self) -> dict[str, object]:
        return {
            "force": self.force,
            "name": self.name,
            "reasons": list(self.reasons),
            "distance": self.distance,
            "similarity_rank": self.rank,
        }


@dataclass
class Group:
    """The peer group of a force: how it was chosen, its members and what limited it."""

    force: str
    method: str  # "supplied", "computed" or "none"
    description: str
    peers: list[Peer] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    profile_months: tuple[str, str] | None = None

    @property
    def slugs(self) -> list[str]:
        return [p.force for p in self.peers]

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            "description": self.description,
            "profile_months": list(self.profile_months) if self.profile_months else None,
            "peers": [p.to_dict() for p in self.peers],
            "problems": self.problems,
        }


def supplied_for(force: str) -> tuple[tuple[str, ...], str] | None:
    """Return the peers set for a force in OVERSIGHT_PEER_GROUPS and their source, if any."""
    peers = settings.PEER_GROUPS.get(force)
    return (peers, settings.PEER_GROUPS_SOURCE) if peers else None


def profiles(inputs: Inputs, period: str, year: int) -> tuple[dict[str, Profile], list[str]]:
    """Return each force's profile (crime mix of its held months, population) and the months."""
    months = period_range(add_months(period, -(PROFILE_MONTHS - 1)), period)
    out = {}
    for force in sorted(inputs.forces("street")):
        held = [m for m in months if m not in inputs.missing("street", force, months)]
        shares = mix_shares(inputs.mix(force, held))
        if not shares:
            continue
        population = inputs.population(force, year)
        out[force] = Profile(
            force=force,
            mix=shares,
            population=population.population if population else None,
            population_label=population.label if population else "",
        )
    return out, months


def choose(
    inputs: Inputs,
    *,
    force: str,
    period: str,
    supplied: Sequence[str] | None = None,
    source: str = "",
    k: int = DEFAULT_PEERS,
    profiled: tuple[dict[str, Profile], list[str]] | None = None,
) -> Group:
    """Return the force's peer group for the month, with the reason for each peer.

    ``profiled`` is ``profiles()`` for the month when the caller has it already.
    """
    found, months = profiled or profiles(inputs, period, int(period[:4]))
    span = (months[0], months[-1])
    candidates = {f: p for f, p in found.items() if f != force and f not in NOT_COMPARABLE}
    ranked: dict[str, Candidate] = {}
    problems = []
    months = {"first": span[0], "last": span[1]}
    if force in NOT_COMPARABLE:
        problems.append(
            _("%(force)s is not compared per resident: %(reason)s")
            % {"force": force_name(force), "reason": not_comparable(force)}
        )
    elif force not in found:
        problems.append(
            _("no street rows for %(force)s in %(first)s..%(last)s: its crime mix cannot be "
              "compared") % {"force": force_name(force), **months}
        )  # fmt: skip
    else:
        ranked = {c.force: c for c in rank_candidates(found[force], list(candidates.values()))}
        if not candidates:
            problems.append(
                _(
                    "no other force's street files are held for these months: import other "
                    "forces' police.uk files to compare (oversight import police-uk)"
                )
            )
    if supplied:
        peers = []
        for slug in supplied:
            if slug == force:
                continue
            said = [_("supplied: %(source)s") % {"source": source} if source else _("supplied")]
            if slug in NOT_COMPARABLE:
                said.append(
                    _("not comparable per resident: %(reason)s") % {"reason": not_comparable(slug)}
                )
            elif slug in ranked:
                c = ranked[slug]
                said.append(
                    _("computed similarity would rank it %(rank)s of %(of)s: %(reasons)s")
                    % {"rank": c.rank, "of": len(ranked), "reasons": "; ".join(c.reasons)}
                )
            else:
                said.append(_("no street files held for %(first)s..%(last)s") % months)
            c = ranked.get(slug)
            peers.append(
                Peer(slug, force_name(slug), tuple(said), c.distance if c else None,
                     c.rank if c else None)
            )  # fmt: skip
        said_source = (_("Supplied peers (%(source)s)") % {"source": source} if source
                       else _("Supplied"))  # fmt: skip
        return Group(force, "supplied", said_source, peers, problems, span)
    if not ranked:
        return Group(force, "none", _("No peer group could be computed"), [], problems, span)
    nearest = sorted(ranked.values(), key=lambda c: c.rank)[:k]
    peers = [
        Peer(c.force, force_name(c.force),
             (_("%(rank)s most similar of %(of)s (distance %(distance)s)")
              % {"rank": ordinal(c.rank), "of": len(ranked), "distance": f"{c.distance:.2f}"},
              *c.reasons),
             c.distance, c.rank)
        for c in nearest
    ]  # fmt: skip
    # The public reads this: months in words, not the code that chose them.
    description = _(
        "The %(n)s forces most similar in crime mix and population, from their street-level "
        "crimes of %(first)s to %(last)s"
    ) % {
        "n": len(peers),
        "first": month_in_language(span[0]),
        "last": month_in_language(span[1]),
    }
    if len(ranked) < k:
        problems.append(
            _("only %(n)s other forces could be compared, fewer than %(k)s")
            % {"n": len(ranked), "k": k}
        )
    return Group(force, "computed", description, peers, problems, span)
