"""The lifecycle of a thematic review is enforced by the services, and every step is audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from oversight.accounts.models import AuditEvent
from oversight.analysis.cycle import WorkingCalendar
from oversight.meetings import services as meetings
from oversight.meetings.models import Action, Meeting
from oversight.themes import services
from oversight.themes.lifecycle import TRANSITIONS, LifecycleError
from oversight.themes.models import Reschedule, RigourTest, ThematicReview

pytestmark = pytest.mark.django_db
S = ThematicReview.Status
CHECKLIST = {
    "data_sources": "Recorded crime to last month",
    "trend_evidence": "24 months of SPC by BCU",
    "partner_views": "Councils agree",
    "limitations": "Small numbers by ward",
}


@pytest.fixture
def cycle():
    return meetings.create_cycles(
        csb_dates=[date(2026, 2, 5)], calendar=WorkingCalendar(), by=None
    )[0]


@pytest.fixture
def board(cycle):
    return cycle.meetings.get(kind=Meeting.Kind.CSB)


@pytest.fixture
def jpmg(cycle):
    return cycle.meetings.get(kind=Meeting.Kind.JPMG)


@pytest.fixture
def review(opcc):
    return services.propose_review(
        title="Hate crime", origin=ThematicReview.Origin.INITIAL_PROGRAMME, by=opcc
    )


def _at(review, status, *, board, jpmg, force, opcc):
    """Take `review` on through the lifecycle up to `status` by the services."""
    order = S.values

    def due(step):
        review.refresh_from_db()
        return order.index(review.status) < order.index(step) <= order.index(status)

    if due(S.SCHEDULED):
        services.schedule(review=review, board=board, by=opcc)
    if due(S.FINDINGS_DRAFTED):
        services.draft_findings(review=review, findings="F", recommendations="R", by=force)
    if due(S.RIGOUR_TESTED):
        services.record_rigour_test(
            review=review, jpmg=jpmg, outcome="passed", by=opcc, **CHECKLIST
        )
    if due(S.PRESENTED):
        services.advance(review=review, to=S.PRESENTED, by=force)
    if due(S.ACTIONS):
        services.add_action(
            review=review, title="Do it", owner=force, due_date=date(2026, 3, 1), by=opcc
        )
        services.advance(review=review, to=S.ACTIONS, by=opcc)
    if due(S.CLOSED):
        for action in review.actions.all():
            meetings.update_action(action=action, changes={"status": "done"}, by=force)
        services.advance(review=review, to=S.CLOSED, by=opcc)
    review.refresh_from_db()
    assert review.status == status
    return review


def test_lifecycle_whole_way_is_audited_at_every_step(review, board, jpmg, force, opcc):
    _at(review, S.CLOSED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    actions = list(
        AuditEvent.objects.filter(object_type="themes.ThematicReview", object_id=str(review.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "thematic_review.proposed",
        "thematic_review.scheduled",
        "thematic_review.findings_drafted",
        "thematic_review.rigour_tested",
        "thematic_review.presented",
        "thematic_review.action_added",
        "thematic_review.actions",
        "thematic_review.closed",
    ]
    closed = AuditEvent.objects.get(action="thematic_review.closed")
    assert closed.actor == opcc
    assert (closed.before["status"], closed.after["status"]) == ("actions", "closed")
    assert review.board == board and review.board_date == board.date
    assert review.presented_at is not None and review.closed_at is not None


ALLOWED = {(t.source, t.target) for t in TRANSITIONS}
ILLEGAL = [(a, b) for a in S.values for b in S.values if a != b and (a, b) not in ALLOWED]


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_lifecycle_refuses_each_illegal_step(source, target, review, board, jpmg, force, opcc):
    _at(review, source, board=board, jpmg=jpmg, force=force, opcc=opcc)
    events = AuditEvent.objects.count()
    with pytest.raises(LifecycleError):
        services.advance(review=review, to=target, by=opcc, note="why")
    review.refresh_from_db()
    assert review.status == source
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("target", [S.SCHEDULED, S.FINDINGS_DRAFTED, S.RIGOUR_TESTED])
def test_lifecycle_steps_with_forms_are_not_bare_buttons(target, review, board, jpmg, force, opcc):
    source = S.values[S.values.index(target) - 1]
    _at(review, source, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(LifecycleError, match="its own form"):
        services.advance(review=review, to=target, by=opcc)


def test_presenting_before_the_rigour_test_is_refused(review, board, jpmg, force, opcc):
    _at(review, S.FINDINGS_DRAFTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(LifecycleError):
        services.advance(review=review, to=S.PRESENTED, by=force)
    # Even a status set behind the services' back does not let it through.
    ThematicReview.objects.filter(pk=review.pk).update(status=S.RIGOUR_TESTED)
    review.refresh_from_db()
    with pytest.raises(LifecycleError, match="rigour test"):
        services.advance(review=review, to=S.PRESENTED, by=force)
    assert not AuditEvent.objects.filter(action="thematic_review.presented").exists()


def test_referred_back_stays_drafted_and_cannot_be_presented(review, board, jpmg, force, opcc):
    _at(review, S.FINDINGS_DRAFTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    services.record_rigour_test(
        review=review,
        jpmg=jpmg,
        outcome="referred_back",
        notes="No partner data",
        by=opcc,
        **CHECKLIST,
    )
    review.refresh_from_db()
    assert review.status == S.FINDINGS_DRAFTED
    assert AuditEvent.objects.filter(action="thematic_review.referred_back").count() == 1
    with pytest.raises(LifecycleError):
        services.advance(review=review, to=S.PRESENTED, by=force)


def test_rigour_test_needs_every_checklist_item_and_a_jpmg(review, board, jpmg, force, opcc):
    _at(review, S.FINDINGS_DRAFTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(ValueError, match="partner views"):
        services.record_rigour_test(
            review=review,
            jpmg=jpmg,
            outcome="passed",
            by=opcc,
            **{**CHECKLIST, "partner_views": " "},
        )
    with pytest.raises(ValueError, match="JPMG"):
        services.record_rigour_test(
            review=review, jpmg=board, outcome="passed", by=opcc, **CHECKLIST
        )
    with pytest.raises(ValueError, match="more the findings need"):
        services.record_rigour_test(
            review=review, jpmg=jpmg, outcome="referred_back", by=opcc, **CHECKLIST
        )
    assert not RigourTest.objects.exists()


def test_rigour_test_before_findings_is_refused(review, board, jpmg, force, opcc):
    _at(review, S.SCHEDULED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(LifecycleError):
        services.record_rigour_test(
            review=review, jpmg=jpmg, outcome="passed", by=opcc, **CHECKLIST
        )


def test_findings_changed_after_the_test_need_a_new_test(review, board, jpmg, force, opcc):
    _at(review, S.RIGOUR_TESTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    services.draft_findings(review=review, findings="New", recommendations="", by=force)
    review.refresh_from_db()
    assert review.status == S.FINDINGS_DRAFTED
    with pytest.raises(LifecycleError):
        services.advance(review=review, to=S.PRESENTED, by=force)


def test_findings_cannot_be_drafted_before_scheduling_or_after_presenting(
    review, board, jpmg, force, opcc
):
    with pytest.raises(LifecycleError):
        services.draft_findings(review=review, findings="F", recommendations="", by=force)
    _at(review, S.PRESENTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(LifecycleError):
        services.draft_findings(review=review, findings="G", recommendations="", by=force)


def test_roles_decide_who_takes_which_step(review, board, jpmg, force, opcc, partner, panel):
    for outsider in (partner, panel):
        with pytest.raises(PermissionDenied):
            services.propose_review(title="X", origin="initial_programme", by=outsider)
        with pytest.raises(PermissionDenied):
            services.schedule(review=review, board=board, by=outsider)
    services.schedule(review=review, board=board, by=force)
    # The Chief Constable's team drafts the thematic presentation, not the Commissioner's.
    with pytest.raises(PermissionDenied):
        services.draft_findings(review=review, findings="F", recommendations="", by=opcc)
    _at(review, S.ACTIONS, board=board, jpmg=jpmg, force=force, opcc=opcc)
    Action.objects.update(status="done")
    # The Commissioner's team closes a review, holding the force to account.
    with pytest.raises(PermissionDenied):
        services.advance(review=review, to=S.CLOSED, by=force)
    services.advance(review=review, to=S.CLOSED, by=opcc)


def test_actions_step_needs_an_action_and_closing_needs_them_closed(
    review, board, jpmg, force, opcc
):
    _at(review, S.PRESENTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(LifecycleError, match="actions"):
        services.advance(review=review, to=S.ACTIONS, by=opcc)
    action = services.add_action(
        review=review, title="Report back", owner=force, due_date=date(2026, 4, 1), by=opcc
    )
    assert (action.origin, action.origin_label) == (Action.Origin.THEME, "Hate crime")
    services.advance(review=review, to=S.ACTIONS, by=opcc)
    with pytest.raises(LifecycleError, match="1 action is still open"):
        services.advance(review=review, to=S.CLOSED, by=opcc)
    meetings.update_action(action=action, changes={"status": "cancelled"}, by=opcc)
    services.advance(review=review, to=S.CLOSED, by=opcc)


def test_actions_cannot_be_added_before_the_board(review, board, jpmg, force, opcc):
    _at(review, S.RIGOUR_TESTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(LifecycleError):
        services.add_action(
            review=review, title="Too soon", owner=force, due_date=date(2026, 4, 1), by=opcc
        )
    assert not Action.objects.exists()


def test_taking_a_review_off_the_programme_needs_a_reason(review, board, jpmg, force, opcc):
    _at(review, S.SCHEDULED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(ValueError, match="why"):
        services.advance(review=review, to=S.PROPOSED, by=opcc)
    services.advance(review=review, to=S.PROPOSED, by=opcc, note="Superseded")
    review.refresh_from_db()
    assert (review.status, review.board_id, review.board_date) == (S.PROPOSED, None, None)
    move = Reschedule.objects.get(review=review)
    assert (move.moved_from, move.moved_to, move.reason) == (board.date, None, "Superseded")


def test_reschedule_records_the_reason_and_refuses_after_presenting(
    review, board, jpmg, force, opcc
):
    later = meetings.create_cycles(
        csb_dates=[date(2026, 3, 5)], calendar=WorkingCalendar(), by=None
    )[0].meetings.get(kind=Meeting.Kind.CSB)
    _at(review, S.SCHEDULED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(ValueError, match="why"):
        services.reschedule(review=review, board=later, reason="", by=opcc)
    services.reschedule(review=review, board=later, reason="Data late", by=opcc)
    review.refresh_from_db()
    assert (review.board, review.board_date) == (later, later.date)
    assert AuditEvent.objects.get(action="thematic_review.rescheduled").note == "Data late"
    services.reschedule(review=review, board=board.date, reason="Back again", by=opcc)
    _at(review, S.PRESENTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    with pytest.raises(LifecycleError):
        services.reschedule(review=review, board=later, reason="Too late", by=opcc)


def test_schedule_to_a_date_without_a_board_meeting_keeps_the_date(review, opcc):
    day = date(2026, 9, 3)
    services.schedule(review=review, board=day, by=opcc)
    review.refresh_from_db()
    assert (review.board_id, review.board_date, review.status) == (None, day, S.SCHEDULED)


def test_propose_names_where_a_review_came_from(opcc, jpmg):
    with pytest.raises(ValueError, match="concern"):
        services.propose_review(title="X", origin="compstat_concern", by=opcc)
    with pytest.raises(ValueError, match="JPMG"):
        services.propose_review(title="X", origin="jpmg_recommendation", by=opcc)
    with pytest.raises(ValueError, match="rationale"):
        services.propose_review(title="X", origin="significant_event", by=opcc)
    review = services.propose_review(
        title="ASB", origin="jpmg_recommendation", recommended_at=jpmg, by=opcc
    )
    assert review.recommended_at == jpmg
    assert AuditEvent.objects.filter(action="thematic_review.proposed").count() == 1


def test_due_dates_of_review_actions_reach_the_actions_register(review, board, jpmg, force, opcc):
    _at(review, S.PRESENTED, board=board, jpmg=jpmg, force=force, opcc=opcc)
    due = board.date + timedelta(days=30)
    action = services.add_action(review=review, title="T", owner_name="ACC", due_date=due, by=opcc)
    assert list(review.actions.all()) == [action]
    assert action.origin_display == "Theme: Hate crime"
