"""`oversight demo --no-serve` builds a working system, and is safe to run twice."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import Client

from oversight.accounts.models import User
from oversight.analysis.welsh import missing_welsh
from oversight.plans.models import Plan
from oversight.publishing.models import Publication


@pytest.mark.django_db
def test_demo_twice_in_process_is_safe(settings, tmp_path):
    settings.OVERSIGHT_HOME = tmp_path
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    call_command("demo", "--no-serve", stdout=out)
    assert Plan.objects.count() == 1
    assert set(User.objects.values_list("role", flat=True)) == {
        "commissioners_team", "chief_constables_team", "partner", "panel_member", "administrator",
    }  # fmt: skip
    assert "username opcc" in out.getvalue()
    # The accountability record's done-when: the latest publication shows the escalated
    # burglary measure with the Board's response, its actions and status and the verdict, moved
    # on from the publication before (run twice, the demo publishes no third).
    assert list(Publication.objects.published().values_list("number", flat=True)) == [2, 1]
    # Every text the demo publishes has its Welsh version, so approval needed no reason.
    for publication in Publication.objects.published():
        assert missing_welsh(publication.content) == [], publication
        assert publication.welsh_missing_reason == ""
    home = Client().get("/public/").content.decode()
    for words in ("PUK02 Burglary", "The Board's response:", "Publish the burglary "
                  "reduction plan", "The Commissioner's verdict:", "Since the last "
                  "publication:", "closed on"):  # fmt: skip
        assert words in home, words
    history = Client().get("/public/record/").content.decode()
    assert "moved from Partly assured to Assured" in history


@pytest.mark.slow
def test_demo_from_the_command_line_exits_zero_twice(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env["OVERSIGHT_HOME"] = str(tmp_path / "home")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "oversight", "demo", "--no-serve"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
    assert "Demo logins" in result.stdout
    assert (tmp_path / "home" / "oversight.sqlite3").exists()
    assert (tmp_path / "home" / "secret_key").exists()
