"""Areas from police.uk locations: the local authority an LSOA belongs to, from its name.

ONS names every LSOA "<local authority name> <3-digit number><letter>", e.g. "Cardiff 032A"
or "Bournemouth, Christchurch and Poole 042D"; the local authority is the name before the
final code. Pure Python: no Django, no lookup tables.
"""

from __future__ import annotations

import re

# The trailing code: a space, three digits and one capital letter (ONS 2011 and 2021 LSOAs).
_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")


def local_authority_from_lsoa_name(lsoa_name: str | None) -> str | None:
    """Return the local authority named in an LSOA name, or None if the name has no LSOA code.

    "Cardiff 032A" -> "Cardiff"; "Bournemouth, Christchurch and Poole 042D" ->
    "Bournemouth, Christchurch and Poole"; "Ynys Môn 001A" -> "Ynys Môn". Blank names (rows
    without a location) and names not ending in an LSOA code give None, so callers can report
    them as unknown rather than drop them.
    """
    if not lsoa_name:
        return None
    name = lsoa_name.strip()
    match = _LSOA_SUFFIX.search(name)
    if match is None:
        return None
    authority = name[: match.start()].strip()
    return authority or None
