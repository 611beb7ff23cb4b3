"""`oversight serve`: the production server answers pages and static files, and stops cleanly."""

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SECRET = "serve-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "OVERSIGHT_EPHEMERAL_KEY"}
    }
    env.update(OVERSIGHT_HOME=str(home), SECRET_KEY=SECRET, ALLOWED_HOSTS="127.0.0.1", **extra)
    return env


def _oversight(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _wait_for_address(lines: queue.Queue, timeout: float = 60) -> str:
    """Return the URL the server prints once it listens."""
    while True:
        found = re.search(r"Serving Oversight at (http://\S+/)", lines.get(timeout=timeout))
        if found:
            return found.group(1)


def _get(url: str) -> tuple[int, dict[str, str], str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return response.status, dict(response.headers), response.read().decode()


@pytest.mark.slow
def test_serve_answers_pages_and_static_files_then_stops_cleanly(tmp_path):
    env = _env(
        tmp_path / "home",
        OVERSIGHT_BIND="127.0.0.1:0",
        OVERSIGHT_WORKERS="2",
        OVERSIGHT_STATIC_COLLECTED="true",
    )
    _oversight("migrate", "--verbosity", "0", env=env)
    _oversight("collectstatic", "--noinput", "--verbosity", "0", env=env)
    server = subprocess.Popen(
        [sys.executable, "-m", "oversight", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in server.stdout], daemon=True)
    reader.start()
    try:
        base = _wait_for_address(lines)
        assert base.startswith("http://127.0.0.1:")

        status, _, login = _get(base + "accounts/login/")
        assert status == 200
        assert _get(base + "public/")[0] == 200

        # Pages name static files by content hash, so browsers may keep them for good.
        stylesheet = re.search(r'href="/(static/core/oversight\.[0-9a-f]{12}\.css)"', login)
        assert stylesheet, "expected the hashed stylesheet URL in the page"
        status, headers, css = _get(base + stylesheet.group(1))
        assert status == 200
        assert "max-age=315360000" in headers["Cache-Control"]
        assert "immutable" in headers["Cache-Control"]
        assert css.strip()
    finally:
        server.send_signal(signal.SIGTERM)
        returncode = server.wait(timeout=60)
        reader.join(timeout=10)
        server.stdout.close()
    assert returncode == 0


@pytest.mark.slow
def test_serve_from_the_command_line_needs_a_secret_key(tmp_path):
    env = _env(tmp_path / "home")
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_serve_refuses_a_throwaway_secret_key(settings, tmp_path, monkeypatch):
    settings.OVERSIGHT_HOME = tmp_path
    monkeypatch.delenv("SECRET_KEY")
    with pytest.raises(CommandError, match="SECRET_KEY must be set"):
        call_command("serve")


def test_serve_refuses_uncollected_static_files_when_told_they_were_collected(settings, tmp_path):
    settings.STATIC_COLLECTED = True
    settings.STATIC_ROOT = tmp_path
    with pytest.raises(CommandError, match="collectstatic"):
        call_command("serve")
