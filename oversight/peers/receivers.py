"""Every force's counts stored after a police.uk import, so the pages never read the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.dispatch import receiver

from oversight.data.signals import police_files_imported
from oversight.data.warehouse import Warehouse
from oversight.peers.counts import store_counts


@receiver(police_files_imported, dispatch_uid="peers.count_imported_files")
def count_imported_files(sender: Any, *, warehouse_path: Path | str, **_: Any) -> list[str]:
    """Store the new months' counts once peers are possible; return a line for the report.

    Peers need another force: while the warehouse holds one force's files (the demo's),
    nothing is counted and the import is no slower.
    """
    path = Path(warehouse_path)
    if not path.exists():
        return []
    with Warehouse(path, read_only=True) as warehouse:
        forces = {force for _, force, _ in warehouse.current_batches()}
    if len(forces) < 2:
        return []
    return [store_counts(warehouse_path=path).line()]
