"""The pure modules' words in the active language, through the project's Welsh catalogue.

The analysis modules import nothing of Django, yet the sentences some of them write (a rating's
reasons, a change in words) are shown to the public in Welsh as well as English. They mark
each sentence with :func:`_` from here; the Django side installs its ``gettext`` at start-up
(``oversight.core.apps``), so the sentence comes out of ``locale/cy`` like every other
interface string and a translator updates it in the same ``.po`` file. With nothing installed
(a script, a unit test of the module alone) the English comes back unchanged.

``makemessages`` collects every ``_("…")`` call; a sentence held in a table is marked with
:func:`gettext_noop` where it is written and passed through :func:`_` where it is used.

A sentence worked out once and worded later (a Compstat window's reason, kept on the window) is
a :class:`Sentence`: text like any other, that :func:`say` words again in the language active
then, so a rating computed once can be worded in English and in Welsh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Sentence", "_", "gettext_noop", "install", "say"]

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


class Sentence(str):
    """A catalogue sentence with its values: the text in the language active when it was made.

    ``Sentence(gettext_noop("base below %(base)s"), base="10")`` is the string "base below 10"
    (equal to it, written to JSON as it); :func:`say` words it again in the language active
    then. A value may itself be a Sentence.
    """

    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, /, **values: Any) -> Sentence:
        sentence = super().__new__(cls, _render(msgid, values))
        sentence.msgid = msgid
        sentence.values = values
        return sentence


def _render(msgid: str, values: dict[str, Any]) -> str:
    message = _(msgid)
    return message % {k: say(v) for k, v in values.items()} if values else message


def say(text: Any) -> Any:
    """Return a :class:`Sentence` worded in the active language; any other text unchanged."""
    return _render(text.msgid, text.values) if isinstance(text, Sentence) else text
