"""The production web server: gunicorn, run in this process on a WSGI application.

Knows nothing of Django: `oversight serve` passes the settings in (docs/adr/0008-production.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.util import import_app


@dataclass(frozen=True)
class ServerOptions:
    """How gunicorn listens and how many requests it handles at once."""

    bind: str
    workers: int
    threads: int
    timeout: int
    access_log: str | None  # "-" for standard output, a file path, or None for no access log


class _Application(BaseApplication):
    """Gunicorn's application interface over one WSGI import path and fixed options."""

    def __init__(self, app_uri: str, config: dict[str, Any]) -> None:
        self.app_uri = app_uri
        self.config = config
        super().__init__(prog="oversight serve")

    def load_config(self) -> None:
        for key, value in self.config.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:
        return import_app(self.app_uri)


def gunicorn_config(options: ServerOptions, *, on_ready: Callable[[list[str]], None]) -> dict:
    """Return gunicorn's settings for `options`; `on_ready` gets the bound addresses."""
    return {
        "bind": [options.bind],
        "workers": options.workers,
        # One thread is the sync worker; more select gunicorn's threaded worker.
        "threads": options.threads,
        "timeout": options.timeout,
        "accesslog": options.access_log,
        "errorlog": "-",
        "proc_name": "oversight",
        # Gunicorn's control socket defaults to one path per user ($HOME/.gunicorn), which two
        # servers run by one account (a demo beside the live site, a test) would fight over.
        "control_socket_disable": True,
        "when_ready": lambda arbiter: on_ready([str(s) for s in arbiter.LISTENERS]),
    }


def run(app_uri: str, options: ServerOptions, *, on_ready: Callable[[list[str]], None]) -> None:
    """Serve `app_uri` ("package.module:callable") until stopped, then exit the process.

    SIGTERM stops gracefully (requests in flight finish), SIGINT (Ctrl+C) at once.
    """
    _Application(app_uri, gunicorn_config(options, on_ready=on_ready)).run()
