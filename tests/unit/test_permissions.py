from oversight.accounts.permissions import ROLE_PERMISSIONS, Permission, Role, permissions_for


def test_every_role_lists_its_permissions():
    assert set(ROLE_PERMISSIONS) == set(Role.values)


def test_public_has_no_permissions():
    assert permissions_for(None) == frozenset()
    assert permissions_for("") == frozenset()


def test_panel_changes_nothing():
    panel = permissions_for(Role.PANEL_MEMBER)
    assert all(p.value.split(".")[-1] in {"view", "panel"} for p in panel)


def test_only_administrators_administer():
    holders = {role for role, perms in ROLE_PERMISSIONS.items() if Permission.ADMINISTER in perms}
    assert holders == {Role.ADMINISTRATOR}


def test_audit_is_browsable_by_administrators_and_the_commissioners_team():
    holders = {role for role, perms in ROLE_PERMISSIONS.items() if Permission.VIEW_AUDIT in perms}
    assert holders == {Role.ADMINISTRATOR, Role.COMMISSIONERS_TEAM}
