"""Small helpers that read settings from the environment and fail loudly on a bad value."""

import contextlib
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1"}
_FALSE = {"false", "0", ""}


def envbool(name: str, default: str) -> bool:
    """Return the environment variable as a bool; only true/false/1/0 are accepted."""
    value = os.environ.get(name, default).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envstr(name: str, default: str = "") -> str:
    """Return the environment variable as a string."""
    return os.environ.get(name, default)


def oversight_home() -> Path:
    """Return the folder that holds the database, warehouse and generated key.

    Reading it creates nothing: the verbs that set a home up make it (oversight/core/home.py).
    """
    return Path(os.environ.get("OVERSIGHT_HOME", ".oversight")).resolve()


def make_private_folder(path: Path) -> Path:
    """Make ``path`` (and its parents) if missing; a folder made here is its owner's only.

    An existing folder keeps the mode it was given.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    return path


def private_file(path: Path) -> Path:
    """Return the path of a file readable and writable by its owner only, made empty if missing.

    A file that belongs to someone else is left as it is: only its owner may change its mode.
    """
    if not path.parent.is_dir():
        return path  # nothing to make it in: whatever opens it will say so
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if path.stat().st_uid == os.getuid():
            path.chmod(0o600)
    return path
