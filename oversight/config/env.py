"""Small helpers that read settings from the environment and fail loudly on a bad value."""

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
    """Return the folder that holds the database, warehouse and generated key."""
    home = Path(os.environ.get("OVERSIGHT_HOME", ".oversight")).resolve()
    home.mkdir(parents=True, exist_ok=True)
    return home
