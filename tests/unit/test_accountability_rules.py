"""How an item of the accountability record moves on between publications, in words."""

import pytest

from oversight.analysis.accountability import (
    across,
    appearance,
    carry_forward,
    moved_on,
    verdict_label,
)


def _action(id_, status="open", due="2026-11-15", completed=None):
    labels = {
        "open": "Open",
        "in_progress": "In progress",
        "done": "Done",
        "cancelled": "Cancelled",
    }
    return {
        "id": id_,
        "title": f"Action {id_}",
        "owner": "Deputy Chief Constable, Gwent Police",
        "due": due,
        "status": status,
        "status_label": labels[status],
        "completed": completed,
    }


def _item(key="escalation:1", actions=(), verdict=None, **extra):
    return {
        "key": key,
        "title": "PUK02 Burglary",
        "board_response": "The Board asked for a plan.",
        "actions": list(actions),
        "scrutiny": [],
        "verdict": verdict,
        **extra,
    }


PARTLY = {
    "verdict": "partly_assured",
    "label": "Partly assured",
    "reasons": "r",
    "at": "2026-11-01",
}
ASSURED = {"verdict": "assured", "label": "Assured", "reasons": "r", "at": "2026-12-01"}


def test_a_closed_action_is_said_with_its_date():
    before = _item(actions=[_action(1, "in_progress")])
    after = _item(actions=[_action(1, "done", completed="2026-12-03")])
    assert moved_on(before, after, since=1) == [
        "Action \u201cAction 1\u201d closed on 3 December 2026."
    ]


def test_a_new_action_a_moved_due_date_and_a_changed_verdict_are_each_said():
    before = _item(actions=[_action(1, due="2026-11-15")], verdict=PARTLY)
    after = _item(
        actions=[_action(1, due="2026-12-20"), _action(2, due="2027-01-10")], verdict=ASSURED
    )
    lines = moved_on(before, after, since=4)
    assert "Action \u201cAction 1\u201d moved from 15 November 2026 to 20 December 2026." in lines
    assert "New action \u201cAction 2\u201d, due 10 January 2027." in lines
    assert "The Commissioner's verdict moved from Partly assured to Assured." in lines


def test_a_first_verdict_and_a_board_response_are_said():
    before = _item(board_response="")
    after = _item(verdict=ASSURED)
    assert moved_on(before, after, since=2) == [
        "The Board's response is recorded.",
        "The Commissioner recorded a verdict: Assured.",
    ]


def test_nothing_changed_says_so_with_the_publication():
    item = _item(actions=[_action(1)], verdict=PARTLY)
    assert moved_on(item, dict(item), since=7) == ["No change since publication 7."]


def test_an_answer_to_the_commissioners_question_is_said():
    before = _item(scrutiny=[{"question": "Why?", "answer": ""}])
    after = _item(scrutiny=[{"question": "Why?", "answer": "Because."}])
    assert moved_on(before, after, since=1) == ["The force answered the Commissioner's question."]


def test_carrying_forward_keeps_the_whole_history():
    first = carry_forward(_item(actions=[_action(1)], verdict=PARTLY), None)
    assert first["history"] == [] and first["moved_on"] == [] and first["first_published"] is None
    second = carry_forward(
        _item(actions=[_action(1, "done", completed="2026-12-03")]), (1, "2025-05", first)
    )
    assert second["first_published"] == 1
    assert [h["number"] for h in second["history"]] == [1]
    third = carry_forward(
        _item(actions=[_action(1, "done", completed="2026-12-03")]), (2, "2025-06", second)
    )
    assert [h["number"] for h in third["history"]] == [1, 2]
    assert third["first_published"] == 1
    assert third["history"][1]["actions_closed"] == 1
    assert third["history"][0]["verdict_label"] == "Partly assured"


def test_across_gathers_each_item_from_every_publication_the_latest_shown():
    one = {"items": [_item("escalation:1", verdict=PARTLY), _item("review:2")]}
    two = {"items": [_item("escalation:1", verdict=ASSURED)]}
    threads = across([(2, "2025-06", two), (1, "2025-05", one), (3, "2025-07", None)])
    by_key = {t.key: t for t in threads}
    assert threads[0].key == "escalation:1"
    assert by_key["escalation:1"].latest["verdict"]["label"] == "Assured"
    assert [a["number"] for a in by_key["escalation:1"].appearances] == [1, 2]
    assert by_key["review:2"].number == 1


def test_appearance_counts_open_and_closed_actions():
    found = appearance(3, "2025-07", _item(actions=[_action(1), _action(2, "cancelled")]))
    assert (found["actions_open"], found["actions_closed"]) == (1, 1)


def test_an_unknown_verdict_is_refused():
    assert verdict_label("not_assured") == "Not assured"
    with pytest.raises(ValueError, match="Assured, Partly assured, Not assured"):
        verdict_label("fine")


def test_what_moved_on_is_said_in_welsh_too():
    before = _item(actions=[_action(1, "in_progress")], verdict=PARTLY)
    after = _item(actions=[_action(1, "done", completed="2026-12-03")], verdict=ASSURED)
    assert moved_on(before, after, since=1, language="cy") == [
        "Cwblhawyd y cam gweithredu \u201cAction 1\u201d ar 3 Rhagfyr 2026.",
        "Newidiodd dyfarniad y Comisiynydd o Sicrwydd rhannol i Sicrwydd.",
    ]
    assert moved_on(after, dict(after), since=4, language="cy") == ["Dim newid ers cyhoeddiad 4."]
    carried = carry_forward(after, (1, "2025-05", before))
    assert carried["moved_on_cy"][0].startswith("Cwblhawyd")
