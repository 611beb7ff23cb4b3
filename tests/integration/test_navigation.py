"""The main navigation: each role sees a link exactly when it may open the page behind it."""

import pytest
from django.apps import apps
from django.urls import reverse

from oversight.accounts.permissions import Permission, Role
from oversight.core.navigation import NavItem, nav_for
from tests.factories.people import PASSWORD, persona

pytestmark = pytest.mark.django_db


def _items() -> list[NavItem]:
    return [item for config in apps.get_app_configs() for item in getattr(config, "nav_items", ())]


def test_every_navigation_permission_is_a_real_one():
    known = {p.value for p in Permission} | {"signed-in"}
    for item in _items():
        assert set(item.permissions) <= known, item


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_a_role_sees_a_link_exactly_when_it_may_open_the_page(client, demo_plan, rf, role):
    user = persona(role, f"nav-{role}")
    assert client.login(username=user.username, password=PASSWORD)
    request = rf.get("/")
    request.user = user
    shown = {link["url"] for link in nav_for(request)}

    for item in _items():
        url = reverse(item.url_name)
        status = client.get(url).status_code
        if url in shown:
            assert status in (200, 302), f"{role} is shown {url} but gets {status}"
        else:
            # A redirect sends the role to its own page instead (the Panel from / to its view).
            assert status in (302, 403, 404), f"{role} may open {url} ({status}) but has no link"
