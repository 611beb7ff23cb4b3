"""Other forces' police.uk months as peer comparison reads them: counted rows and populations.

The small world of ``tests/integration/test_peers_command.py`` (its forces, months, rows and
populations, North Wales without February) written straight into the counted months, with no
files and no warehouse: cheap enough for any test whose snapshot should freeze a comparison.
Rows carry the outcome the test files give them ("Under investigation"; none for anti-social
behaviour), so the counts are those an import of the same files stores.
"""

from __future__ import annotations

from oversight.data.models import Population
from oversight.peers.models import CountedMonth, ForceCount
from tests.factories.peer_files import ASB
from tests.integration.test_peers_command import MONTHS, POPULATIONS, WORLD


def counted_world(*, plan_force: str = "gwent") -> None:
    """Write the small world's counted street months and 2019 populations (the plan's: "force")."""
    for force, counts in WORLD.items():
        for month in MONTHS:
            if force == "north-wales" and month == "2024-02":
                continue
            counted = CountedMonth.objects.create(
                dataset="street", force=force, period=month, batch=1, rows=sum(counts.values())
            )
            ForceCount.objects.bulk_create(
                ForceCount(month=counted, category=crime_type,
                           outcome="" if crime_type == ASB else "Under investigation", rows=n)
                for crime_type, n in counts.items()
            )  # fmt: skip
    for force, population in POPULATIONS.items():
        area = "force" if force == plan_force else force
        Population.objects.create(area=area, year=2019, population=population, source="test")
