"""The site's main navigation, gathered from each app's `nav_items` and filtered by role."""

from dataclasses import dataclass

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    """One link in the main navigation; `permission` None means everyone may see it."""

    label: str
    url_name: str
    permission: str | None = None
    order: int = 100


def nav_for(request: HttpRequest) -> list[dict[str, str | bool]]:
    """Return the navigation links this request's user may follow, in order."""
    user = getattr(request, "user", None)
    granted = (
        {p.value for p in user.permissions} if user is not None and user.is_authenticated else set()
    )
    signed_in = bool(user is not None and user.is_authenticated)
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav_items", ()))
    links = []
    for item in sorted(items, key=lambda i: (i.order, i.label)):
        if item.permission == "signed-in" and not signed_in:
            continue
        if item.permission not in (None, "signed-in") and item.permission not in granted:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        links.append({"label": item.label, "url": url, "current": current})
    return links


def navigation(request: HttpRequest) -> dict[str, object]:
    """Context processor: `nav_links` for the base layout."""
    return {"nav_links": nav_for(request)}
