"""The site's main navigation, gathered from each app's `nav_items` and filtered by role."""

from dataclasses import dataclass

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    """One link in the main navigation; `permission` None means everyone may see it.

    A tuple of permissions shows the link to a user holding any one of them.
    """

    label: str
    url_name: str
    permission: str | tuple[str, ...] | None = None
    order: int = 100

    @property
    def permissions(self) -> tuple[str, ...]:
        """Return the permissions named, any one of which shows the link (none: everyone)."""
        if self.permission is None:
            return ()
        return (self.permission,) if isinstance(self.permission, str) else self.permission

    def shown_to(self, granted: set[str], *, signed_in: bool) -> bool:
        """Return whether a user with these permissions sees the link."""
        if self.permission == "signed-in":
            return signed_in
        return not self.permissions or any(p in granted for p in self.permissions)


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
        if not item.shown_to(granted, signed_in=signed_in):
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
