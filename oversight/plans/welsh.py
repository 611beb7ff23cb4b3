"""The plan's Welsh texts: which items carry them, and what a Welsh text may hold.

Every text of the plan the public reads has its Welsh version beside it, in the field with
"_cy" added (catalogue.WELSH_KEYS). The catalogue import writes both languages; the Welsh
texts page writes only the Welsh, through services.save_welsh, which checks each text here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db import models

from oversight.analysis.welsh import WELSH_SUFFIX, welsh_key
from oversight.plans.catalogue import WELSH_KEYS
from oversight.plans.models import Measure, Outcome, Plan, Priority, Theme

# Longest Welsh description or summary: a text field has no limit of its own, and a text of
# the plan is a paragraph or two, not a pasted document.
MAX_TEXT = 10_000

Item = Plan | Priority | Outcome | Measure | Theme

# Text that cannot be stored or read back as typed, by Unicode category, with a name for a
# character that has none: control characters (a line break is kept in a description),
# unpaired surrogates, and the line and paragraph separators (named by Unicode).
_REFUSED = {"Cc": "a control character", "Cs": "an unpaired surrogate", "Zl": "", "Zp": ""}


class WelshTextError(ValueError):
    """A Welsh text that cannot be saved; ``field`` names the field, the message says why."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Kind:
    """One kind of item of the plan that carries Welsh texts."""

    slug: str  # in the page's addresses and in analysis.welsh.MissingText.kind
    label: str
    plural: str
    model: type[models.Model]
    code_field: str  # what names one item in the plan: a code, a slug, the force slug
    texts: tuple[str, ...]  # the English fields, each with its Welsh beside it

    @property
    def welsh_fields(self) -> tuple[str, ...]:
        return tuple(welsh_key(text) for text in self.texts)

    def code_of(self, item: models.Model) -> str:
        return str(getattr(item, self.code_field))

    def name_of(self, item: models.Model) -> str:
        """Return the item in words, as the publication request names it: "Measure PUK02"."""
        return self.label if self.slug == "plan" else f"{self.label} {self.code_of(item)}"


def _texts(catalogue_key: str) -> tuple[str, ...]:
    return tuple(key.removesuffix(WELSH_SUFFIX) for key in WELSH_KEYS[catalogue_key])


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind("plan", "Plan", "The plan", Plan, "force_slug", _texts("plan")),
        Kind("priority", "Priority", "Priorities", Priority, "code", _texts("priorities")),
        Kind("outcome", "Outcome", "Outcomes", Outcome, "code", _texts("outcomes")),
        Kind("measure", "Measure", "Measures", Measure, "code", _texts("measures")),
        Kind("theme", "Theme", "Themes", Theme, "slug", _texts("themes")),
    )
}


def kind_of(item: models.Model) -> Kind:
    """Return the kind of an item of the plan; refuse anything else."""
    for kind in KINDS.values():
        if type(item) is kind.model:
            return kind
    raise ValueError(f"{type(item).__name__} carries no Welsh texts of the plan.")


def items_of(plan: Plan, kind: Kind) -> models.QuerySet:
    """Return the items of ``kind`` in ``plan`` (not the plan itself), in plan order."""
    if kind.slug == "outcome":
        return Outcome.objects.filter(priority__plan=plan)
    return kind.model.objects.filter(plan=plan)


def find(plan: Plan, kind: str, code: str) -> Item | None:
    """Return the item of ``plan`` of kind ``kind`` named ``code``, or None."""
    if kind not in KINDS:
        return None
    if kind == "plan":
        return plan if plan.force_slug == code else None
    found = items_of(plan, KINDS[kind]).filter(**{KINDS[kind].code_field: code})
    # Codes are unique in the plan's file; an outcome's only in its priority in the database.
    return found.order_by("pk").first()


def limit_of(kind: Kind, field: str) -> int:
    """Return how many characters the Welsh field ``field`` holds."""
    return kind.model._meta.get_field(field).max_length or MAX_TEXT


def is_one_line(kind: Kind, field: str) -> bool:
    """Return whether the field is a title or name (one line), not a description."""
    return isinstance(kind.model._meta.get_field(field), models.CharField)


def label_of(field: str) -> str:
    """Return a Welsh field in words: "name_cy" is "The Welsh name"."""
    return f"The Welsh {field.removesuffix(WELSH_SUFFIX)}"


def check_text(kind: Kind, field: str, value: object) -> str:
    """Return the Welsh text ``value`` for ``field``, trimmed, or raise WelshTextError.

    Line breaks are made "\\n" (a browser sends "\\r\\n"); an empty text clears the Welsh.
    """
    label = label_of(field)
    if not isinstance(value, str):
        raise WelshTextError(field, f"{label} must be text.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    one_line = is_one_line(kind, field)
    if one_line and "\n" in text:
        raise WelshTextError(field, f"{label} is one line: remove the line breaks.")
    for place, char in enumerate(text, start=1):
        category = unicodedata.category(char)
        if char == "\n" or category not in _REFUSED:
            continue
        name = unicodedata.name(char, "") or _REFUSED[category]
        raise WelshTextError(
            field,
            f"{label} contains a character that cannot be saved (U+{ord(char):04X}, {name}) "
            f"at character {place}. Delete it, or paste the text again as plain text.",
        )
    limit = limit_of(kind, field)
    if len(text) > limit:
        raise WelshTextError(
            field, f"{label} is longer than {limit:,} characters (it has {len(text):,})."
        )
    return text


def codes_in(plan: Plan) -> dict[str, set[str]]:
    """Return, for each kind, the codes of the items ``plan`` holds (five queries)."""
    codes = {"plan": {plan.force_slug}}
    for slug, kind in KINDS.items():
        if slug == "plan":
            continue
        codes[slug] = set(items_of(plan, kind).values_list(kind.code_field, flat=True))
    return codes


def current_texts(
    force_slug: str, first_year: int | None
) -> dict[tuple[str, str, str], tuple[str, str]]:
    """Return every text of the plan with its Welsh as it stands: (kind, code, key) → both.

    For a publication request (``analysis.welsh.with_current_welsh``); empty if no such plan.
    """
    plan = Plan.objects.filter(force_slug=force_slug, first_year=first_year).first()
    if plan is None:
        return {}
    texts: dict[tuple[str, str, str], tuple[str, str]] = {}
    for slug, kind in KINDS.items():
        items = [plan] if slug == "plan" else items_of(plan, kind)
        for item in items:
            code = str(getattr(item, kind.code_field))
            for key in kind.texts:
                texts[(slug, code, key)] = (
                    getattr(item, key) or "",
                    getattr(item, welsh_key(key)) or "",
                )
    return texts
