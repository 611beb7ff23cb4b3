"""The `oversight` command is Oversight's own: its verbs, grouped and described; Django's other
commands one word away; and a verb run where no home is set up says so and creates nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

import oversight
from oversight.core.verbs import OVERSIGHT_VERBS

PACKAGE = Path(oversight.__file__).resolve().parent
DJANGO_INTERNALS = ("flush", "sqlflush", "startproject", "startapp", "dumpdata", "shell")


def run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "OVERSIGHT_")) and k != "SECRET_KEY"
    }
    environ.update({"OVERSIGHT_HOME": str(home), "DATABASE_URL": "", **env})
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def verbs_listed(text: str) -> list[str]:
    return [line.split()[0] for line in text.splitlines() if line.startswith("  ")]


def test_every_oversight_verb_is_listed_and_described():
    ours = {path.stem for path in PACKAGE.glob("*/management/commands/[!_]*.py")}
    assert ours <= OVERSIGHT_VERBS, f"not in oversight --help: {sorted(ours - OVERSIGHT_VERBS)}"
    assert set(get_commands()) >= OVERSIGHT_VERBS, "a listed verb does not exist"


def test_help_lists_oversights_verbs_only(tmp_path):
    result = run("--help", home=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = verbs_listed(result.stdout)
    assert "demo" in listed and "assess" in listed and "pack" in listed
    assert not set(DJANGO_INTERNALS) & set(listed)
    for line in result.stdout.splitlines():
        if line.startswith("  "):
            assert len(line.split(None, 1)) == 2, f"no description: {line!r}"
    assert run(home=tmp_path).stdout == result.stdout  # `oversight` alone says the same
    assert not any(tmp_path.iterdir())


def test_djangos_commands_stay_reachable(tmp_path):
    everything = run("help", "--all", home=tmp_path)
    assert everything.returncode == 0 and "sqlflush" in everything.stdout
    assert run("django", "help", "sqlflush", home=tmp_path).returncode == 0


@pytest.mark.parametrize(
    "args",
    [("assess",), ("snapshot", "list"), ("data", "summary"), ("pack", "--board", "2026-12-03")],
)
def test_a_verb_with_no_home_says_so_in_a_line_and_creates_nothing(tmp_path, args):
    home = tmp_path / "home"
    home.mkdir()
    extra = ("--format", "pdf") if args[0] == "pack" else ()
    result = run(*args, *extra, home=home)
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert "no Oversight home is set up" in message and "oversight demo" in message
    assert not any(home.iterdir())
    assert not (tmp_path / "missing").exists()
    missing = run(*args[:1], home=tmp_path / "missing")
    assert missing.returncode != 0 and not (tmp_path / "missing").exists()


def test_an_unknown_verb_is_named(tmp_path):
    result = run("asses", home=tmp_path)
    assert result.returncode != 0 and "there is no verb 'asses'" in result.stderr
    assert not any(tmp_path.iterdir())


def test_a_missing_setting_is_one_line_not_a_traceback(tmp_path):
    result = run("serve", home=tmp_path)  # serving needs a real SECRET_KEY
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "SECRET_KEY must be set" in result.stderr


def test_the_demo_keeps_its_key_in_the_home_it_makes_so_it_can_serve(tmp_path):
    home = tmp_path / "fresh"  # as on a fresh clone: no home until the demo makes it
    probe = (
        "import django; django.setup()\n"
        "from oversight.core import home\n"
        "from oversight.core.management.commands.serve import _has_real_secret_key\n"
        "home.make(); print(_has_real_secret_key())\n"
    )
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "OVERSIGHT_")) and k != "SECRET_KEY"
    }
    environ.update(
        OVERSIGHT_HOME=str(home),
        OVERSIGHT_DEMO="true",
        DATABASE_URL="",
        DJANGO_SETTINGS_MODULE="oversight.config.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=environ, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "True", result.stderr
    assert (home / "secret_key").stat().st_mode & 0o777 == 0o600
