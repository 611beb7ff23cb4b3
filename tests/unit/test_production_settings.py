"""The production settings read from the environment fail loudly on a bad value."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from oversight.config import settings as production


@pytest.mark.parametrize(
    "value", ["127.0.0.1:8000", "0.0.0.0:80", "[::1]:8000", "unix:/run/oversight/web.sock"]
)
def test_bind_accepts_an_address(monkeypatch, value):
    monkeypatch.setenv("OVERSIGHT_BIND", value)
    assert production._bind() == value


@pytest.mark.parametrize(
    "value", ["8000", "localhost", "127.0.0.1:http", "127.0.0.1:70000", "unix:"]
)
def test_bind_rejects_anything_else(monkeypatch, value):
    monkeypatch.setenv("OVERSIGHT_BIND", value)
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_BIND"):
        production._bind()


def test_default_workers_is_two_a_core_plus_one_at_most_twelve(monkeypatch):
    monkeypatch.setattr(production.os, "sched_getaffinity", lambda pid: {0, 1})
    assert production._default_workers() == "5"
    monkeypatch.setattr(production.os, "sched_getaffinity", lambda pid: set(range(64)))
    assert production._default_workers() == "12"


@pytest.mark.parametrize("value", ["0", "two", "1.5", ""])
def test_workers_must_be_a_whole_number_of_at_least_one(monkeypatch, value):
    monkeypatch.setenv("OVERSIGHT_WORKERS", value)
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_WORKERS"):
        production._number("OVERSIGHT_WORKERS", "5", minimum=1, whole=True)


def test_admins_are_read_as_names_and_addresses(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_ADMINS", "Ops Team <ops@example.org>, dev@example.org")
    assert production._admins() == [("Ops Team", "ops@example.org"), ("", "dev@example.org")]
    monkeypatch.setenv("OVERSIGHT_ADMINS", "")
    assert production._admins() == []


def test_admins_must_be_addresses(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_ADMINS", "the ops team")
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_ADMINS"):
        production._admins()
