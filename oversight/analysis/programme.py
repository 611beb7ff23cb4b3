"""The rolling programme of thematic reviews: one theme for each Strategic Board (paper [5, 6, 9]).

Pure scheduling logic over plain data: which Boards have no theme or more than one, and
which reviews move when an urgent theme is put in front of them after a significant event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Slot:
    """A review's place on the programme: its id and the Board it is scheduled for."""

    review: int
    board: date | None


@dataclass(frozen=True)
class Move:
    """One review moved from one Board to another; `to` None means no later Board is planned."""

    review: int
    start: date | None
    to: date | None


@dataclass(frozen=True)
class BoardRow:
    """One Board of the programme, the reviews scheduled for it and a flag if it needs one."""

    board: date
    reviews: tuple[int, ...]
    planned: bool
    flag: str


NO_THEME = "No theme: every Board should have one thematic presentation"
NOT_A_BOARD = "No Board is planned on this date"


def several_themes(count: int) -> str:
    """Return the flag for a Board with `count` themes (more than one)."""
    return f"{count} themes: every Board should have one thematic presentation"


def board_rows(boards: Iterable[date], slots: Iterable[Slot]) -> list[BoardRow]:
    """Return every Board in date order with its reviews, flagging none, several or no Board.

    A review scheduled for a date that is not in `boards` gets a row of its own, flagged.
    """
    planned = set(boards)
    by_board: dict[date, list[int]] = {day: [] for day in planned}
    for slot in slots:
        if slot.board is not None:
            by_board.setdefault(slot.board, []).append(slot.review)
    rows = []
    for day in sorted(by_board):
        reviews = tuple(by_board[day])
        if day not in planned:
            flag = NOT_A_BOARD
        elif not reviews:
            flag = NO_THEME
        elif len(reviews) > 1:
            flag = several_themes(len(reviews))
        else:
            flag = ""
        rows.append(BoardRow(board=day, reviews=reviews, planned=day in planned, flag=flag))
    return rows


def insert_urgent(
    boards: Sequence[date], slots: Iterable[Slot], *, urgent: int, at: date
) -> list[Move]:
    """Return the moves that put review `urgent` at Board `at` and move the later ones on.

    Every other review scheduled for `at` or a later Board moves one Board on (the next date
    in `boards`), so the programme keeps its order; a review on the last Board gets `to` None.
    `slots` should hold only the reviews that may still move (not yet presented). The urgent
    review's own move comes first.
    """
    ordered = sorted(set(boards))
    if at not in ordered:
        raise ValueError(f"{at.isoformat()} is not a planned Board")
    following = {
        day: (ordered[i + 1] if i + 1 < len(ordered) else None) for i, day in enumerate(ordered)
    }
    moves: list[Move] = []
    current = None
    later: list[Slot] = []
    for slot in slots:
        if slot.review == urgent:
            current = slot.board
        elif slot.board is not None and slot.board >= at:
            later.append(slot)
    if current != at:
        moves.append(Move(review=urgent, start=current, to=at))
    for slot in sorted(later, key=lambda s: (s.board, s.review)):
        if slot.board in following:
            to = following[slot.board]
        else:
            # Scheduled on a date that is no planned Board: to the first Board after it.
            to = next((day for day in ordered if day > slot.board), None)
        moves.append(Move(review=slot.review, start=slot.board, to=to))
    return moves
