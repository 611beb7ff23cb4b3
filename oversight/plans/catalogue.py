"""The plan catalogue as a TOML document: parse and validate it, and write it back out.

Validation is pure (no database) and collects every problem with the key it concerns, so
`plan load` can refuse a bad file before touching anything.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from typing import Any

from oversight.analysis.police_uk_categories import CRIME_TYPES, OUTCOME_TYPES, SEARCH_OUTCOMES
from oversight.analysis.units import Unit

KINDS = ("policing", "partnership", "development")
DIRECTIONS = ("up", "down", "neutral")
UNITS = tuple(u.value for u in Unit)
SOURCES = ("police-uk", "force-supplied")
STATUSES = ("active", "under_review", "amended", "retired")
BREAKDOWNS = ("force", "bcu", "age_band", "local_authority")
DATASETS = ("street", "outcomes", "stop-and-search")
STATISTICS = ("count", "rate_per_1000", "proportion")

TOP_KEYS = {"plan", "bcus", "themes", "priorities", "outcomes", "measures"}
# Each text the public reads has its Welsh version beside it, under the key with "_cy" added;
# a Welsh text is optional (the publication request lists those missing).
WELSH_KEYS = {
    "plan": ("title_cy", "summary_cy"),
    "themes": ("title_cy", "description_cy"),
    "priorities": ("title_cy", "description_cy"),
    "outcomes": ("title_cy", "description_cy"),
    "measures": ("name_cy", "description_cy"),
}
PLAN_KEYS = {"title", "force_name", "force_slug", "first_year", "last_year", "summary",
             *WELSH_KEYS["plan"]}  # fmt: skip
BCU_KEYS = {"code", "name", "local_authorities"}
THEME_KEYS = {"slug", "title", "description", *WELSH_KEYS["themes"]}
PRIORITY_KEYS = {"code", "title", "kind", "description", *WELSH_KEYS["priorities"]}
OUTCOME_KEYS = {"code", "priority", "title", "description", *WELSH_KEYS["outcomes"]}
MEASURE_KEYS = {
    *WELSH_KEYS["measures"],
    "code", "outcome", "name", "description", "unit", "improvement", "source", "police_uk",
    "breakdowns", "target", "rag", "themes", "owner", "daily_rate", "survey", "status",
    "effective_from", "effective_to", "version", "rebase",
}  # fmt: skip
REBASE_KEYS = {"period", "reason", "finding"}
POLICE_UK_KEYS = {"dataset", "crime_types", "outcome_types", "search_outcomes", "statistic"}
TARGET_KEYS = {"value", "start", "end"}


class CatalogueError(ValueError):
    """A plan file that cannot be loaded; `problems` lists every reason with its key."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Catalogue:
    """A validated plan document, ready to load."""

    plan: dict[str, Any]
    bcus: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    priorities: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)


def parse(text: str) -> Catalogue:
    """Return the validated catalogue in `text`, or raise CatalogueError naming each bad key."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError([f"not valid TOML: {exc}"]) from exc
    return validate(doc)


def validate(doc: dict[str, Any]) -> Catalogue:
    """Return the catalogue in a parsed TOML document, or raise CatalogueError."""
    problems: list[str] = []
    _unknown(doc, TOP_KEYS, "", problems)
    plan = doc.get("plan")
    if not isinstance(plan, dict):
        raise CatalogueError(["[plan]: missing table"])
    _unknown(plan, PLAN_KEYS, "plan", problems)
    for key in ("title", "force_name", "force_slug"):
        _require_str(plan, key, "plan", problems)
    _optional_str(plan, ("summary", *WELSH_KEYS["plan"]), "plan", problems)
    for key in ("first_year", "last_year"):
        if not isinstance(plan.get(key), int):
            problems.append(f"plan.{key}: must be a year such as 2025")
    years = (plan.get("first_year"), plan.get("last_year"))
    if all(isinstance(y, int) for y in years) and years[1] < years[0]:
        problems.append("plan.last_year: is before plan.first_year")

    bcus = _tables(doc, "bcus", problems)
    themes = _tables(doc, "themes", problems)
    priorities = _tables(doc, "priorities", problems)
    outcomes = _tables(doc, "outcomes", problems)
    measures = _tables(doc, "measures", problems)

    bcu_codes = _unique(bcus, "code", "bcus", problems)
    seen_las: set[str] = set()
    for i, bcu in enumerate(bcus):
        where = f"bcus[{i}] ({bcu.get('code', '?')})"
        _unknown(bcu, BCU_KEYS, where, problems)
        _require_str(bcu, "name", where, problems)
        las = bcu.get("local_authorities", [])
        if not _is_str_list(las):
            problems.append(f"{where}.local_authorities: must be a list of names")
            continue
        for la in las:
            if la in seen_las:
                problems.append(f"{where}.local_authorities: {la!r} is already in another BCU")
            seen_las.add(la)
    del bcu_codes

    theme_slugs = _unique(themes, "slug", "themes", problems)
    for i, theme in enumerate(themes):
        where = f"themes[{i}] ({theme.get('slug', '?')})"
        _unknown(theme, THEME_KEYS, where, problems)
        _require_str(theme, "title", where, problems)
        _optional_str(theme, WELSH_KEYS["themes"], where, problems)

    priority_codes = _unique(priorities, "code", "priorities", problems)
    for i, priority in enumerate(priorities):
        where = f"priorities[{i}] ({priority.get('code', '?')})"
        _unknown(priority, PRIORITY_KEYS, where, problems)
        _require_str(priority, "title", where, problems)
        _optional_str(priority, WELSH_KEYS["priorities"], where, problems)
        _choice(priority, "kind", KINDS, where, problems, required=True)

    outcome_codes = _unique(outcomes, "code", "outcomes", problems)
    for i, outcome in enumerate(outcomes):
        where = f"outcomes[{i}] ({outcome.get('code', '?')})"
        _unknown(outcome, OUTCOME_KEYS, where, problems)
        _require_str(outcome, "title", where, problems)
        _optional_str(outcome, WELSH_KEYS["outcomes"], where, problems)
        if outcome.get("priority") not in priority_codes:
            problems.append(
                f"{where}.priority: {outcome.get('priority')!r} is not a priority code "
                "(an outcome must belong to a priority)"
            )

    _unique(measures, "code", "measures", problems)
    for i, measure in enumerate(measures):
        _validate_measure(measure, i, outcome_codes, theme_slugs, problems)

    if problems:
        raise CatalogueError(problems)
    return Catalogue(plan, bcus, themes, priorities, outcomes, measures)


def _validate_measure(
    m: dict[str, Any], i: int, outcome_codes: set, theme_slugs: set, problems: list[str]
) -> None:
    where = f"measures[{i}] ({m.get('code', '?')})"
    _unknown(m, MEASURE_KEYS, where, problems)
    _require_str(m, "name", where, problems)
    _optional_str(m, WELSH_KEYS["measures"], where, problems)
    if m.get("outcome") not in outcome_codes:
        problems.append(f"{where}.outcome: {m.get('outcome')!r} is not an outcome code")
    _choice(m, "unit", UNITS, where, problems, required=True)
    _choice(m, "improvement", DIRECTIONS, where, problems, required=True)
    _choice(m, "source", SOURCES, where, problems, required=True)
    _choice(m, "status", STATUSES, where, problems, required=False)
    breakdowns = m.get("breakdowns", ["force"])
    if not _is_str_list(breakdowns) or any(b not in BREAKDOWNS for b in breakdowns):
        problems.append(f"{where}.breakdowns: each must be one of {', '.join(BREAKDOWNS)}")
    themes = m.get("themes", [])
    if not _is_str_list(themes):
        problems.append(f"{where}.themes: must be a list of theme slugs")
    else:
        for slug in themes:
            if slug not in theme_slugs:
                problems.append(f"{where}.themes: {slug!r} is not a theme slug")
    rebases = m.get("rebase", [])
    if not isinstance(rebases, list) or not all(isinstance(r, dict) for r in rebases):
        problems.append(f"{where}.rebase: must be an array of tables with period and reason")
    else:
        for j, rebase in enumerate(rebases):
            _unknown(rebase, REBASE_KEYS, f"{where}.rebase[{j}]", problems)
            if not _is_period(rebase.get("period")):
                problems.append(f"{where}.rebase[{j}].period: must be a month such as 2023-10")
            _require_str(rebase, "reason", f"{where}.rebase[{j}]", problems)
            finding = rebase.get("finding")
            if finding is not None and (isinstance(finding, bool) or not isinstance(finding, int)):
                problems.append(f"{where}.rebase[{j}].finding: must be a finding's id number")
    for flag in ("daily_rate", "survey"):
        if flag in m and not isinstance(m[flag], bool):
            problems.append(f"{where}.{flag}: must be true or false")
    for key in ("effective_from", "effective_to"):
        if key in m and not isinstance(m[key], dt.date):
            problems.append(f"{where}.{key}: must be a date such as 2025-04-01")
    if "version" in m and (not isinstance(m["version"], int) or m["version"] < 1):
        problems.append(f"{where}.version: must be a whole number from 1")
    target = m.get("target")
    if target is not None:
        if not isinstance(target, dict):
            problems.append(f"{where}.target: must be a table with value, start, end")
        else:
            _unknown(target, TARGET_KEYS, f"{where}.target", problems)
            if not isinstance(target.get("value"), int | float) or isinstance(
                target.get("value"), bool
            ):
                problems.append(f"{where}.target.value: must be a number")
            for key in ("start", "end"):
                if key in target and not isinstance(target[key], dt.date):
                    problems.append(f"{where}.target.{key}: must be a date")
    rag = m.get("rag", {})
    if not isinstance(rag, dict):
        problems.append(f"{where}.rag: must be a table")
    else:
        from oversight.analysis.rag import RagRule

        try:
            RagRule.from_dict(rag)
        except ValueError as exc:
            problems.append(f"{where}.rag: {exc}")
        if rag.get("basis") in ("target", "spc_and_target") and target is None:
            problems.append(f"{where}.rag.basis: {rag['basis']!r} needs a target")
    source = m.get("source")
    police = m.get("police_uk")
    if source == "police-uk":
        if not isinstance(police, dict):
            problems.append(f"{where}.police_uk: a police-uk measure needs its definition table")
        else:
            _validate_police_uk(police, f"{where}.police_uk", problems)
    elif police:
        problems.append(f"{where}.police_uk: only a police-uk measure has a police.uk definition")


def _validate_police_uk(p: dict[str, Any], where: str, problems: list[str]) -> None:
    _unknown(p, POLICE_UK_KEYS, where, problems)
    _choice(p, "dataset", DATASETS, where, problems, required=True)
    _choice(p, "statistic", STATISTICS, where, problems, required=True)
    for key, allowed in (
        ("crime_types", CRIME_TYPES),
        ("outcome_types", OUTCOME_TYPES),
        ("search_outcomes", SEARCH_OUTCOMES),
    ):
        if key in p:
            if not _is_str_list(p[key]):
                problems.append(f"{where}.{key}: must be a list of names")
                continue
            for name in p[key]:
                if name not in allowed:
                    problems.append(f"{where}.{key}: {name!r} is not a police.uk category")
    if p.get("statistic") == "proportion" and not (
        p.get("outcome_types") or p.get("search_outcomes")
    ):
        problems.append(f"{where}.statistic: a proportion needs outcome_types or search_outcomes")


def _tables(doc: dict[str, Any], key: str, problems: list[str]) -> list[dict[str, Any]]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"[[{key}]]: must be an array of tables")
        return []
    return value


def _unique(items: list[dict[str, Any]], key: str, where: str, problems: list[str]) -> set:
    seen: set = set()
    for i, item in enumerate(items):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}[{i}].{key}: missing")
            continue
        if value in seen:
            problems.append(f"{where}[{i}].{key}: duplicate {key} {value!r}")
        seen.add(value)
    return seen


def _unknown(table: dict[str, Any], allowed: set[str], where: str, problems: list[str]) -> None:
    for key in table:
        if key not in allowed:
            prefix = f"{where}." if where else ""
            problems.append(f"{prefix}{key}: unknown key")


def _require_str(table: dict[str, Any], key: str, where: str, problems: list[str]) -> None:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}.{key}: missing")


def _optional_str(
    table: dict[str, Any], keys: tuple[str, ...], where: str, problems: list[str]
) -> None:
    for key in keys:
        if key in table and not isinstance(table[key], str):
            problems.append(f"{where}.{key}: must be text")


def _choice(
    table: dict[str, Any], key: str, allowed: tuple, where: str, problems: list[str], *, required
) -> None:
    if key not in table:
        if required:
            problems.append(f"{where}.{key}: missing (one of {', '.join(allowed)})")
        return
    if table[key] not in allowed:
        problems.append(f"{where}.{key}: {table[key]!r} is not one of {', '.join(allowed)}")


def _is_period(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 7 or value[4] != "-":
        return False
    year, month = value[:4], value[5:]
    return year.isdigit() and month.isdigit() and 1 <= int(month) <= 12


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
