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

An ordinal ("3rd closest") is not a sentence the catalogue can hold: Welsh writes it with its
own endings (3ydd, 11eg, 21ain), so :func:`ordinal` asks which language is active (Django's
``get_language``, installed beside the translator).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Sentence", "_", "active", "gettext_noop", "install", "ordinal", "say"]

_translator: Callable[[str], str] | None = None
_language: Callable[[], str | None] | None = None


def install(
    translator: Callable[[str], str] | None, language: Callable[[], str | None] | None = None
) -> None:
    """Use ``translator`` (e.g. Django's ``gettext``) for every sentence; None for English.

    ``language`` returns the active language's code (e.g. Django's ``get_language``).
    """
    global _translator, _language
    _translator = translator
    _language = language


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


def active() -> str:
    """Return the active language's code: "cy", "en-gb"; "en" when none is installed."""
    return (_language() if _language is not None else None) or "en"


# Welsh ordinals as written with figures: the last letters of the ordinal's last word
# (cyntaf → 1af, unfed ar ddeg → 11eg, unfed ar hugain → 21ain, deugeinfed → 40fed).
_WELSH_ENDINGS = {
    1: "af", 2: "il", 3: "ydd", 4: "ydd", 5: "ed", 6: "ed", 7: "fed", 8: "fed", 9: "fed",
    10: "fed", 11: "eg", 12: "fed", 13: "eg", 14: "eg", 15: "fed", 16: "eg", 17: "eg",
    18: "fed", 19: "eg", 20: "fed", 40: "fed", 50: "fed", 60: "fed", 80: "fed", 100: "fed",
}  # fmt: skip


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st; in Welsh 1af, 2il, 3ydd, 11eg, 21ain.

    The Welsh endings are those of 1 to 100 (a rank among the 45 or so police forces); above
    100 the ending of the last two figures is used.
    """
    if active().startswith("cy"):
        rest = n % 100 if n > 100 else n
        return f"{n}{_WELSH_ENDINGS.get(rest, 'ain' if rest > 20 else 'fed')}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
