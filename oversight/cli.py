"""The `oversight` command: every verb is a Django management command of one of its apps."""

import os
import sys

# Verbs that sign sessions or tokens and so need a real, stable SECRET_KEY.
_SERVING_VERBS = {"serve", "runserver", "changepassword", "createsuperuser", "shell"}


def main(argv: list[str] | None = None) -> None:
    """Run an oversight verb; `oversight --help` lists them all."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.config.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "oversight"
    if len(argv) == 1 or argv[1] in {"-h", "--help"}:
        argv[1:] = ["help"]
    verb = argv[1]
    if verb == "demo":
        os.environ.setdefault("OVERSIGHT_DEMO", "true")
    elif verb not in _SERVING_VERBS:
        os.environ.setdefault("OVERSIGHT_EPHEMERAL_KEY", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
