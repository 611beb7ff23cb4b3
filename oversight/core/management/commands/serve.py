"""`oversight serve`: the site under the production web server (gunicorn)."""

import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from oversight.core.server import ServerOptions, run

# The manifest that `collectstatic` writes beside the hashed files.
STATIC_MANIFEST = "staticfiles.json"


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn on OVERSIGHT_BIND (default 127.0.0.1:8000) with "
        "OVERSIGHT_WORKERS processes of OVERSIGHT_THREADS threads, until stopped (SIGTERM "
        "finishes the requests in flight; Ctrl+C stops at once). Needs a real SECRET_KEY; with "
        "OVERSIGHT_STATIC_COLLECTED=true, run `oversight collectstatic --noinput` first. "
        "Put a TLS proxy in front of it: see docs/deploy.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", help="Address to listen on, overriding OVERSIGHT_BIND (e.g. 127.0.0.1:8000)"
        )

    def handle(self, *args: object, **options: object) -> None:
        if not _has_real_secret_key():
            raise CommandError(
                "SECRET_KEY must be set to serve the site: a throwaway key would sign people "
                "out at every restart (see docs/deploy.md)"
            )
        manifest = Path(settings.STATIC_ROOT) / STATIC_MANIFEST
        if settings.STATIC_COLLECTED and not manifest.exists():
            raise CommandError(
                f"OVERSIGHT_STATIC_COLLECTED is true but {manifest} is missing: "
                "run `oversight collectstatic --noinput` first"
            )
        self.check_migrations()
        # Workers are forked from this process: none may inherit its database connection.
        connections.close_all()
        server = ServerOptions(
            bind=str(options["bind"] or settings.SERVE_BIND),
            workers=int(settings.SERVE_WORKERS),
            threads=int(settings.SERVE_THREADS),
            timeout=int(settings.SERVE_TIMEOUT),
            access_log=settings.SERVE_ACCESS_LOG,
        )
        module, _, name = settings.WSGI_APPLICATION.rpartition(".")
        run(f"{module}:{name}", server, on_ready=self._ready(server))

    def _ready(self, server: ServerOptions) -> Callable[[list[str]], None]:
        """Return the hook that says where the server listens, once it does."""

        def ready(addresses: list[str]) -> None:
            where = ", ".join(f"{a}/" if a.startswith("http") else a for a in addresses)
            self.stdout.write(
                f"Serving Oversight at {where} ({server.workers} workers × {server.threads} "
                f"thread{'s' if server.threads != 1 else ''}; Ctrl+C to stop)"
            )
            self.stdout.flush()

        return ready


def _has_real_secret_key() -> bool:
    """Return whether SECRET_KEY is the configured one, not a throwaway for a one-off command."""
    path = Path(settings.OVERSIGHT_HOME) / "secret_key"
    configured = os.environ.get("SECRET_KEY") or (path.read_text().strip() if path.exists() else "")
    return bool(configured) and configured == settings.SECRET_KEY
