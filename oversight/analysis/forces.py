"""The police forces of police.uk, keyed on its force slug, with the names other tables use.

One explicit table, never a guess: police.uk says "Avon and Somerset Constabulary", the 2011
Census tables "Avon & Somerset", the ONS mid-year estimates "Avon and Somerset", and the
Home Office "London, City of" where police.uk says "City of London Police". Each force lists
every name it is known by in the population tables of ``shared/data/population`` (a test reads
each table and checks every name maps here) and its ONS police force area code (PFA16CD, from
the ONS December 2016 lookup of local authorities to police force areas).

``NOT_COMPARABLE`` names the forces whose police.uk figures are known not to compare with a
territorial force's per resident, with the reason shown wherever they are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from oversight.analysis.language import _, gettext_noop


@dataclass(frozen=True)
class Force:
    """A police force: slug, the name shown, nation, ONS area code and other names."""

    slug: str
    name: str
    nation: str  # "England", "Wales", "Northern Ireland", or "Great Britain" (BTP)
    code: str = ""  # ONS police force area code, "" for BTP and Northern Ireland
    aliases: tuple[str, ...] = ()
    # police.uk's "Reported by" where it was checked in the real files (FORMAT.md); else "".
    reported_by: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Return every name the force is matched by, its slug first."""
        return (
            self.slug,
            self.name,
            *self.aliases,
            *((self.reported_by,) if self.reported_by else ()),
        )


def _f(slug: str, name: str, nation: str, code: str, *aliases: str, reported: bool = True) -> Force:
    return Force(slug, name, nation, code, aliases, name if reported else "")


E, W = "England", "Wales"
FORCES: tuple[Force, ...] = (
    _f("avon-and-somerset", "Avon and Somerset Constabulary", E, "E23000036",
       "Avon and Somerset", "Avon & Somerset"),
    _f("bedfordshire", "Bedfordshire Police", E, "E23000026", "Bedfordshire"),
    Force("btp", "British Transport Police", "Great Britain", "", (),
          "British Transport Police"),
    _f("cambridgeshire", "Cambridgeshire Constabulary", E, "E23000023", "Cambridgeshire"),
    _f("cheshire", "Cheshire Constabulary", E, "E23000006", "Cheshire"),
    _f("city-of-london", "City of London Police", E, "E23000034", "City of London",
       "London, City of"),
    _f("cleveland", "Cleveland Police", E, "E23000013", "Cleveland"),
    _f("cumbria", "Cumbria Constabulary", E, "E23000002", "Cumbria"),
    _f("derbyshire", "Derbyshire Constabulary", E, "E23000018", "Derbyshire"),
    _f("devon-and-cornwall", "Devon & Cornwall Police", E, "E23000035", "Devon & Cornwall",
       "Devon and Cornwall"),
    _f("dorset", "Dorset Police", E, "E23000039", "Dorset"),
    _f("durham", "Durham Constabulary", E, "E23000008", "Durham"),
    _f("dyfed-powys", "Dyfed-Powys Police", W, "W15000004", "Dyfed-Powys"),
    _f("essex", "Essex Police", E, "E23000028", "Essex"),
    _f("gloucestershire", "Gloucestershire Constabulary", E, "E23000037", "Gloucestershire"),
    _f("greater-manchester", "Greater Manchester Police", E, "E23000005", "Greater Manchester",
       reported=False),
    _f("gwent", "Gwent Police", W, "W15000002", "Gwent"),
    _f("hampshire", "Hampshire Constabulary", E, "E23000030", "Hampshire"),
    _f("hertfordshire", "Hertfordshire Constabulary", E, "E23000027", "Hertfordshire"),
    _f("humberside", "Humberside Police", E, "E23000012", "Humberside"),
    _f("kent", "Kent Police", E, "E23000032", "Kent"),
    _f("lancashire", "Lancashire Constabulary", E, "E23000003", "Lancashire"),
    _f("leicestershire", "Leicestershire Police", E, "E23000021", "Leicestershire"),
    _f("lincolnshire", "Lincolnshire Police", E, "E23000020", "Lincolnshire"),
    _f("merseyside", "Merseyside Police", E, "E23000004", "Merseyside"),
    _f("metropolitan", "Metropolitan Police Service", E, "E23000001", "Metropolitan",
       "Metropolitan Police", reported=False),
    _f("norfolk", "Norfolk Constabulary", E, "E23000024", "Norfolk"),
    _f("north-wales", "North Wales Police", W, "W15000001", "North Wales"),
    _f("north-yorkshire", "North Yorkshire Police", E, "E23000009", "North Yorkshire"),
    _f("northamptonshire", "Northamptonshire Police", E, "E23000022", "Northamptonshire"),
    Force("northern-ireland", "Police Service of Northern Ireland", "Northern Ireland"),
    _f("northumbria", "Northumbria Police", E, "E23000007", "Northumbria"),
    _f("nottinghamshire", "Nottinghamshire Police", E, "E23000019", "Nottinghamshire"),
    _f("south-wales", "South Wales Police", W, "W15000003", "South Wales"),
    _f("south-yorkshire", "South Yorkshire Police", E, "E23000011", "South Yorkshire"),
    _f("staffordshire", "Staffordshire Police", E, "E23000015", "Staffordshire"),
    _f("suffolk", "Suffolk Constabulary", E, "E23000025", "Suffolk"),
    _f("surrey", "Surrey Police", E, "E23000031", "Surrey"),
    _f("sussex", "Sussex Police", E, "E23000033", "Sussex"),
    _f("thames-valley", "Thames Valley Police", E, "E23000029", "Thames Valley"),
    _f("warwickshire", "Warwickshire Police", E, "E23000017", "Warwickshire"),
    _f("west-mercia", "West Mercia Police", E, "E23000016", "West Mercia"),
    _f("west-midlands", "West Midlands Police", E, "E23000014", "West Midlands",
       reported=False),
    _f("west-yorkshire", "West Yorkshire Police", E, "E23000010", "West Yorkshire"),
    _f("wiltshire", "Wiltshire Police", E, "E23000038", "Wiltshire"),
)  # fmt: skip

BY_SLUG: dict[str, Force] = {f.slug: f for f in FORCES}
_BY_NAME: dict[str, Force] = {name.casefold(): f for f in FORCES for name in f.names}

# Forces whose police.uk figures do not compare per resident with a territorial force's; each
# reason marked for the catalogue (shown through ``language._``).
NOT_COMPARABLE: dict[str, str] = {
    "btp": gettext_noop(
        "British Transport Police polices the railways of Great Britain: it has no resident "
        "population, so a rate per 1,000 residents means nothing for it"
    ),
    "city-of-london": gettext_noop(
        "the City of London's resident population (7,375 at the 2011 Census) is tiny against "
        "the people who work in and visit it, so rates per resident mislead"
    ),
    "greater-manchester": gettext_noop(
        "Greater Manchester Police sent police.uk no crime data from July 2019 (its change of "
        "IT system), and what followed was reported incomplete"
    ),
}


def not_comparable(slug: str) -> str:
    """Return why a force is not compared per resident, in the active language ("" if it is)."""
    reason = NOT_COMPARABLE.get(slug)
    return _(reason) if reason else ""


def force_by_name(name: str) -> Force | None:
    """Return the force a slug or any of its listed names denotes (case-insensitive), or None."""
    return _BY_NAME.get(name.strip().casefold())


def force_name(slug: str) -> str:
    """Return the name shown for a force slug (the slug itself if the force is not listed)."""
    force = BY_SLUG.get(slug)
    return force.name if force else slug


# The Welsh forces' names in Welsh, as each force writes its own bilingual name.
WELSH_NAMES: dict[str, str] = {
    "dyfed-powys": "Heddlu Dyfed-Powys",
    "gwent": "Heddlu Gwent",
    "north-wales": "Heddlu Gogledd Cymru",
    "south-wales": "Heddlu De Cymru",
}


def force_name_cy(slug: str) -> str:
    """Return a force's name in Welsh; "" for a force with none (its name is the same)."""
    return WELSH_NAMES.get(slug, "")
