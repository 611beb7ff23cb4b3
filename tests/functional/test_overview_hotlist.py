"""The performance overview in Chromium opens with the hot list: every Red and every changed
rating with its reason and sparkline, no horizontal scrolling at 1,280 px, and no axe violation."""

import pytest

from oversight.reports import hotlist
from tests.factories.two_boards import CHANGED, two_boards
from tests.functional.accessibility import axe_problems

pytestmark = pytest.mark.browser


@pytest.fixture
def boards(transactional_db):
    return two_boards()


def test_the_overview_opens_with_every_red_and_every_change(
    signed_in_page, live_server, boards, force
):
    expected = hotlist.hot_list_for(boards.current)
    reds = {i.row.measure_code for i in expected if i.is_red}
    changed = {i.row.measure_code for i in expected if i.previous_rating != i.row.rating}
    assert CHANGED in reds & changed

    page = signed_in_page(force)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/reports/")
    hot = page.locator("section.hotlist")
    # The hot list comes before the filters and the table.
    assert page.evaluate(
        "() => !!(document.querySelector('section.hotlist').compareDocumentPosition("
        "document.querySelector('form.filters')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert "Changed since the last Board" in hot.locator("#changed-summary").inner_text()
    rows = hot.locator("tbody tr")
    listed = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        listed[row.locator("th .code").inner_text()] = row
    assert reds | changed <= set(listed)
    for item in expected:
        row = listed[item.row.measure_code]
        text = row.inner_text()
        assert item.row.rating_label in row.locator(".badge").inner_text()
        assert item.row.deciding_reasons[0] in text
        if item.previous_rating != item.row.rating:
            assert "Rating " in text and "→" in text
        spark = row.locator("svg[role=img]")
        assert spark.count() == 1
        assert spark.get_attribute("aria-label").startswith(item.row.measure_code)
    assert "Rating Green → Red" in listed[CHANGED].inner_text()
    # The table has a sparkline a row and the page does not scroll sideways.
    assert page.locator("table.overview tbody td.num svg.sparkline[role=img]").count() > 20
    width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], width
    assert axe_problems(page) == []

    # A BCU filter changes the table, not the hot list.
    page.select_option("#f-bcu", "west")
    page.click("text=Apply filters")
    page.wait_for_url("**bcu=west**")
    assert page.locator("section.hotlist tbody tr").count() == len(expected)
    assert page.locator("table.overview >> text=(West Gwent BCU)").count() > 0
    assert axe_problems(page) == []
