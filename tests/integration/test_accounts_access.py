"""Each role gets exactly what its permissions allow on the foundation's pages."""

import pytest
from django.urls import reverse

from oversight.accounts import audit
from oversight.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"),
    [("opcc", 200), ("administrator", 200), ("force", 403), ("partner", 403), ("panel", 403)],
)
def test_audit_log_by_role(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("accounts:audit")).status_code == status


def test_audit_log_shows_before_and_after(client, opcc, demo_plan):
    audit.record(by=opcc, action="plan.updated", obj=demo_plan, before={"a": 1}, after={"a": 2})
    client.force_login(opcc)
    page = client.get(reverse("accounts:audit"), {"action": "plan.updated"}).content.decode()
    assert "plan.updated" in page
    assert "&#x27;a&#x27;: 2" in page or "'a': 2" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [("administrator", 200), ("opcc", 302), ("force", 302), ("partner", 302), ("panel", 302)],
)
def test_django_admin_is_for_administrators_only(client, request, who, status):
    user = request.getfixturevalue(who)
    user.is_staff = True  # even a staff flag set by mistake does not open the admin
    user.save()
    client.force_login(user)
    assert client.get("/admin/").status_code == status


def test_login_and_logout(client, opcc):
    response = client.post(
        reverse("accounts:login"),
        {"username": "olwen", "password": "correct-horse-battery-staple"},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:audit")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:audit")).status_code == 302


def test_login_rejects_a_wrong_password(client, opcc):
    response = client.post(reverse("accounts:login"), {"username": "olwen", "password": "nope"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_creating_a_user_is_audited(opcc):
    assert AuditEvent.objects.filter(action="user.created", object_repr="olwen").exists()


def test_partner_without_organisation_is_refused(db):
    from oversight.accounts.services import ensure_user

    with pytest.raises(ValueError, match="organisation"):
        ensure_user(username="x", password="p", role="partner", by=None)
