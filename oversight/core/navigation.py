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
    # Links of one section share a single place in the main navigation, and show as the
    # section's own tabs on its pages ("" for a link that stands alone).
    section: str = ""

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
    """Return every navigation link this request's user may follow, in order (flat)."""
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
        links.append({"label": item.label, "url": url, "current": current, "section": item.section})
    return links


def nav_sections(links: list[dict[str, str | bool]]) -> tuple[list[dict], list[dict]]:
    """Return the main navigation (one link per section) and the current section's tabs.

    A section's link goes to its first page the user may open, and is current on any of its
    pages; its tabs show only when it has more than one page for this user.
    """
    main: list[dict] = []
    tabs: list[dict] = []
    sections: dict[str, dict] = {}
    for link in links:
        name = str(link["section"])
        if not name:
            main.append(dict(link))
            continue
        entry = sections.get(name)
        if entry is None:
            entry = sections[name] = {"label": name, "url": link["url"], "current": False,
                                      "links": []}  # fmt: skip
            main.append(entry)
        entry["links"].append(link)
        entry["current"] = entry["current"] or bool(link["current"])
    for entry in sections.values():
        if len(entry["links"]) == 1:
            # A section with one page for this user is just that page.
            entry["label"] = entry["links"][0]["label"]
        elif entry["current"]:
            tabs = entry["links"]
    return main, tabs


def navigation(request: HttpRequest) -> dict[str, object]:
    """Context processor: `nav_links` (the main navigation) and `nav_tabs` for the layout."""
    main, tabs = nav_sections(nav_for(request))
    return {"nav_links": main, "nav_tabs": tabs}
