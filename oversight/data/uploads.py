"""police.uk files uploaded on the Data page: kept under their own names, imported off the
request path exactly as `oversight import police-uk` imports them, and reported.

The files are written to ``OVERSIGHT_HOME/uploads/police-uk/<id>/`` and removed once imported:
the warehouse keeps the rows, and each file's name and checksum with its batch.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, connection
from django.utils import timezone

from oversight.accounts import audit
from oversight.accounts.models import User
from oversight.data.models import PoliceUpload
from oversight.data.updates import import_and_refresh
from oversight.data.warehouse import WarehouseBusy

SUFFIXES = (".csv", ".csv.gz", ".gz", ".zip")
# The largest upload, all files together; a year of one force's files is well under it.
MAX_BYTES = 512 * 1024 * 1024


def folder(upload: PoliceUpload) -> Path:
    return Path(settings.OVERSIGHT_HOME) / "uploads" / "police-uk" / str(upload.pk)


def start(files: Iterable[UploadedFile], *, by: User, background: bool | None = None):
    """Keep the files, record the upload and import it (in a thread unless told otherwise)."""
    files = list(files)
    upload = PoliceUpload.objects.create(
        by=by, files=[{"name": f.name, "size": f.size} for f in files], step="Receiving files"
    )
    where = folder(upload)
    where.mkdir(parents=True, exist_ok=True)
    for file in files:
        # The name says the kind, force and month; only its last part is kept (no folders).
        with (where / Path(file.name).name).open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
    if background is None:
        background = settings.PACK_BUILDS == "background"
    if background:
        threading.Thread(target=_in_thread, args=(upload.pk,), daemon=True).start()
    else:
        run(upload.pk)
        upload.refresh_from_db()
    return upload


def _in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        close_old_connections()
        connection.close()


def _step(pk: int, step: str, **fields: object) -> None:
    PoliceUpload.objects.filter(pk=pk).update(step=step, heartbeat_at=timezone.now(), **fields)


def run(pk: int) -> None:
    """Import an upload's files, refresh and check; record the report. Never raises."""
    upload = PoliceUpload.objects.select_related("by").get(pk=pk)
    where = folder(upload)
    names = ", ".join(f["name"] for f in upload.files)
    _step(pk, f"Importing {len(upload.files)} file(s)", status=PoliceUpload.Status.RUNNING)
    try:
        update = import_and_refresh(
            [where], warehouse_path=settings.WAREHOUSE_PATH, by=upload.by, quiet=True
        )
    except WarehouseBusy as exc:
        _finish(pk, PoliceUpload.Status.FAILED, error=f"Nothing was imported: {exc}.")
        return
    except Exception as exc:  # recorded for the person waiting on the page
        _finish(pk, PoliceUpload.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        return
    finally:
        shutil.rmtree(where, ignore_errors=True)
    lines = [line.replace(str(where) + "/", "") for line in update.lines()]
    audit.record(
        by=upload.by,
        action="data.police_uk_uploaded",
        object_type="data.PoliceUpload",
        object_id=str(pk),
        object_repr=names[:200],
        after={"ok": update.ok, "report": lines},
    )
    _finish(pk, PoliceUpload.Status.DONE, report=lines, ok=update.ok)


def _finish(pk: int, status: str, **fields: object) -> None:
    now = timezone.now()
    PoliceUpload.objects.filter(pk=pk).update(
        status=status, step="", finished_at=now, heartbeat_at=now, **fields
    )
