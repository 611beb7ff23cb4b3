"""Oversight settings, read from the environment (documented in docs/settings.md)."""

import base64
import datetime
import hashlib
import os
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
    if not path.parent.is_dir():
        # No home yet, so nothing to keep a key in; the verb will say so.
        return secrets.token_urlsafe(50)
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
    "oversight.notifications",
    "oversight.plans",
    "oversight.data",
    "oversight.peers",
    "oversight.performance",
    "oversight.meetings",
    "oversight.themes",
    "oversight.roadmap",
    "oversight.accountability",
    "oversight.reports",
    "oversight.publishing",
    "oversight.questions",
    "oversight.sitepages",
    "oversight.home",
    "oversight.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oversight.accounts.context_processors.permissions",
                "oversight.core.navigation.navigation",
                # The Commissioner's name, logo and colour, and the public footer's dates.
                "oversight.sitepages.context_processors.site",
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
# Everyone lands on their home page: this month's cycle, what awaits them, their notifications.
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "plans:home"

# Checked wherever a password is set through Django (the admin, `oversight changepassword`):
# at least 12 characters, not like the username or name, not a common one, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# The public site, the Panel's pages and the public papers are in English and Welsh (the Welsh
# Language Standards); the language is the address's prefix (/cy/public/…), English unprefixed.
# The internal pages are English. See docs/welsh.md.
USE_I18N = True
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = OVERSIGHT_HOME / "static"
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


# -- The public site is the Commissioner's (oversight/sitepages; docs/settings.md) --------------
# Its header carries the Commissioner's name (in English and Welsh), logo and colour, not
# Oversight's; the colour is refused unless white text on it meets WCAG 2.1 AA.


def _commissioner_name(name: str, default: str) -> str:
    """Return the Commissioner's name as the public site shows it; refuse an empty one."""
    value = " ".join(envstr(name, default).split())
    if not value or len(value) > 150:
        raise ImproperlyConfigured(f"{name} must be a name of 1 to 150 characters, not {value!r}")
    return value


def _commissioner_logo() -> str:
    """Return the logo: a static file's path (e.g. ``logo.svg``), an https:// URL or ""."""
    from urllib.parse import urlsplit

    value = envstr("OVERSIGHT_COMMISSIONER_LOGO").strip()
    if not value:
        return ""
    address = urlsplit(value)
    if value.startswith("https://"):
        ok = bool(address.hostname) and not address.query and not address.fragment
    else:
        ok = not address.scheme and not value.startswith("/") and ".." not in value.split("/")
    if not ok or not address.path.lower().endswith((".svg", ".png", ".jpg", ".jpeg", ".webp")):
        raise ImproperlyConfigured(
            "OVERSIGHT_COMMISSIONER_LOGO must be the path of an image among the static files "
            "(e.g. logo.svg) or an https:// URL of one (.svg, .png, .jpg or .webp), "
            f"not {value!r}"
        )
    return value


def _brand_colour() -> str:
    """Return the public header's colour, "#rrggbb"; refuse one white text cannot be read on."""
    from oversight.display.contrast import text_contrast_problem

    value = envstr("OVERSIGHT_BRAND_COLOUR", "#00594f").strip().lower()
    problem = text_contrast_problem(value)
    if problem:
        raise ImproperlyConfigured(f"OVERSIGHT_BRAND_COLOUR: {problem}")
    return value


COMMISSIONER_NAME = _commissioner_name(
    "OVERSIGHT_COMMISSIONER_NAME", "Police and Crime Commissioner for Gwent"
)
COMMISSIONER_NAME_CY = _commissioner_name(
    "OVERSIGHT_COMMISSIONER_NAME_CY", "Comisiynydd Heddlu a Throseddu Gwent"
)
COMMISSIONER_LOGO = _commissioner_logo()
BRAND_COLOUR = _brand_colour()
if COMMISSIONER_LOGO.startswith("https://"):
    # A logo from elsewhere must be let through the policy, which otherwise allows only this site.
    _logo_origin = "/".join(COMMISSIONER_LOGO.split("/", 3)[:3])
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_logo_origin)


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


def _peer_groups() -> dict[str, tuple[str, ...]]:
    """Return the supplied peer groups: force slug → its peers' slugs (`oversight peers`)."""
    from oversight.analysis.forces import BY_SLUG

    value = envstr("OVERSIGHT_PEER_GROUPS").strip()
    groups: dict[str, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in value.split(";"))):
        force, equals, peers = part.partition("=")
        slugs = tuple(filter(None, (s.strip() for s in peers.split(","))))
        unknown = [s for s in (force.strip(), *slugs) if s not in BY_SLUG]
        if not equals or not slugs or unknown:
            raise ImproperlyConfigured(
                "OVERSIGHT_PEER_GROUPS must read FORCE=PEER,PEER,...; FORCE=... with police.uk "
                f"force slugs, not {part!r}"
                + (f" (unknown: {', '.join(unknown)})" if unknown else "")
            )
        groups[force.strip()] = slugs
    return groups


# Peer groups supplied by the user (e.g. the Home Office's Most Similar Groups), and where
# they come from, said beside each supplied peer; forces not listed get computed peers.
PEER_GROUPS = _peer_groups()
PEER_GROUPS_SOURCE = (
    envstr("OVERSIGHT_PEER_GROUPS_SOURCE").strip() or "the OVERSIGHT_PEER_GROUPS setting"
)


def _pack_builds() -> str:
    """Return where packs are built: in a background thread of the web server, or in place."""
    value = envstr("OVERSIGHT_PACK_BUILDS", "background").strip().lower()
    if value not in ("background", "inline"):
        raise ImproperlyConfigured(
            f"OVERSIGHT_PACK_BUILDS must be 'background' or 'inline', not {value!r}"
        )
    return value


# Packs are built once and kept (reports.builds); the web builds them off the request path, and
# imports police.uk files uploaded on the Data page the same way (data.uploads).
PACK_BUILDS = _pack_builds()


# -- Production (docs/deploy.md; why, in docs/adr/0008-production.md) ---------------------------
# `oversight serve` runs gunicorn on WSGI_APPLICATION with these.


def _bind() -> str:
    """Return the address `oversight serve` listens on: HOST:PORT, [IPv6]:PORT or unix:PATH."""
    value = envstr("OVERSIGHT_BIND", "127.0.0.1:8000").strip()
    if value.startswith("unix:") and len(value) > len("unix:"):
        return value
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or int(port) > 65535:
        raise ImproperlyConfigured(
            f"OVERSIGHT_BIND must look like 127.0.0.1:8000 or unix:/run/oversight/web.sock,"
            f" not {value!r}"
        )
    return value


def _default_workers() -> str:
    """Return gunicorn's rule of thumb, two processes a core plus one, capped at 12."""
    # The cores this process may run on, which in a container can be fewer than the machine's.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    # Past a dozen processes, memory (each holds a whole Django) grows faster than throughput.
    return str(min(2 * (cores or 1) + 1, 12))


SERVE_BIND = _bind()
SERVE_WORKERS = _number("OVERSIGHT_WORKERS", _default_workers(), minimum=1, whole=True)
# Threads per worker. One runs gunicorn's sync worker, which accepts a connection only when it
# is free, so requests queue fairly and none waits behind a slow page in a busy process. More
# (the threaded worker) help only where requests mostly wait on the database; the pages are
# CPU-bound and measured a worse 95th percentile that way (benchmarks/load.py).
SERVE_THREADS = _number("OVERSIGHT_THREADS", "1", minimum=1, whole=True)
# The slowest request (an export, a large import) must finish within this; a worker silent
# for longer is killed and replaced.
SERVE_TIMEOUT = _number("OVERSIGHT_TIMEOUT", "60", minimum=1, whole=True)
# "-" is standard output (the journal, under systemd); empty turns the access log off.
SERVE_ACCESS_LOG = envstr("OVERSIGHT_ACCESS_LOG", "-").strip() or None

# After `oversight collectstatic`, serve the collected files under content-hashed names, which
# WhiteNoise marks cacheable for ten years ("immutable"): a changed file gets a new name. The
# demo skips collectstatic, so it serves the apps' folders (finders) with a short max-age.
STATIC_COLLECTED = envbool("OVERSIGHT_STATIC_COLLECTED", "False")
if STATIC_COLLECTED:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "oversight.core.storage.StaticStorage"},
    }
    WHITENOISE_USE_FINDERS = False

# Behind a TLS proxy that already redirects HTTP, this is a second guard; it needs
# SECURE_PROXY_SSL_HEADER (or gunicorn's trusted X-Forwarded-Proto) or every request loops.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "False")
# Preloading commits the whole registrable domain and all its subdomains to HTTPS in browsers'
# built-in lists, for months; that is the domain owner's decision, so it is off unless set, and
# Django's deploy check does not nag about it.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
SILENCED_SYSTEM_CHECKS = ["security.W021"]


# -- Fetching police.uk files: `oversight fetch police-uk` and `oversight cycle tick` ---------
# Where data.police.uk publishes its monthly archives (`YYYY-MM.zip`, `latest.zip`); how long a
# download may receive nothing before it counts as stalled; and the largest archive read whole
# from a server that ignores Range requests (otherwise only the wanted files' bytes are read).


def _police_uk_archive() -> str:
    """Return the base URL of the police.uk archives: http or https, ending in a slash."""
    from urllib.parse import urlsplit

    value = envstr("OVERSIGHT_POLICE_UK_ARCHIVE", "https://data.police.uk/data/archive/").strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"OVERSIGHT_POLICE_UK_ARCHIVE must be an http:// or https:// URL, not {value!r}"
        )
    return value if value.endswith("/") else value + "/"


POLICE_UK_ARCHIVE = _police_uk_archive()
POLICE_UK_TIMEOUT = _number("OVERSIGHT_POLICE_UK_TIMEOUT", "60", minimum=1)
POLICE_UK_MAX_BYTES = (
    int(_number("OVERSIGHT_POLICE_UK_MAX_MB", "4096", minimum=1, whole=True)) * 1024 * 1024
)


# -- Notifications by e-mail (oversight/notifications; docs/settings.md) -----------------------
# Django's e-mail framework. Until an SMTP server is configured, e-mails are printed on standard
# output (the console backend); EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend sends
# them through EMAIL_HOST. The links in them start with OVERSIGHT_SITE_URL.


def _site_url() -> str:
    """Return the address people reach the site at, for links in e-mails: no trailing slash."""
    from urllib.parse import urlsplit

    value = envstr("OVERSIGHT_SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"OVERSIGHT_SITE_URL must be an http:// or https:// URL, not {value!r}"
        )
    return value


EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend").strip()
EMAIL_HOST = envstr("EMAIL_HOST", "localhost").strip()
EMAIL_PORT = _number("EMAIL_PORT", "25", minimum=1, whole=True)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
# STARTTLS on the plain port (587); EMAIL_USE_SSL is TLS from the first byte (465). Not both.
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "False")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both")
# A web request that e-mails at once waits for the server at most this long (Django: forever).
EMAIL_TIMEOUT = _number("EMAIL_TIMEOUT", "10", minimum=1, whole=True)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Oversight <oversight@localhost>").strip()
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = _site_url()
# `oversight notify` reminds the owners of open actions due within this many days (and overdue).
NOTIFY_ACTION_DAYS = _number("OVERSIGHT_NOTIFY_ACTION_DAYS", "3", minimum=0, whole=True)


# -- The Panel's questions (oversight/questions; oversight/analysis/questions.py) --------------
# An answer is due this many working days after the question is asked (no weekends, no bank
# holidays of England and Wales), counted with the reporting cycle's working-day calendar.
def _question_working_days() -> int:
    """Return the working days within which a Panel question is answered (at least 1)."""
    return int(_number("OVERSIGHT_QUESTION_WORKING_DAYS", "15", minimum=1, whole=True))


QUESTION_WORKING_DAYS = _question_working_days()


# -- Sign-in throttling and private files ----------------------------------------------------
# django-axes counts failed sign-ins per username and client address (docs/settings.md): after
# OVERSIGHT_SIGNIN_FAILURES of them that pair is refused, the right password included, for
# OVERSIGHT_SIGNIN_LOCKOUT_MINUTES, and the login page says so. A success clears the count.
# Unlock early with `oversight axes_reset_username USERNAME`. Axes' own admin pages are off:
# deleting an attempt there would unlock someone with no Oversight audit row.
INSTALLED_APPS += ["axes"]
# Last, as django-axes requires: it turns a lockout flagged on the request into the response.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "oversight.accounts.signin.ThrottledSignIn",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(_number("OVERSIGHT_SIGNIN_FAILURES", "5", minimum=1, whole=True))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=_number("OVERSIGHT_SIGNIN_LOCKOUT_MINUTES", "15", minimum=1, whole=True)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A lockout lasts its stated time from the last counted failure; tries during it do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "oversight.accounts.signin.locked_out"
AXES_ENABLE_ADMIN = False

# The SQLite database is made by the verbs that set a home up (oversight/core/home.py), as an
# empty file readable by its owner only; SQLite gives its journals the same mode.


# -- What is drawn once (oversight/core/caching.py) --------------------------------------------
# Pages and figures of presented snapshots and published publications never change, so they are
# kept once drawn. OVERSIGHT_CACHE chooses where: `memory` (each server process keeps its own),
# `file` (OVERSIGHT_HOME/cache, shared by the processes of one machine), `redis://HOST:PORT/DB`
# (shared by several machines; needs the redis package) or `none` (draw everything every time).
# Sessions are read through the same cache, and kept in the database.


def _caches() -> dict[str, dict[str, object]]:
    value = envstr("OVERSIGHT_CACHE", "memory").strip()
    if value == "memory":
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": ""}
        backend["OPTIONS"] = {"MAX_ENTRIES": 2000}
    elif value == "file":
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(OVERSIGHT_HOME / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    elif value.startswith(("redis://", "rediss://")):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": value}
    elif value == "none":
        backend = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(
            f"OVERSIGHT_CACHE must be memory, file, none or a redis:// URL, not {value!r}"
        )
    return {"default": backend}


CACHES = _caches()
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


# -- Logging and who hears of errors ------------------------------------------------------------
# Everything is logged to standard error (systemd's journal in production, docs/deploy.md): a
# server error with its traceback, Oversight's own INFO and above, everyone's warnings. When
# OVERSIGHT_ADMINS names people ("Name <address>, …"), each server error is also e-mailed to
# them (outside DEBUG), through the e-mail settings above.


def _admins() -> list[tuple[str, str]]:
    from email.utils import getaddresses

    value = envstr("OVERSIGHT_ADMINS").strip()
    found = [(name, address) for name, address in getaddresses([value]) if address]
    if value and (not found or any("@" not in address for _, address in found)):
        raise ImproperlyConfigured(
            f"OVERSIGHT_ADMINS must be e-mail addresses, e.g. 'Ops <ops@example.org>', "
            f"not {value!r}"
        )
    return found


ADMINS = _admins()
LOG_LEVEL = envstr("OVERSIGHT_LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR"):
    raise ImproperlyConfigured(
        f"OVERSIGHT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {LOG_LEVEL!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "filters": {"not_debug": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["not_debug"],
        },
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django.request": {
            "handlers": ["stderr", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "django.security": {"handlers": ["stderr", "mail_admins"], "level": "ERROR"},
        "oversight": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
    },
}
