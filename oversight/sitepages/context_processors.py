"""Template context: the Commissioner's name, logo and colour, and the public footer's dates."""

from __future__ import annotations

import hashlib
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.translation import get_language

from oversight.sitepages.schedule import Schedule, schedule


class Site:
    """What the public header and footer show; the dates are read only if a page shows them."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @property
    def public(self) -> bool:
        """Return whether the page is open to the public (its view is marked ``@public``).

        Such a page is the Commissioner's whoever reads it; the publishing team's own pages,
        and the Panel's, built on the same template, stay Oversight's.
        """
        match = getattr(self._request, "resolver_match", None)
        return bool(match is not None and getattr(match.func, "is_public", False))

    @property
    def name(self) -> str:
        return settings.COMMISSIONER_NAME

    @property
    def name_cy(self) -> str:
        return settings.COMMISSIONER_NAME_CY

    @property
    def colour(self) -> str:
        return settings.BRAND_COLOUR

    @property
    def logo_url(self) -> str:
        """Return the logo's address: a static file's URL, or the URL set; "" for none."""
        logo = settings.COMMISSIONER_LOGO
        if not logo or logo.startswith("https://"):
            return logo
        try:
            return static(logo)
        except ValueError:
            # Put in STATIC_ROOT by hand after collectstatic, it has no hashed name: serve it as is.
            return settings.STATIC_URL + logo

    @property
    def style_version(self) -> str:
        """Return a short digest of the colour, so a changed colour is fetched afresh."""
        return hashlib.sha256(self.colour.encode()).hexdigest()[:10]

    @cached_property
    def schedule(self) -> Schedule:
        return schedule()

    @property
    def welsh(self) -> bool:
        return (get_language() or "").startswith("cy")

    @cached_property
    def other_language(self) -> dict[str, str] | None:
        """Return the same page in the other language (code, name, address), or None.

        Only the public site and the Panel's pages have both; an internal page has no Welsh.
        """
        code, name = ("en-gb", "English") if self.welsh else ("cy", "Cymraeg")
        here = self._request.get_full_path()
        there = translate_url(here, code)
        # Outside the language patterns the address does not change: no other language.
        return None if there == here else {"code": code, "name": name, "url": there}


def site(request: HttpRequest) -> dict[str, object]:
    """Expose ``public_site``: the Commissioner's name, logo, colour and publication dates."""
    return {"public_site": Site(request)}
