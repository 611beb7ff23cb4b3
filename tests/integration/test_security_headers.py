"""Security headers: every kind of page carries the CSP and its companions; HSTS only over HTTPS."""

import base64
import hashlib
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from oversight.config import settings as oversight_settings
from oversight.reports.pack_html import CSS
from tests.factories.board import board
from tests.integration.test_url_conventions import EXEMPT_PREFIXES, _all_views, _sample_path

ONE_YEAR = 365 * 24 * 60 * 60


def directives(response) -> dict[str, list[str]]:
    """Return the response's Content-Security-Policy as {directive: [sources]}."""
    policy = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def assert_secure_headers(response, where: str) -> None:
    policy = directives(response)
    assert policy["script-src"] == ["'self'"], where
    assert policy["default-src"] == ["'self'"], where
    assert policy["object-src"] == ["'none'"], where
    assert policy["frame-ancestors"] == ["'none'"], where
    assert policy["base-uri"] == ["'self'"], where
    assert policy["form-action"] == ["'self'"], where
    assert policy["img-src"] == ["'self'", "data:"], where
    # Styles come from our own files; a hash may allow one known inline stylesheet, never any.
    assert policy["style-src"][0] == "'self'", where
    assert all(s.startswith("'sha256-") for s in policy["style-src"][1:]), where
    assert "unsafe" not in response.headers["Content-Security-Policy"], where
    assert response.headers["X-Frame-Options"] == "DENY", where
    assert response.headers["Referrer-Policy"] == "same-origin", where
    assert response.headers["X-Content-Type-Options"] == "nosniff", where
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", where


@pytest.fixture
def snapshot(db):
    return board()


def test_every_page_carries_the_security_headers_signed_in(client, opcc, snapshot):
    client.force_login(opcc)
    routes = [r for r, _ in _all_views() if not r.startswith(EXEMPT_PREFIXES)]
    for route in routes:
        if route.endswith("pack.<str:fmt>"):
            continue  # rendering a pack takes seconds; the header comes from the same middleware
        path = _sample_path(route).replace("/measures/x/", "/measures/PUK01/")
        path = path.replace("/snapshots/1/", f"/snapshots/{snapshot.pk}/")
        assert_secure_headers(client.get(path), path)


@pytest.mark.django_db
def test_every_page_carries_the_security_headers_anonymously(client):
    for route, _ in _all_views():
        path = _sample_path(route)
        assert_secure_headers(client.get(path), path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/public/", "/admin/login/", "/no-such-page/"],
)
def test_public_and_not_found_pages_carry_the_security_headers(client, path):
    assert_secure_headers(client.get(path), path)


def test_a_forbidden_page_carries_the_security_headers(client, panel):
    client.force_login(panel)
    response = client.get(reverse("reports:overview"))
    assert response.status_code == 403
    assert_secure_headers(response, "403")


@pytest.mark.django_db
def test_hsts_is_sent_over_https(client):
    response = client.get("/accounts/login/", secure=True)
    assert response.headers["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains"


@pytest.mark.django_db
def test_hsts_is_not_sent_over_plain_http(client):
    response = client.get("/accounts/login/")
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.django_db
@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_hsts_is_sent_when_a_trusted_proxy_says_https(client):
    response = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers
    response = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "http"})
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.django_db
def test_the_style_hash_allows_exactly_the_html_packs_inline_stylesheet(client):
    html = render_to_string("reports/pack.html", {"css": CSS.read_text()})
    (inline,) = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in directives(client.get("/accounts/login/"))["style-src"]


def test_the_proxy_header_setting_reads_a_header_and_value(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https")
    assert oversight_settings._proxy_ssl_header() == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "")
    assert oversight_settings._proxy_ssl_header() is None


@pytest.mark.parametrize("value", ["https", "X-Forwarded-Proto", "HTTP_X_FORWARDED_PROTO: https"])
def test_the_proxy_header_setting_rejects_a_bad_value(monkeypatch, value):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", value)
    with pytest.raises(ImproperlyConfigured):
        oversight_settings._proxy_ssl_header()


def test_the_hsts_setting_reads_whole_seconds(monkeypatch):
    monkeypatch.delenv("SECURE_HSTS_SECONDS", raising=False)
    assert oversight_settings._hsts_seconds() == ONE_YEAR
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "0")
    assert oversight_settings._hsts_seconds() == 0
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "a year")
    with pytest.raises(ImproperlyConfigured):
        oversight_settings._hsts_seconds()
