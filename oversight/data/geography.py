"""Where police.uk rows fall in the plan: LSOA → local authority → BCU.

The local authority comes from the LSOA name (`analysis.geography`); the BCU from the plan
catalogue's `LocalAuthority` rows. A row whose LSOA is blank (no location) or whose local
authority no BCU covers is *unmapped*: it still counts in the force total, and is reported,
but belongs to no BCU. Force totals follow the reporting force (the file's slug), wherever
its rows geocode.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from oversight.analysis.geography import local_authority_from_lsoa_name
from oversight.plans.models import Bcu, LocalAuthority, Plan


class Unmapped:
    """Why a row belongs to no BCU."""

    NO_LOCATION = "no-location"  # blank LSOA: the crime could not be located
    OUTSIDE = "outside"  # a local authority no BCU of the plan covers (or an unreadable name)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class AreaMap:
    """The plan's BCUs and the local authorities each covers, looked up by name."""

    bcus: dict[str, str]  # code → name, in the plan's order
    authority_bcu: dict[str, str]  # normalised local authority name → BCU code

    @classmethod
    def for_plan(cls, plan: Plan) -> AreaMap:
        """Return the map of one plan's catalogue."""
        bcus = {b.code: b.name for b in Bcu.objects.filter(plan=plan).order_by("name")}
        authorities = LocalAuthority.objects.filter(bcu__plan=plan).select_related("bcu")
        return cls(bcus=bcus, authority_bcu={_key(la.name): la.bcu.code for la in authorities})

    def bcu_of_authority(self, authority: str | None) -> str | None:
        """Return the BCU code covering a local authority, or None."""
        if not authority:
            return None
        return self.authority_bcu.get(_key(authority))

    def area_of_lsoa(self, lsoa_name: str | None) -> tuple[str | None, str | None]:
        """Return (local authority, BCU code) of an LSOA name; either may be None."""
        authority = local_authority_from_lsoa_name(lsoa_name)
        return authority, self.bcu_of_authority(authority)

    def lsoa_lookup(self, lsoa_names: Iterable[str | None]) -> tuple[list[str], list[str]]:
        """Return parallel lists (LSOA name, BCU code or "") for a SQL join.

        Blank names are left out: the query treats a missing match as unmapped.
        """
        names, codes = [], []
        for name in lsoa_names:
            if not name:
                continue
            _, bcu = self.area_of_lsoa(name)
            names.append(name)
            codes.append(bcu or "")
        return names, codes
