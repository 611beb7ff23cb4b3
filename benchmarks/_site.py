"""A throwaway Oversight site for a benchmark: a fresh OVERSIGHT_HOME, migrated, then removed."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def fresh_site(name: str) -> Iterator[Path]:
    """Set up Django on an empty, migrated SQLite database; yield its home folder."""
    sys.path.insert(0, str(REPO))
    home = tempfile.mkdtemp(prefix=f"oversight-bench-{name}-")
    os.environ["OVERSIGHT_HOME"] = home
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghij")
    os.environ["DJANGO_SETTINGS_MODULE"] = "oversight.config.settings"
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield Path(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
