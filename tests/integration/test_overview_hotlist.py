"""The performance overview opens with the hot list and a "changed since the last Board" line;
its table has a sparkline a row and downloads, as filtered, as CSV and Excel."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from lxml import html

from oversight.performance.commentary import add_commentary
from oversight.performance.models import CommentaryKind
from oversight.performance.services import create_snapshot
from oversight.plans.models import Measure
from oversight.reports import hotlist
from tests.factories.board import PERIOD
from tests.factories.two_boards import CHANGED, PREVIOUS_PERIOD, two_boards

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com","Click")'


@pytest.fixture
def boards():
    return two_boards()


def _page(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("reports:overview") + query)
    assert response.status_code == 200
    return html.fromstring(response.content)


def _has(name: str) -> str:
    """Return an XPath test for an element of class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


CODE = f".//th//*[{_has('code')}]"
BADGE = f".//*[{_has('badge')}]"
SPARK = ".//*[local-name()='svg'][@role='img']"


def _hot_rows(doc):
    return doc.xpath(f"//section[{_has('hotlist')}]//table/tbody/tr")


def _code(row) -> str:
    return row.xpath(CODE)[0].text_content()


def _table_rows(doc):
    return doc.xpath(f"//table[{_has('overview')}]/tbody/tr[not({_has('group')})]")


def _table_codes(doc):
    return [_code(r) for r in _table_rows(doc)]


def _summary(doc) -> str:
    return " ".join(doc.xpath("//*[@id='changed-summary']")[0].text_content().split())


def test_the_hot_list_has_every_red_and_every_change_with_its_reasons(client, force, boards):
    expected = hotlist.hot_list_for(boards.current)
    reds = [i.row.measure_code for i in expected if i.is_red]
    changed = [i.row.measure_code for i in expected if i.previous_rating != i.row.rating]
    assert CHANGED in reds and CHANGED in changed and len(reds) > 3

    doc = _page(client, force)
    rows = _hot_rows(doc)
    codes = [_code(r) for r in rows]
    assert codes == [i.row.measure_code for i in expected]
    # Reds first.
    assert codes[: len(reds)] == reds
    for row, item in zip(rows, expected, strict=True):
        text = row.text_content()
        assert item.row.rating_label in row.xpath(BADGE)[0].text_content()
        assert item.row.deciding_reasons[0] in text
        for change in item.changes:
            assert change in text
        spark = row.xpath(SPARK)
        assert len(spark) == 1 and spark[0].get("aria-label").startswith(item.row.measure_code)
    changed_row = rows[codes.index(CHANGED)].text_content()
    assert "Rating Green → Red" in changed_row


def test_the_summary_counts_the_changes_and_names_the_previous_board(client, force, boards):
    summary = _summary(_page(client, force))
    expected = hotlist.hot_list_for(boards.current)
    worse = sum(
        1 for i in expected if i.previous_rating in ("amber", "green") and i.row.rating == "red"
    ) + sum(1 for i in expected if i.previous_rating == "green" and i.row.rating == "amber")
    assert "Changed since the last Board" in summary
    assert f"snapshot {boards.previous.pk} for {PREVIOUS_PERIOD}" in summary
    assert boards.previous.presented_at.strftime("%B %Y") in summary
    assert f"{worse} rating{'s' if worse != 1 else ''} worse" in summary


def test_the_hot_list_is_the_forces_whatever_the_area(client, force, boards):
    everything = [_code(r) for r in _hot_rows(_page(client, force))]
    doc = _page(client, force, "?bcu=west")
    assert [_code(r) for r in _hot_rows(doc)] == everything
    assert all("West Gwent BCU" in r.xpath("./th")[0].text_content() for r in _table_rows(doc))


def test_the_priority_and_theme_filters_narrow_the_hot_list(client, force, boards):
    everything = [_code(r) for r in _hot_rows(_page(client, force))]
    doc = _page(client, force, "?bcu=west&priority=P2")
    p2 = [_code(r) for r in _hot_rows(doc)]
    assert p2 and CHANGED not in p2  # a P1 measure
    assert p2 == [c for c in everything if c.startswith(("DA", "HC", "OP"))]
    assert _table_codes(doc) and all(c.startswith(("DA", "HC", "OP")) for c in _table_codes(doc))
    themed = [_code(r) for r in _hot_rows(_page(client, force, "?theme=neighbourhood-crime"))]
    assert CHANGED in themed and len(themed) < len(everything)


def test_a_first_board_has_only_its_reds(client, force, boards):
    doc = _page(client, force, f"?snapshot={boards.previous.pk}")
    assert "No earlier Board to compare with" in _summary(doc)
    assert _hot_rows(doc)
    assert all(r.xpath(BADGE)[0].text_content() == "Red" for r in _hot_rows(doc))


def test_every_table_row_has_its_sparkline(client, force, boards):
    doc = _page(client, force)
    rows = _table_rows(doc)
    assert len(rows) > 20
    for row in rows:
        spark = row.xpath(f"./td[{_has('num')}]" + SPARK[1:])
        assert len(spark) == 1 and spark[0].get("aria-label")


def _download(client, user, name, query=""):
    client.force_login(user)
    return client.get(reverse(name) + query)


def _csv_rows(response):
    lines = response.content.decode("utf-8-sig").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


@pytest.mark.parametrize("query", ["", "?bcu=east&sort=-rating", "?priority=P2&theme=hate-crime"])
def test_the_csv_has_the_rows_of_the_table_as_filtered(client, force, boards, query):
    table = _table_codes(_page(client, force, query))
    response = _download(client, force, "reports:overview_csv", query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    assert [r["Measure code"] for r in rows] == table
    disposition = response["Content-Disposition"]
    assert f"performance-overview-{PERIOD}-snapshot-{boards.current.pk}" in disposition
    assert "east" in disposition if "east" in query else "east" not in disposition
    assert response.content.decode("utf-8-sig").startswith(
        f"# Performance overview for {PERIOD}, snapshot {boards.current.pk}"
    )


def test_the_csv_carries_each_windows_change_rating_reasons_and_notes(client, force, boards):
    rows = {
        r["Measure code"]: r for r in _csv_rows(_download(client, force, "reports:overview_csv"))
    }
    changed = rows[CHANGED]
    assert changed["Rating"] == "Red"
    assert changed["Reasons"].startswith("Red: special cause concern")
    assert changed["Variation"] == "Special cause concern (high)"
    assert changed["Latest period"] == PERIOD
    assert float(changed["Value"]) > 0
    for title in ("Month on same month last year", "Year to date on last year"):
        assert changed[f"{title}: change"] and changed[f"{title}: significance"]
    assert set(rows[CHANGED]) >= {"Force commentary", "Scrutiny note", "Assurance", "Area"}


@pytest.fixture
def draft_with_a_formula(boards, force):
    """A draft for the next Board, whose live commentary on one measure starts a formula."""
    draft = create_snapshot(period=PERIOD, by=None)
    add_commentary(
        measure=Measure.objects.get(code=CHANGED),
        kind=CommentaryKind.FORCE_COMMENTARY,
        text=FORMULA,
        by=force,
    )
    return draft


def test_the_excel_file_has_the_same_rows_and_guards_formulas(client, force, draft_with_a_formula):
    query = f"?snapshot={draft_with_a_formula.pk}"
    response = _download(client, force, "reports:overview_xlsx", query)
    assert response.status_code == 200
    assert f"snapshot-{draft_with_a_formula.pk}.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Overview"]
    header, *cells = list(sheet.iter_rows())
    names = [c.value for c in header]
    csv_rows = _csv_rows(_download(client, force, "reports:overview_csv", query))
    assert [row[0].value for row in cells] == [r["Measure code"] for r in csv_rows]
    assert [row[0].value for row in cells] == _table_codes(_page(client, force, query))
    commentary = names.index("Force commentary")
    guarded = next(row for row in cells if row[0].value == CHANGED)[commentary]
    assert guarded.data_type == "s" and guarded.value == "'" + FORMULA
    by_code = {r["Measure code"]: r for r in csv_rows}
    assert by_code[CHANGED]["Force commentary"] == "'" + FORMULA
    # Values are numbers in Excel, not text.
    value = names.index("Value")
    assert all(isinstance(row[value].value, int | float) for row in cells if row[value].value)


def test_the_downloads_need_the_right_to_see_performance(client, panel, boards):
    for name in ("reports:overview_csv", "reports:overview_xlsx"):
        assert _download(client, panel, name).status_code == 403
        client.logout()
        assert client.get(reverse(name)).status_code == 302
