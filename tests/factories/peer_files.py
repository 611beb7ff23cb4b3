"""Small police.uk street files for several forces, written in the published layout."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Mapping
from pathlib import Path

from oversight.analysis.forces import force_name

HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
]  # fmt: skip
ASB = "Anti-social behaviour"


def street_file(folder: Path, force: str, month: str, counts: Mapping[str, int]) -> Path:
    """Write `YYYY-MM-<force>-street.csv` with `counts[crime type]` rows of each type."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{month}-{force}-street.csv"
    name = force_name(force)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for crime_type, n in counts.items():
            for i in range(n):
                asb = crime_type == ASB
                crime_id = (
                    ""
                    if asb
                    else hashlib.sha256(f"{force}/{month}/{crime_type}/{i}".encode()).hexdigest()
                )
                outcome = "" if asb else "Under investigation"
                writer.writerow([crime_id, month, name, name, "", "", "No Location", "", "",
                                 crime_type, outcome, ""])  # fmt: skip
    return path
