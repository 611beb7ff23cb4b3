"""The pure modules' words in the active language, through the project's Welsh catalogue.

The analysis modules import nothing of Django, yet the sentences some of them write (a rating's
reasons, a change in words) are shown to the public in Welsh as well as English. They mark
each sentence with :func:`_` from here; the Django side installs its ``gettext`` at start-up
(``oversight.core.apps``), so the sentence comes out of ``locale/cy`` like every other
interface string and a translator updates it in the same ``.po`` file. With nothing installed
(a script, a unit test of the module alone) the English comes back unchanged.

``makemessages`` collects every ``_("…")`` call; a sentence held in a table is marked with
:func:`gettext_noop` where it is written and passed through :func:`_` where it is used.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["_", "gettext_noop", "install"]

_translator: Callable[[str], str] | None = None


def install(translator: Callable[[str], str] | None) -> None:
    """Use ``translator`` (e.g. Django's ``gettext``) for every sentence; None for English."""
    global _translator
    _translator = translator


def _(message: str) -> str:
    """Return ``message`` in the active language (unchanged when no translator is installed)."""
    return message if _translator is None else _translator(message)


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (it is translated later)."""
    return message
