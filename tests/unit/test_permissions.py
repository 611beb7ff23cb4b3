from oversight.accounts.permissions import ROLE_PERMISSIONS, Permission, Role, permissions_for


def test_every_role_lists_its_permissions():
    assert set(ROLE_PERMISSIONS) == set(Role.values)


def test_public_has_no_permissions():
    assert permissions_for(None) == frozenset()
    assert permissions_for("") == frozenset()


def test_panel_changes_nothing_but_asks_its_questions():
    panel = permissions_for(Role.PANEL_MEMBER) - {Permission.ASK_QUESTIONS}
    assert all(p.value.split(".")[-1] in {"view", "panel"} for p in panel)


def test_only_the_panel_asks_and_only_the_commissioners_team_releases_answers():
    askers = {r for r, perms in ROLE_PERMISSIONS.items() if Permission.ASK_QUESTIONS in perms}
    managers = {r for r, perms in ROLE_PERMISSIONS.items() if Permission.MANAGE_QUESTIONS in perms}
    answerers = {r for r, perms in ROLE_PERMISSIONS.items() if Permission.ANSWER_QUESTIONS in perms}
    assert askers == {Role.PANEL_MEMBER}
    assert managers == {Role.COMMISSIONERS_TEAM}
    assert answerers == {Role.COMMISSIONERS_TEAM, Role.CHIEF_CONSTABLES_TEAM}


def test_only_administrators_administer():
    holders = {role for role, perms in ROLE_PERMISSIONS.items() if Permission.ADMINISTER in perms}
    assert holders == {Role.ADMINISTRATOR}


def test_audit_is_browsable_by_administrators_and_the_commissioners_team():
    holders = {role for role, perms in ROLE_PERMISSIONS.items() if Permission.VIEW_AUDIT in perms}
    assert holders == {Role.ADMINISTRATOR, Role.COMMISSIONERS_TEAM}
