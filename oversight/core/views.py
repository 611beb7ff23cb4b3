"""The site's error pages: a reason in plain words and a way on, inside the usual layout.

Django's defaults are bare ("403 Forbidden"); these keep the navigation, say what happened and
where to go. The 500 page is rendered defensively: if the layout itself fails (the database is
down, say), a plain page still answers.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("oversight.errors")

_PAGES = {
    403: (
        _("You may not do that"),
        _(
            "Your role does not allow this page or this change. If you think it should, ask "
            "your administrator; nothing was changed."
        ),
    ),
    404: (
        _("Page not found"),
        _(
            "There is nothing at this address: it may have been mistyped, or the item may have "
            "been removed or renamed."
        ),
    ),
    500: (
        _("Something went wrong on our side"),
        _(
            "The error has been recorded for the administrators. Nothing you sent was saved "
            "twice; try again in a moment, or go back and continue."
        ),
    ),
}


def _page(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    heading, text = _PAGES[status]
    context = {"status": status, "heading": heading, "text": text, "detail": detail}
    try:
        body = loader.render_to_string("core/error.html", context, request=request)
    except Exception:  # the layout needs the database; the error page must not
        logger.exception("The %s page could not be drawn in the layout", status)
        body = (
            f"<!doctype html><html lang='en-GB'><meta charset='utf-8'><title>{heading}</title>"
            f"<h1>{heading}</h1><p>{text}</p><p><a href='/'>Go to the start</a></p></html>"
        )
    return HttpResponse(body, status=status)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Return the 403 page, with the reason the refusal gave."""
    detail = str(exception) if exception is not None and str(exception) else ""
    return _page(request, 403, detail)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Return the 404 page."""
    message = str(exception) if exception is not None else ""
    # Django's resolver explains itself with a dict; only a view's own message is for people.
    detail = message if message and not message.startswith("{") else ""
    return _page(request, 404, detail)


def server_error(request: HttpRequest) -> HttpResponse:
    """Return the 500 page (the error itself is logged by Django's request handler)."""
    return _page(request, 500)
