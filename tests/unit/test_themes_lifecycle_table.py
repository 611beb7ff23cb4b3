"""A thematic review's lifecycle table: one way forward, two ways back, nothing after closing."""

from itertools import pairwise

from oversight.accounts.permissions import Role
from oversight.themes.lifecycle import TRANSITIONS, may_take, transition_for
from oversight.themes.models import ThematicReview

S = ThematicReview.Status


def test_lifecycle_table_walks_forward_through_every_status_in_order():
    forward = {(t.source, t.target) for t in TRANSITIONS}
    order = S.values
    assert all((a, b) in forward for a, b in pairwise(order))


def test_lifecycle_table_goes_back_only_off_the_programme_or_to_redraft():
    order = S.values
    back = {
        (t.source, t.target) for t in TRANSITIONS if order.index(t.target) < order.index(t.source)
    }
    assert back == {(S.SCHEDULED, S.PROPOSED), (S.RIGOUR_TESTED, S.FINDINGS_DRAFTED)}


def test_lifecycle_table_has_no_step_out_of_closed_and_none_skips_a_status():
    order = S.values
    assert not [t for t in TRANSITIONS if t.source == S.CLOSED]
    assert all(abs(order.index(t.target) - order.index(t.source)) == 1 for t in TRANSITIONS)


def test_presenting_needs_the_rigour_test_first():
    assert transition_for(S.RIGOUR_TESTED, S.PRESENTED).target == S.PRESENTED
    assert not [t for t in TRANSITIONS if t.target == S.PRESENTED and t.source != S.RIGOUR_TESTED]


def test_the_system_may_take_any_step():
    assert all(may_take(None, t) for t in TRANSITIONS)


def test_role_limited_steps_name_the_force_for_drafting_and_the_opcc_for_closing():
    limited = {(t.source, t.target): t.roles for t in TRANSITIONS if t.roles}
    assert limited[(S.SCHEDULED, S.FINDINGS_DRAFTED)] == {Role.CHIEF_CONSTABLES_TEAM}
    assert limited[(S.ACTIONS, S.CLOSED)] == {Role.COMMISSIONERS_TEAM}
