"""Roles and permissions as data: each role lists what it may do."""

from enum import StrEnum

from django.db import models


class Permission(StrEnum):
    """Everything a signed-in user may be allowed to do; each internal view checks one."""

    VIEW_PLAN = "plan.view"
    EDIT_PLAN = "plan.edit"
    VIEW_DATA = "data.view"
    IMPORT_DATA = "data.import"
    DECIDE_BREAKS = "data.decide_breaks"
    VIEW_PERFORMANCE = "performance.view"
    ASSESS = "performance.assess"
    OVERRIDE_RATING = "performance.override"
    WRITE_COMMENTARY = "performance.commentary"
    WRITE_SCRUTINY = "performance.scrutiny"
    VIEW_PACKS = "reports.view"
    PUBLISH = "publishing.publish"
    APPROVE_PUBLICATION = "publishing.approve"
    RELEASE_PANEL_PAPERS = "publishing.panel_papers"
    VIEW_PANEL = "publishing.panel"
    ASK_QUESTIONS = "questions.ask"
    ANSWER_QUESTIONS = "questions.answer"
    MANAGE_QUESTIONS = "questions.manage"
    VIEW_MEETINGS = "meetings.view"
    MANAGE_MEETINGS = "meetings.manage"
    MANAGE_ACTIONS = "meetings.actions"
    DECIDE_ESCALATIONS = "meetings.escalations"
    REVIEW_MEASURES = "meetings.review_measures"
    VIEW_THEMES = "themes.view"
    MANAGE_THEMES = "themes.manage"
    VIEW_CONCERNS = "themes.concerns.view"
    MANAGE_CONCERNS = "themes.concerns.manage"
    UPDATE_FOLLOWUPS = "themes.followups.update"
    RESPOND_TO_FINDINGS = "themes.respond"
    RECORD_VERDICTS = "accountability.verdict"
    VIEW_ROADMAP = "roadmap.view"
    EDIT_ROADMAP = "roadmap.edit"
    MANAGE_PLANNING_BOARD = "roadmap.board"
    EDIT_SITE_PAGES = "sitepages.edit"
    VIEW_AUDIT = "accounts.audit"
    ADMINISTER = "accounts.administer"


class Role(models.TextChoices):
    """The five kinds of signed-in user; the public is anonymous and has no role."""

    COMMISSIONERS_TEAM = "commissioners_team", "Commissioner's team"
    CHIEF_CONSTABLES_TEAM = "chief_constables_team", "Chief Constable's team"
    PARTNER = "partner", "Partner"
    PANEL_MEMBER = "panel_member", "Police and Crime Panel member"
    ADMINISTRATOR = "administrator", "Administrator"


P = Permission

_SHARED_INTERNAL = {
    P.VIEW_PLAN,
    P.VIEW_DATA,
    P.VIEW_PERFORMANCE,
    P.VIEW_PACKS,
    P.VIEW_MEETINGS,
    P.VIEW_THEMES,
    P.VIEW_CONCERNS,
    P.VIEW_ROADMAP,
    P.VIEW_PANEL,
}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.COMMISSIONERS_TEAM: frozenset(
        _SHARED_INTERNAL
        | {
            # The plan's Welsh texts (/plan/welsh/); its English comes from the plan file.
            P.EDIT_PLAN,
            P.ASSESS,
            P.OVERRIDE_RATING,
            P.WRITE_SCRUTINY,
            P.PUBLISH,
            # Approval also needs a second person: services.approve refuses the requester.
            P.APPROVE_PUBLICATION,
            P.RELEASE_PANEL_PAPERS,
            # The Commissioner's team answers to the Panel: it assigns questions and releases
            # the answers.
            P.ANSWER_QUESTIONS,
            P.MANAGE_QUESTIONS,
            P.MANAGE_MEETINGS,
            P.MANAGE_ACTIONS,
            P.DECIDE_ESCALATIONS,
            P.REVIEW_MEASURES,
            P.MANAGE_THEMES,
            P.MANAGE_CONCERNS,
            P.UPDATE_FOLLOWUPS,
            # The Commissioner's judgement on each item of the accountability record.
            P.RECORD_VERDICTS,
            P.EDIT_ROADMAP,
            P.MANAGE_PLANNING_BOARD,
            P.VIEW_AUDIT,
            # The public site's accessibility statement, privacy notice and contact page.
            P.EDIT_SITE_PAGES,
        }
    ),
    Role.CHIEF_CONSTABLES_TEAM: frozenset(
        _SHARED_INTERNAL
        | {
            P.IMPORT_DATA,
            # The force owns its data: it decides whether a break is real or a recording change.
            P.DECIDE_BREAKS,
            P.ASSESS,
            P.OVERRIDE_RATING,
            P.WRITE_COMMENTARY,
            # A Panel question about the force's figures may be assigned to the force to answer.
            P.ANSWER_QUESTIONS,
            P.MANAGE_MEETINGS,
            P.MANAGE_ACTIONS,
            P.DECIDE_ESCALATIONS,
            P.REVIEW_MEASURES,
            P.MANAGE_THEMES,
            P.MANAGE_CONCERNS,
            # The force answers a thematic review's findings once the Board has considered them.
            P.RESPOND_TO_FINDINGS,
            P.EDIT_ROADMAP,
            P.MANAGE_PLANNING_BOARD,
        }
    ),
    # Partners see the roadmap and their own follow-ups, and change only their organisation's.
    Role.PARTNER: frozenset({P.VIEW_PLAN, P.VIEW_ROADMAP, P.EDIT_ROADMAP, P.UPDATE_FOLLOWUPS}),
    # The Panel scrutinises what has been published and the papers released to it, and asks the
    # Commissioner's team about them; it changes nothing else (the plan it reads is the
    # published one, on the public site).
    Role.PANEL_MEMBER: frozenset({P.VIEW_PANEL, P.ASK_QUESTIONS}),
    Role.ADMINISTRATOR: frozenset(
        {P.VIEW_PLAN, P.EDIT_PLAN, P.VIEW_DATA, P.IMPORT_DATA, P.VIEW_AUDIT, P.ADMINISTER}
    ),
}

ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.COMMISSIONERS_TEAM: "Scrutinise performance, escalate, direct themes and hold the "
    "Chief Constable to account.",
    Role.CHIEF_CONSTABLES_TEAM: "Own the data, the commentary and the presentations.",
    Role.PARTNER: "Own your organisation's roadmap activities and follow-ups.",
    Role.PANEL_MEMBER: "Read what has been published to the Police and Crime Panel, and ask "
    "the Commissioner's team questions about it.",
    Role.ADMINISTRATOR: "Manage users, the plan catalogue and data imports.",
}


def permissions_for(role: str | None) -> frozenset[Permission]:
    """Return the permissions of a role; no role (the public) has none."""
    if not role:
        return frozenset()
    return ROLE_PERMISSIONS.get(role, frozenset())
