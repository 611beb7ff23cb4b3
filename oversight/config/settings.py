"""Oversight settings, read from the environment (documented in docs/settings.md)."""

import base64
import hashlib
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from oversight.config.env import envbool, envstr, oversight_home

BASE_DIR = Path(__file__).resolve().parent.parent
OVERSIGHT_HOME = oversight_home()

DEBUG = envbool("DEBUG", "False")
DEMO = envbool("OVERSIGHT_DEMO", "False")


def _secret_key() -> str:
    """Use SECRET_KEY from the environment; only the demo may generate one into OVERSIGHT_HOME."""
    key = envstr("SECRET_KEY")
    if key:
        return key
    path = OVERSIGHT_HOME / "secret_key"
    if path.exists():
        return path.read_text().strip()
    if envbool("OVERSIGHT_EPHEMERAL_KEY", "False"):
        # A command that signs nothing (an import, a calculation) may run with a throwaway key.
        return secrets.token_urlsafe(50)
    if not (DEMO or DEBUG):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set (or run `oversight demo`, which generates one)"
        )
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h for h in envstr("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oversight.core",
    "oversight.accounts",
    "oversight.plans",
    "oversight.data",
    "oversight.performance",
    "oversight.meetings",
    "oversight.themes",
    "oversight.roadmap",
    "oversight.reports",
    "oversight.publishing",
    "oversight.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "oversight.config.urls"
WSGI_APPLICATION = "oversight.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oversight.accounts.context_processors.permissions",
                "oversight.core.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL") or f"sqlite:///{OVERSIGHT_HOME / 'oversight.sqlite3'}",
        conn_max_age=60,
    )
}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "plans:home"
LOGOUT_REDIRECT_URL = "plans:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = OVERSIGHT_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve the apps' static files straight from their folders as well as from STATIC_ROOT, so a
# fresh demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "False")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE


def _hsts_seconds() -> int:
    """Return how long browsers should insist on HTTPS; a whole number of seconds, 0 for never."""
    value = envstr("SECURE_HSTS_SECONDS", "31536000").strip()
    if not value.isdigit():
        raise ImproperlyConfigured(f"SECURE_HSTS_SECONDS must be whole seconds, not {value!r}")
    return int(value)


def _proxy_ssl_header() -> tuple[str, str] | None:
    """Return the header and value by which a TLS proxy marks HTTPS requests, if one is trusted."""
    value = envstr("SECURE_PROXY_SSL_HEADER").strip()
    if not value:
        return None
    name, _, expected = (part.strip() for part in value.partition(":"))
    if not name or not expected or "_" in name:
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto: https', not {value!r}"
        )
    return "HTTP_" + name.upper().replace("-", "_"), expected


def _pack_style_source() -> str:
    """Return the CSP hash source of the Board pack's inline stylesheet.

    The HTML pack is one self-contained document (it is downloaded and printed), so its
    stylesheet is inline; allowing exactly that text keeps 'unsafe-inline' out of style-src.
    """
    css = (BASE_DIR / "reports" / "static" / "reports" / "pack.css").read_text()
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return f"'sha256-{digest}'"


# Security headers. SecurityMiddleware sends HSTS only on requests made over HTTPS; behind a
# TLS-terminating proxy, SECURE_PROXY_SSL_HEADER says which header marks them.
SECURE_HSTS_SECONDS = _hsts_seconds()
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = _proxy_ssl_header()
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or eval anywhere: data reaches scripts as JSON islands, and the charts
# evaluate Vega expressions with vega-interpreter rather than `new Function`.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, _pack_style_source()],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}


def _disclosure_threshold() -> int:
    """Return the smallest sub-force count a publication shows (smaller ones are withheld)."""
    value = envstr("OVERSIGHT_DISCLOSURE_THRESHOLD", "5").strip()
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(
            f"OVERSIGHT_DISCLOSURE_THRESHOLD must be a whole number of at least 1, not {value!r}"
        )
    return int(value)


# Statistical disclosure control of publications, applied when a publication is requested.
DISCLOSURE_THRESHOLD = _disclosure_threshold()

# The embedded DuckDB warehouse for incident-level police.uk rows.
WAREHOUSE_PATH = Path(envstr("OVERSIGHT_WAREHOUSE") or OVERSIGHT_HOME / "warehouse.duckdb")


def _number(name: str, default: str, *, minimum: float, whole: bool = False) -> float:
    """Return a numeric setting, at least ``minimum``; fail loudly on anything else."""
    value = envstr(name, default).strip()
    try:
        number = int(value) if whole else float(value)
    except ValueError:
        number = None
    if number is None or number != number or number < minimum:
        kind = "a whole number" if whole else "a number"
        raise ImproperlyConfigured(f"{name} must be {kind} of at least {minimum:g}, not {value!r}")
    return number


# The recording-integrity monitor's thresholds (oversight/analysis/integrity.py): how large a
# step must be, and how many series must step in one month, to be a data break.
INTEGRITY_THRESHOLDS = {
    "z": _number("OVERSIGHT_BREAK_Z", "4", minimum=1),
    "min_relative": _number("OVERSIGHT_BREAK_MIN_CHANGE", "0.3", minimum=0),
    "min_pp": _number("OVERSIGHT_BREAK_MIN_POINTS", "0.5", minimum=0),
    "min_series": _number("OVERSIGHT_BREAK_MIN_SERIES", "2", minimum=2, whole=True),
}
# Counts and denominators below this are "small numbers": no change is quoted on such a base.
SMALL_NUMBER = _number("OVERSIGHT_SMALL_NUMBER", "10", minimum=1, whole=True)
