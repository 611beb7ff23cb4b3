"""Throttled sign-in: django-axes locks out a username at an address after repeated failures.

After `AXES_FAILURE_LIMIT` wrong passwords for one username from one address, that pair is
refused, the right password included, for `AXES_COOLOFF_TIME`; the login page says so (with
the status 429). Settings: docs/settings.md.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class ThrottledSignIn(AxesStandaloneBackend):
    """Refuses a locked-out username and address; the next backend checks the password.

    Only a request can be throttled. Code that authenticates without one (the test client's
    `login`, a management command) reaches no one's password over the network, and is passed
    on to the next backend rather than refused, as django-axes itself would.
    """

    def authenticate(self, request: HttpRequest | None, *args: object, **kwargs: object) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """Return the login page saying that this username is locked out here, and for how long."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_out": True, "lockout_minutes": minutes, "next": ""}
    return render(request, "accounts/login.html", context, status=429)
