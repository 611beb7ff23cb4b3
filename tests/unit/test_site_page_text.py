"""Site pages' text: headings, paragraphs with their line breaks, and bulleted lists; and when
the next publication is due."""

import datetime as dt

from oversight.analysis.publication_due import AT_BOARD, MONTH_AFTER, month_after, next_due
from oversight.display.page_text import Block, blocks, headings


def test_text_splits_into_headings_paragraphs_and_lists():
    text = (
        "First paragraph.\n\n## Contact\nE-mail: a@example.org\nTelephone: 01632 960 123\n\n"
        "- one\n* two\n\n### Smaller\nLast."
    )
    assert blocks(text) == [
        Block("p", ("First paragraph.",)),
        Block("h2", ("Contact",)),
        Block("p", ("E-mail: a@example.org", "Telephone: 01632 960 123")),
        Block("ul", ("one", "two")),
        Block("h3", ("Smaller",)),
        Block("p", ("Last.",)),
    ]


def test_a_list_straight_after_a_paragraph_line_starts_a_list():
    assert blocks("You should be able to:\n- zoom\n- listen\nThen more.") == [
        Block("p", ("You should be able to:",)),
        Block("ul", ("zoom", "listen")),
        Block("p", ("Then more.",)),
    ]


def test_windows_line_ends_and_blank_text():
    assert blocks("a\r\n\r\nb") == [Block("p", ("a",)), Block("p", ("b",))]
    assert blocks("") == []
    assert blocks("\n \n") == []


def test_markup_is_kept_as_text_for_the_template_to_escape():
    assert blocks("<script>x</script>") == [Block("p", ("<script>x</script>",))]


def test_headings_are_the_contents():
    assert headings("## One\ntext\n### Two") == ["One", "Two"]


def test_the_next_board_sets_the_next_publication():
    due = next_due(
        today=dt.date(2025, 7, 1),
        next_board=dt.date(2025, 7, 14),
        last_published=dt.date(2025, 6, 20),
    )
    assert (due.date, due.basis, due.overdue) == (dt.date(2025, 7, 14), AT_BOARD, False)


def test_with_no_board_ahead_it_is_a_month_after_the_last_publication():
    due = next_due(today=dt.date(2025, 7, 1), next_board=None, last_published=dt.date(2025, 6, 20))
    assert (due.date, due.basis, due.overdue) == (dt.date(2025, 7, 20), MONTH_AFTER, False)
    late = next_due(today=dt.date(2025, 9, 1), next_board=None, last_published=dt.date(2025, 6, 20))
    assert late.overdue


def test_nothing_known_means_nothing_due():
    assert next_due(today=dt.date(2025, 7, 1), next_board=None, last_published=None) is None


def test_a_month_after_the_31st_is_the_end_of_a_shorter_month():
    assert month_after(dt.date(2025, 1, 31)) == dt.date(2025, 2, 28)
    assert month_after(dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)
    assert month_after(dt.date(2025, 12, 15)) == dt.date(2026, 1, 15)
