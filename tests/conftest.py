"""Shared fixtures: personas per role, the demo plan, and where the shared data lives."""

from pathlib import Path

import pytest

from tests.factories.people import persona

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLE_PLAN = REPO / "oversight" / "demo" / "plan.toml"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test with nothing kept: a rolled-back database can reuse a kept page's key."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def opcc(db):
    """Olwen, of the Commissioner's team."""
    return persona("commissioners_team", "olwen")


@pytest.fixture
def force(db):
    """Matt, of the Chief Constable's team."""
    return persona("chief_constables_team", "matt")


@pytest.fixture
def partner(db):
    """Nia, of Newport City Council, a partner."""
    return persona("partner", "nia")


@pytest.fixture
def panel(db):
    """Gareth, a Police and Crime Panel member."""
    return persona("panel_member", "gareth")


@pytest.fixture
def administrator(db):
    """Alex, the administrator."""
    return persona("administrator", "alex")


@pytest.fixture
def demo_plan(db):
    """The example plan, loaded as the demo loads it."""
    from oversight.plans.catalogue import parse
    from oversight.plans.services import load_catalogue

    plan, _ = load_catalogue(catalogue=parse(EXAMPLE_PLAN.read_text()), by=None)
    return plan


@pytest.fixture(autouse=True)
def _english_to_start():
    """Start each test in English: a Welsh request leaves Welsh active in the thread, and
    ``reverse()`` in the next test would then give /cy/ addresses."""
    from django.utils import translation

    translation.activate("en-gb")
    yield
    translation.deactivate()
