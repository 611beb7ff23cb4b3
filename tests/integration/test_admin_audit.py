"""Changes made in the Django admin write Oversight audit rows, before and after."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from oversight.accounts.admin import AuditedAdmin
from oversight.accounts.models import AuditEvent, User
from oversight.plans.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def form_data(response) -> dict:
    """Return the POST data that submits an admin change form as it was shown."""
    form = response.context["adminform"].form
    data: dict = {"_save": "Save"}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = field.prepare_value(form[name].value())
        widget = getattr(field.widget, "widget", field.widget)  # the admin's related wrapper
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list) else widget.decompress(value)
            for i, part in enumerate(parts):
                data[f"{name}_{i}"] = "" if part is None else str(part)
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(widget, forms.SelectMultiple):
            data[name] = [str(v) for v in value or []]
        else:
            data[name] = "" if value is None else str(value)
    return data


def change(client, obj, **changes) -> None:
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url)) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_every_model_in_the_admin_is_audited():
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdmin) and model is not AuditEvent
    ]
    assert unaudited == []


def test_changing_a_users_role_in_the_admin_is_audited(admin_client, administrator, force):
    change(admin_client, force, role="commissioners_team")

    force.refresh_from_db()
    assert force.role == "commissioners_team"
    event = AuditEvent.objects.get(action="admin.user.changed")
    assert (event.actor, event.object_type, event.object_id) == (
        administrator,
        "accounts.User",
        str(force.pk),
    )
    assert (event.before["role"], event.after["role"]) == (
        "chief_constables_team",
        "commissioners_team",
    )
    assert "password" not in event.before and "password" not in event.after


def test_changing_a_measures_name_in_the_admin_is_audited(admin_client, demo_plan, administrator):
    measure = Measure.objects.get(plan=demo_plan, code="DA01")
    old = measure.name

    change(admin_client, measure, name="Renamed in the admin")

    event = AuditEvent.objects.get(action="admin.measure.changed")
    assert event.actor == administrator
    assert (event.before["name"], event.after["name"]) == (old, "Renamed in the admin")


def test_saving_an_unchanged_form_writes_no_audit_row(admin_client, force):
    # The admin's date and time widgets show whole seconds: a saved form drops microseconds.
    User.objects.filter(pk=force.pk).update(date_joined=force.date_joined.replace(microsecond=0))
    change(admin_client, force)
    assert not AuditEvent.objects.filter(action__startswith="admin.").exists()


def test_a_group_given_in_the_admin_is_recorded_by_id(admin_client, force):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Editors")
    change(admin_client, force, groups=[str(group.pk)])
    event = AuditEvent.objects.get(action="admin.user.changed")
    assert (event.before["groups"], event.after["groups"]) == ([], [group.pk])


def test_adding_and_deleting_in_the_admin_are_audited(admin_client, administrator):
    response = admin_client.post(
        reverse("admin:accounts_organisation_add"),
        {"name": "Torfaen Council", "slug": "torfaen", "kind": "council", "_save": "Save"},
    )
    assert response.status_code == 302
    added = AuditEvent.objects.get(action="admin.organisation.added")
    assert (added.before, added.after["slug"]) == (None, "torfaen")

    organisation_pk = added.object_id
    response = admin_client.post(
        reverse("admin:accounts_organisation_delete", args=[organisation_pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    deleted = AuditEvent.objects.get(action="admin.organisation.deleted")
    assert (deleted.object_id, deleted.before["name"], deleted.actor) == (
        organisation_pk,
        "Torfaen Council",
        administrator,
    )


def test_deleting_selected_rows_in_the_admin_audits_each(admin_client):
    from oversight.accounts.models import Organisation

    orgs = [
        Organisation.objects.create(name=f"Org {i}", slug=f"org-{i}", kind="other")
        for i in range(2)
    ]
    response = admin_client.post(
        reverse("admin:accounts_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": [o.pk for o in orgs], "post": "yes"},
    )
    assert response.status_code == 302
    assert sorted(
        AuditEvent.objects.filter(action="admin.organisation.deleted").values_list(
            "object_repr", flat=True
        )
    ) == ["Org 0", "Org 1"]


def test_a_password_set_in_the_admin_is_audited_without_the_hash(admin_client, force):
    url = reverse("admin:auth_user_password_change", args=[force.pk])
    response = admin_client.post(
        url,
        {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase",
         "set_usable_password": "true"},
    )  # fmt: skip
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.user.password_changed")
    assert (event.object_id, event.before, event.after) == (
        str(force.pk),
        None,
        {"usable_password": True},
    )
    assert User.objects.get(pk=force.pk).check_password("a-new-long-passphrase")
