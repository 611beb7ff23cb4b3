"""Whether an Oversight home is set up, and making one: for the `oversight` command.

Loading the settings creates nothing. Only the verbs that set a home up (``demo``, ``migrate``,
``restore``, ``collectstatic``) make its folder, readable by its owner only, and SQLite's
database file with the same mode; every other verb that reads the database first checks that
there is one, migrated, and otherwise says so in one line and how to make one.
"""

from __future__ import annotations

import os
from pathlib import Path

MAKES_HOME = frozenset({"demo", "migrate", "restore", "collectstatic"})
# Verbs that read no database: help, the pure calculations, Django's checks.
NEEDS_NO_HOME = frozenset({"help", "version", "spc", "calendar", "check", "makemigrations"})

HOW = (
    "make one with `oversight demo` (the demo) or `oversight migrate` (empty), "
    "or set OVERSIGHT_HOME to the folder of an existing one"
)


def make() -> Path:
    """Make the home folder (owner only), on SQLite its empty database file, and the demo's key."""
    from django.conf import settings

    from oversight.config.env import make_private_folder, private_file

    home = make_private_folder(Path(settings.OVERSIGHT_HOME))
    Path(settings.STATIC_ROOT).mkdir(exist_ok=True)
    key = home / "secret_key"
    if settings.DEMO and not os.environ.get("SECRET_KEY") and not key.exists():
        # The settings were read before this home existed, so the demo's key could not be kept
        # then; keep it now, or the demo could not serve with it (nor sign anyone in twice).
        private_file(key).write_text(settings.SECRET_KEY)
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        private_file(Path(database["NAME"]))
    return home


def problem() -> str | None:
    """Return, in one line, why no verb can run here; None when the home is set up."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import DatabaseError, connection

    home = settings.OVERSIGHT_HOME
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(database["NAME"])
        if not path.is_file():
            return f"no Oversight home is set up at {home} (there is no database): {HOW}."
        if not os.access(path, os.R_OK):
            return f"the database at {path} cannot be read by this user."
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"cannot open the database ({first}): check DATABASE_URL."
    finally:
        connection.close()
    if "django_migrations" not in tables:
        return f"the database of the Oversight home at {home} is empty: {HOW}."
    return None
