"""Convention: every environment variable the settings read is documented."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_setting_read_from_the_environment_is_documented():
    sources = (REPO / "oversight" / "config" / "settings.py").read_text()
    sources += (REPO / "oversight" / "config" / "env.py").read_text()
    names = set(re.findall(r'(?:envbool|envstr|_number)\("([A-Z_]+)"', sources))
    names |= set(re.findall(r'environ\.get\("([A-Z_]+)"', sources))
    names.discard("DJANGO_SETTINGS_MODULE")
    documented = (REPO / "docs" / "settings.md").read_text()
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert names, "expected to find settings"
    assert missing == []
