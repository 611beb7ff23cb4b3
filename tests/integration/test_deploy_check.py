"""Django's deploy check passes with the production settings that docs/deploy.md gives."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
ENV_FILE = "# /etc/oversight/oversight.env"


def documented_settings() -> dict[str, str]:
    """Return the settings of the environment file shown in docs/deploy.md."""
    blocks = re.findall(r"```sh\n(.*?)```", DEPLOY.read_text(), re.DOTALL)
    block = next(b for b in blocks if b.startswith(ENV_FILE))
    values = {}
    for line in block.splitlines()[1:]:
        name, _, value = line.partition("=")
        values[name] = value.strip('"')
    return values


def test_deploy_docs_set_every_production_setting():
    names = set(documented_settings())
    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "SECURE_COOKIES",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "OVERSIGHT_HOME",
        "OVERSIGHT_STATIC_COLLECTED",
        "OVERSIGHT_BIND",
        "OVERSIGHT_WORKERS",
        "OVERSIGHT_THREADS",
        "OVERSIGHT_TIMEOUT",
        "OVERSIGHT_ACCESS_LOG",
    } <= names


@pytest.mark.slow
def test_check_deploy_is_clean_with_the_documented_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        and not k.startswith(("SECURE_", "OVERSIGHT_"))
    }
    env.update(documented_settings())
    # The docs say to generate the key; the placeholder would (rightly) fail the check.
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    env["OVERSIGHT_HOME"] = str(tmp_path / "home")
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
