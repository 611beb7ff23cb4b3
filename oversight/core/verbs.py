"""Oversight's own verbs, grouped as the README groups them, each with a one-line description.

`oversight --help` prints this list; `oversight help VERB` gives a verb's full help. Django's
other management commands (flush, sqlflush, startproject and the rest) stay reachable through
`oversight django VERB`, and `oversight help --all` lists them.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.management import get_commands

GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Start here",
        (
            ("demo", "load the demo into a new home and serve it"),
            ("serve", "serve the site in production (gunicorn)"),
        ),
    ),
    ("The plan", (("plan", "load the plan from TOML, or export it"),)),
    (
        "Data",
        (
            ("import", "import police.uk files, force-supplied values or population"),
            ("fetch", "download a month of police.uk files and import them"),
            ("measures", "recompute the measures' monthly values"),
            ("data", "what data is held; the integrity monitor's findings and decisions"),
            ("peers", "a force against its most similar forces: rates per 1,000, funnel plots"),
        ),
    ),
    (
        "Assessment and snapshots",
        (
            ("assess", "rate every measure for a month, as a draft snapshot"),
            ("snapshot", "list, show, diff, present, verify or discard snapshots"),
            ("spc", "print an SPC (XmR) chart of a CSV series"),
        ),
    ),
    (
        "The reporting cycle",
        (
            ("calendar", "print the monthly cycles' dates, as a table, JSON or ICS"),
            ("cycle", "the scheduled job: fetch what is due, refresh, check, notify"),
            ("notify", "send the notifications that dates bring; --digest for the daily one"),
        ),
    ),
    (
        "Board packs and publications",
        (
            ("pack", "build a Board's pack as HTML, PDF or PowerPoint"),
            ("publication", "request, approve, reject or list publications"),
        ),
    ),
    ("The roadmap", (("roadmap", "import the roadmap from Excel or CSV, or export it"),)),
    (
        "Running the service",
        (
            ("migrate", "create or update the database's tables"),
            ("backup", "back up the database, warehouse and papers into a folder"),
            ("restore", "restore a backup into an empty home"),
            ("check", "check the settings (--deploy for production)"),
            ("collectstatic", "collect the static files for `serve`"),
            ("createsuperuser", "create an administrator"),
            ("changepassword", "change a user's password"),
            ("axes_reset_username", "lift a sign-in lockout early"),
        ),
    ),
)
OVERSIGHT_VERBS = frozenset(verb for _, verbs in GROUPS for verb, _ in verbs)


def lines() -> Iterator[str]:
    """Yield the text of `oversight --help`."""
    known = get_commands()
    width = max(len(verb) for verb in OVERSIGHT_VERBS)
    yield "Usage: oversight VERB [options]   (oversight help VERB describes one)"
    for title, verbs in GROUPS:
        present = [(verb, line) for verb, line in verbs if verb in known]
        if present:
            yield ""
            yield f"{title}:"
            yield from (f"  {verb.ljust(width)}  {line}" for verb, line in present)
    yield ""
    yield "Django's own commands: `oversight help --all` lists them;"
    yield "`oversight django VERB` runs one."
