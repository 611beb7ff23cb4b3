"""The performance pages in Chromium: they load, filters and sorting work, charts draw, and axe
finds no accessibility violations."""

import pytest

pytestmark = pytest.mark.browser


def axe_violations(page) -> str:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


def test_overview_loads_filters_and_sorts(signed_in_page, live_server, board_snapshot, force):
    page = signed_in_page(force)
    page.goto(f"{live_server.url}/reports/")
    assert page.locator("h1").inner_text() == "Performance overview"
    assert page.locator("table.overview tbody th[scope=row]").count() > 20
    assert axe_violations(page) == ""

    page.select_option("#f-priority", "P2")
    page.click("text=Apply filters")
    page.wait_for_url("**priority=P2**")
    codes = page.locator("table.overview tbody th[scope=row] .code").all_inner_texts()
    assert codes and all(code.startswith(("DA", "HC", "OP")) for code in codes), codes

    page.select_option("#f-priority", "")
    page.select_option("#f-bcu", "west")
    page.click("text=Apply filters")
    page.wait_for_url("**bcu=west**")
    assert page.locator("text=(West Gwent BCU)").count() > 0

    page.click("table.overview thead a:has-text('Rating and reasons')")
    page.wait_for_url("**sort=rating**")
    header = page.locator("table.overview thead th[aria-sort=ascending]")
    assert "Rating" in header.inner_text()
    assert axe_violations(page) == ""


def test_measure_page_draws_the_interactive_chart(
    signed_in_page, live_server, board_snapshot, opcc
):
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/reports/measures/PUK01/")
    page.wait_for_selector("#chart-spc-caption")
    # vega-embed replaces the server-rendered fallback with its own SVG.
    page.wait_for_selector("[data-chart='chart-spc-spec'] .vega-embed svg", timeout=15000)
    assert page.locator("[data-chart='chart-spc-spec'] .chart-fallback").count() == 0
    page.click("text=Data table for this chart >> nth=0")
    assert page.locator("table.data-table").first.is_visible()
    assert page.locator("textarea#scrutiny-question").count() == 1
    assert axe_violations(page) == ""


def test_measure_page_works_without_javascript(browser, live_server, board_snapshot, opcc, client):
    from django.conf import settings

    client.force_login(opcc)
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/reports/measures/PUK01/")
    assert page.locator("[data-chart='chart-spc-spec'] .chart-fallback svg").count() == 1
    context.close()


def test_theme_page_loads_with_no_violations(signed_in_page, live_server, board_snapshot, force):
    page = signed_in_page(force)
    page.goto(f"{live_server.url}/reports/themes/")
    page.click("text=Youth offending")
    page.wait_for_url("**/reports/themes/youth-offending/")
    assert "Theme: Youth offending" in page.locator("h1").inner_text()
    page.wait_for_selector(".vega-embed svg", timeout=15000)
    assert axe_violations(page) == ""


def test_snapshot_page_and_html_pack_have_no_violations(
    signed_in_page, live_server, board_snapshot, opcc
):
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/reports/snapshots/{board_snapshot.pk}/")
    assert page.locator("text=Download the pack as PDF").count() == 1
    assert axe_violations(page) == ""
    page.goto(f"{live_server.url}/reports/snapshots/{board_snapshot.pk}/pack.html?theme=hate-crime")
    assert page.locator("h1").inner_text().startswith("Performance overview for")
    assert page.locator(".chart[role=img]").count() > 0
    assert axe_violations(page) == ""


def _csp_reports(page) -> list[str]:
    """Collect, as they happen, the console messages in which Chromium reports a CSP violation."""
    reports: list[str] = []
    page.on(
        "console",
        lambda message: (
            reports.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return reports


def test_measure_chart_draws_under_the_content_security_policy(
    signed_in_page, live_server, board_snapshot, opcc
):
    page = signed_in_page(opcc)
    violations = _csp_reports(page)
    response = page.goto(f"{live_server.url}/reports/measures/PUK01/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy + ";"
    page.wait_for_selector("[data-chart='chart-spc-spec'] .vega-embed svg", timeout=15000)
    assert page.locator("[data-chart='chart-spc-spec'] .chart-fallback").count() == 0
    # Hovering a point shows the tooltip, styled by the vendored stylesheet, not an inline one.
    page.locator("[data-chart='chart-spc-spec'] .mark-symbol.role-mark path").last.hover()
    tooltip = page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
    assert tooltip.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert violations == []


def test_theme_page_and_html_pack_raise_no_csp_violation(
    signed_in_page, live_server, board_snapshot, force
):
    page = signed_in_page(force)
    violations = _csp_reports(page)
    page.goto(f"{live_server.url}/reports/themes/youth-offending/")
    page.wait_for_selector(".vega-embed svg", timeout=15000)
    page.goto(f"{live_server.url}/reports/snapshots/{board_snapshot.pk}/pack.html?theme=hate-crime")
    assert page.locator(".chart[role=img]").count() > 0
    # The pack's inline stylesheet is allowed by its hash, so its print layout applies.
    assert page.locator("section.cover").evaluate("e => getComputedStyle(e).paddingTop") != "0px"
    assert violations == []
