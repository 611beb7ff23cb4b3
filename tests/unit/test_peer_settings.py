"""OVERSIGHT_PEER_GROUPS: supplied peer groups read as force=peer,peer; a wrong slug stops."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from oversight.config import settings as production


def test_peer_groups_are_read_per_force(monkeypatch):
    monkeypatch.setenv(
        "OVERSIGHT_PEER_GROUPS", " gwent = south-wales, north-wales ; cleveland=durham; "
    )
    assert production._peer_groups() == {
        "gwent": ("south-wales", "north-wales"),
        "cleveland": ("durham",),
    }


def test_no_peer_groups_by_default(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_PEER_GROUPS", raising=False)
    assert production._peer_groups() == {}


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("gwent", "not 'gwent'"),
        ("gwent=", "not 'gwent='"),
        ("gwent=south-wales,atlantis", "(unknown: atlantis)"),
        ("nowhere=gwent", "(unknown: nowhere)"),
    ],
)
def test_a_wrong_peer_group_stops_start_up(monkeypatch, value, said):
    monkeypatch.setenv("OVERSIGHT_PEER_GROUPS", value)
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_PEER_GROUPS") as raised:
        production._peer_groups()
    assert said in str(raised.value)
