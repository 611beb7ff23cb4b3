"""The `oversight` command: every verb is a Django management command of one of its apps.

`oversight --help` lists Oversight's own verbs (oversight/core/verbs.py); Django's other
commands run as `oversight django VERB`. A verb that reads the database refuses, in one line and
creating nothing, to run where no Oversight home is set up.
"""

import os
import sys

# Verbs that sign sessions or tokens and so need a real, stable SECRET_KEY.
_SERVING_VERBS = {"serve", "runserver", "changepassword", "createsuperuser", "shell"}


def main(argv: list[str] | None = None) -> None:
    """Run an oversight verb; `oversight --help` lists them all."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.config.settings")
    args = list(sys.argv if argv is None else argv)[1:]
    from django.core.exceptions import ImproperlyConfigured

    try:
        _run(args)
    except ImproperlyConfigured as exc:
        # A setting missing or wrong: say which, in a line, not as a traceback.
        sys.exit(f"oversight: {exc}")


def _run(args: list[str]) -> None:
    if not args or args[0] in {"-h", "--help"} or args == ["help"]:
        os.environ.setdefault("OVERSIGHT_EPHEMERAL_KEY", "true")
        _print_verbs()
        return
    if args[:2] == ["help", "--all"]:
        args = ["help"]
    elif args[0] == "django":
        # Any of Django's own commands, as Django names them (`oversight django flush`).
        args = args[1:] or ["help"]
    verb = args[0]
    if verb == "demo":
        os.environ.setdefault("OVERSIGHT_DEMO", "true")
    elif verb not in _SERVING_VERBS:
        os.environ.setdefault("OVERSIGHT_EPHEMERAL_KEY", "true")
    import django
    from django.core.management import get_commands

    from oversight.core import home

    django.setup()  # creates nothing: the settings are read and the apps loaded
    if verb != "help" and verb not in get_commands():
        sys.exit(f"oversight: there is no verb {verb!r}; `oversight --help` lists them.")
    if verb in home.MAKES_HOME:
        home.make()
    asks_help = "-h" in args or "--help" in args
    ready = verb in home.NEEDS_NO_HOME or verb in home.MAKES_HOME or asks_help
    problem = None if ready else home.problem()
    if problem:
        sys.exit(f"oversight: {problem}")
    from django.core.management import execute_from_command_line

    from oversight.data.warehouse import WarehouseBusy

    try:
        execute_from_command_line(["oversight", *args])
    except WarehouseBusy as exc:
        sys.exit(f"oversight: {exc}")


def _print_verbs() -> None:
    import django

    django.setup()
    from oversight.core.verbs import lines

    print("\n".join(lines()))
