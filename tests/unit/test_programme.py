"""The rolling programme's pure rules: flags for Boards, and an urgent theme moving the rest on."""

from datetime import date

import pytest

from oversight.analysis.programme import (
    NO_THEME,
    NOT_A_BOARD,
    Move,
    Slot,
    board_rows,
    insert_urgent,
    several_themes,
)

JAN, FEB, MAR, APR = date(2026, 1, 8), date(2026, 2, 5), date(2026, 3, 5), date(2026, 4, 2)
BOARDS = [JAN, FEB, MAR, APR]


def test_board_rows_flag_a_board_with_no_theme_and_one_with_two():
    rows = board_rows(BOARDS, [Slot(1, JAN), Slot(2, MAR), Slot(3, MAR), Slot(4, APR)])
    assert [(r.board, r.reviews, r.flag) for r in rows] == [
        (JAN, (1,), ""),
        (FEB, (), NO_THEME),
        (MAR, (2, 3), several_themes(2)),
        (APR, (4,), ""),
    ]


def test_board_rows_flag_a_review_on_a_date_with_no_board():
    stray = date(2026, 2, 19)
    rows = board_rows([FEB], [Slot(1, FEB), Slot(2, stray), Slot(3, None)])
    assert [(r.board, r.planned, r.flag) for r in rows] == [
        (FEB, True, ""),
        (stray, False, NOT_A_BOARD),
    ]


def test_board_rows_with_no_boards_and_no_reviews_are_empty():
    assert board_rows([], []) == []


def test_several_themes_says_how_many():
    assert several_themes(3).startswith("3 themes")


def test_insert_urgent_moves_the_later_reviews_one_board_on():
    slots = [Slot(1, JAN), Slot(2, FEB), Slot(3, MAR), Slot(9, None)]
    moves = insert_urgent(BOARDS, slots, urgent=9, at=FEB)
    assert moves == [Move(9, None, FEB), Move(2, FEB, MAR), Move(3, MAR, APR)]


def test_insert_urgent_leaves_earlier_reviews_alone():
    moves = insert_urgent(BOARDS, [Slot(1, JAN), Slot(9, None)], urgent=9, at=FEB)
    assert moves == [Move(9, None, FEB)]


def test_insert_urgent_pushes_the_last_board_off_the_end():
    moves = insert_urgent(BOARDS, [Slot(4, APR), Slot(9, None)], urgent=9, at=APR)
    assert moves == [Move(9, None, APR), Move(4, APR, None)]


def test_insert_urgent_keeps_two_reviews_of_one_board_together():
    slots = [Slot(2, FEB), Slot(3, FEB), Slot(9, MAR)]
    moves = insert_urgent(BOARDS, slots, urgent=9, at=FEB)
    assert moves == [Move(9, MAR, FEB), Move(2, FEB, MAR), Move(3, FEB, MAR)]


def test_insert_urgent_already_at_the_board_moves_only_the_others():
    moves = insert_urgent(BOARDS, [Slot(9, FEB), Slot(2, FEB)], urgent=9, at=FEB)
    assert moves == [Move(2, FEB, MAR)]


def test_insert_urgent_moves_a_review_off_plan_to_the_next_board():
    stray = date(2026, 2, 19)
    moves = insert_urgent(BOARDS, [Slot(2, stray), Slot(9, None)], urgent=9, at=FEB)
    assert moves == [Move(9, None, FEB), Move(2, stray, MAR)]


def test_insert_urgent_refuses_a_date_that_is_not_a_board():
    with pytest.raises(ValueError, match="not a planned Board"):
        insert_urgent(BOARDS, [], urgent=9, at=date(2026, 2, 6))
