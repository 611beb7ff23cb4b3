"""`oversight demo`: a working system from nothing, on the embedded SQLite default."""

import secrets
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from oversight.accounts.services import ensure_organisation, ensure_user
from oversight.demo.personas import ORGANISATIONS, PERSONAS

# Each step loads one capability's demo data; every step is safe to run again.
STEPS = (
    "oversight.demo.steps.load_plan",
    "oversight.data.demo.load",
    "oversight.performance.demo.load",
    "oversight.reports.demo.load",
    "oversight.meetings.demo.load",
    "oversight.themes.demo.load",
    # The Board's snapshot is presented once its commentary and theme findings are written.
    "oversight.performance.demo.present",
    "oversight.roadmap.demo.load",
    # The Commissioner's verdicts and the force's responses, before anything is published.
    "oversight.accountability.demo.load",
    # After the roadmap and the record: a publication freezes both as they stand.
    "oversight.publishing.demo.load",
    # The Panel asks about the publication's figures.
    "oversight.questions.demo.load",
    # The public site's accessibility statement, privacy notice and contact page.
    "oversight.sitepages.demo.load",
)


class Command(BaseCommand):
    help = (
        "Create the database under OVERSIGHT_HOME, load the demo plan, data and one user per "
        "role, print their logins and serve the site (--no-serve to stop before serving)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set up, then exit")
        parser.add_argument("--port", default="8000", help="Port to serve on (default 8000)")

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Oversight home: {settings.OVERSIGHT_HOME}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        # People first, so that meetings, actions and activities can name their owners.
        logins = self._users()
        for dotted in STEPS:
            module, name = dotted.rsplit(".", 1)
            getattr(import_module(module), name)(stdout=self.stdout)
        self.stdout.write(
            "\nDemo logins (the Commissioner's team has two: one requests publications, "
            "the other approves them):"
        )
        for username, password, role in logins:
            self.stdout.write(f"  {role:<32} username {username:<8} password {password}")
        if options["no_serve"]:
            return
        self.stdout.write("")
        # The same server as production (`oversight serve`), so the demo is what goes live.
        call_command("serve", bind=f"127.0.0.1:{options['port']}", stdout=self.stdout)

    def _users(self) -> list[tuple[str, str, str]]:
        orgs = {
            slug: ensure_organisation(name=name, slug=slug, kind=kind, by=None)
            for name, slug, kind in ORGANISATIONS
        }
        passwords = _demo_passwords(Path(settings.OVERSIGHT_HOME) / "demo_logins.txt")
        rows = []
        for p in PERSONAS:
            user, _ = ensure_user(
                username=p.username,
                password=passwords[p.username],
                role=p.role,
                first_name=p.first_name,
                last_name=p.last_name,
                job_title=p.job_title,
                organisation=orgs.get(p.organisation),
                by=None,
            )
            rows.append((p.username, passwords[p.username], user.get_role_display()))
        return rows


def _demo_passwords(path: Path) -> dict[str, str]:
    """Return each persona's password, generated once into OVERSIGHT_HOME and kept."""
    known: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if ":" in line:
                name, password = line.split(":", 1)
                known[name] = password
    changed = False
    for p in PERSONAS:
        if p.username not in known:
            known[p.username] = f"{p.username}-{secrets.token_hex(4)}"
            changed = True
    if changed:
        path.write_text("".join(f"{k}:{v}\n" for k, v in known.items()))
        path.chmod(0o600)
    return known
