"""Running an oversight verb in the test's own process, as the command line would."""

from __future__ import annotations

import io

from django.core.management import CommandError, call_command


def run(*args: object) -> tuple[int, str, str]:
    """Run an oversight verb in-process; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*(str(a) for a in args), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()
