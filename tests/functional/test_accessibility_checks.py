"""The accessibility checks themselves: a small page built on the site's stylesheet passes
every check, and each deliberately broken variant of it fails the check that should catch it,
with a message that names the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.accessibility import (
    all_problems,
    axe_problems,
    chart_problems,
    keyboard_problems,
    print_problems,
    reading_order_problems,
    report,
)

pytestmark = pytest.mark.browser

SITE_CSS = (
    Path(__file__).resolve().parents[2] / "oversight" / "core" / "static" / "core" / "oversight.css"
).read_text()

CONTENT = """
<p class="lede">A page like the public ones. <a href="https://data.police.uk/">Police data</a>.</p>
<h2>Reported crime</h2>
<figure aria-labelledby="chart-caption">
  <svg role="img" aria-label="Reported crime rose from 3 in January to 7 in March"
       width="120" height="40"><rect width="120" height="40" fill="#1d3557"></rect></svg>
  <figcaption id="chart-caption">Reported crime, January to March.</figcaption>
  <details><summary>Data table for this chart</summary>
    <table><caption>Reported crime by month</caption>
      <thead><tr><th scope="col">Month</th><th scope="col">Count</th></tr></thead>
      <tbody><tr><th scope="row">January</th><td>3</td></tr>
             <tr><th scope="row">March</th><td>7</td></tr></tbody>
    </table>
  </details>
</figure>
<h3>Filter</h3>
<form class="stacked"><label for="area">Area</label>
  <select id="area"><option>Force</option><option>East</option></select>
  <p><button type="submit">Apply</button></p></form>
"""

# Replacements that break the page, each with the check that must notice and what it must say.
BROKEN = [
    pytest.param(
        (
            "<h2>Reported crime</h2>",
            '<h2>Reported crime</h2><img src="data:," width="9" height="9">',
        ),
        axe_problems,
        "axe image-alt (critical)",
        id="axe-missing-alt",
    ),
    pytest.param(
        (
            "<h2>Reported crime</h2>",
            '<h2>Reported crime</h2><img src="data:," width="9" height="9">',
        ),
        reading_order_problems,
        "image without a text alternative: <img",
        id="missing-alt",
    ),
    pytest.param(
        ("<h3>Filter</h3>", "<h4>Filter</h4>"),
        reading_order_problems,
        "heading level skips from h2 to h4",
        id="skipped-heading",
    ),
    pytest.param(
        ("<caption>Reported crime by month</caption>", ""),
        reading_order_problems,
        "table has no caption or aria-label",
        id="missing-caption",
    ),
    pytest.param(
        ('<th scope="row">January</th>', "<th>January</th>"),
        reading_order_problems,
        'header cell without scope (row or col): <th> "January"',
        id="missing-scope",
    ),
    pytest.param(
        ("<h3>Filter</h3>", "<h1>Filter</h1>"),
        reading_order_problems,
        "2 h1 headings (needs exactly one)",
        id="two-h1",
    ),
    pytest.param(
        ("<h3>Filter</h3>", '<h3>Filter</h3><p style="display: none">Only for some</p>'),
        reading_order_problems,
        "hidden only by CSS (use the hidden attribute, or show it): <p>",
        id="hidden-by-css",
    ),
    pytest.param(
        ('<footer class="site-footer">', '<div class="site-footer">'),
        reading_order_problems,
        "0 contentinfo (<footer>) landmarks",
        id="missing-footer",
    ),
    pytest.param(
        ('aria-label="Reported crime rose from 3 in January to 7 in March"', ""),
        chart_problems,
        "chart without a text alternative: <svg",
        id="chart-without-alt",
    ),
    pytest.param(
        ("<details>", "<details hidden>"),
        chart_problems,
        "chart not followed by a data table",
        id="chart-without-table",
    ),
    pytest.param(
        ('<a class="skip-link" href="#main">Skip to main content</a>', ""),
        keyboard_problems,
        'the first Tab stop is <a class="brand"',
        id="no-skip-link",
    ),
    pytest.param(
        ("</head>", "<style>.skip-link:focus { left: -9999px; }</style></head>"),
        keyboard_problems,
        "the skip link is not visible when focused",
        id="skip-link-hidden",
    ),
    pytest.param(
        ('href="#main"', 'href="#nowhere"'),
        keyboard_problems,
        "not a skip link to the main content",
        id="skip-link-broken",
    ),
    pytest.param(
        (
            "</head>",
            "<style>select:focus-visible { outline: none; box-shadow: none; }</style></head>",
        ),
        keyboard_problems,
        '<select id="area"> "Force East": no visible focus indicator',
        id="no-focus-outline",
    ),
    pytest.param(
        (
            "</head>",
            "<style>button:focus-visible { outline: 2px solid #fd0; box-shadow: none; }"
            "</style></head>",
        ),
        keyboard_problems,
        "focus indicator contrast 1.3:1 against its background (needs 3:1)",
        id="faint-focus-outline",
    ),
    pytest.param(
        (
            '<select id="area">',
            '<select id="area" onkeydown="event.key === \'Tab\' && event.preventDefault()">',
        ),
        keyboard_problems,
        'not reachable by Tab: <button type="submit"> "Apply"',
        id="keyboard-trap",
    ),
    pytest.param(
        ('<select id="area">', '<select id="area" tabindex="1">'),
        keyboard_problems,
        "Tab order is not page order",
        id="positive-tabindex",
    ),
    pytest.param(
        (
            "</head>",
            "<style>@media print { .site-header nav { display: block !important; } }</style>"
            "</head>",
        ),
        print_problems,
        "printed, but navigation, skip links and controls should not be: <nav",
        id="printed-navigation",
    ),
    pytest.param(
        (
            "</head>",
            "<style>@media print { .lede { color: #fff; background: #1d3557; } }</style></head>",
        ),
        print_problems,
        "printed text is not dark on white (rgb(255, 255, 255) on rgb(29, 53, 87))",
        id="printed-light-text",
    ),
    pytest.param(
        (
            "</head>",
            "<style>@media print { main a[href^='http']::after { content: none; } }</style></head>",
        ),
        print_problems,
        "printed external link does not show its address",
        id="printed-link",
    ),
]


def page_html(*, replace: tuple[str, str] | None = None) -> str:
    """Return the small test page on the site's stylesheet, with one replacement made."""
    html = f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Checks</title><style>{SITE_CSS}</style>
</head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap header-row"><a class="brand" href="#top">Oversight</a>
  <nav aria-label="Main"><ul class="nav"><li><a href="#plan">Plan</a></li></ul></nav></div>
</header>
<main id="main" class="wrap" tabindex="-1"><h1>Figures</h1>{CONTENT}</main>
<footer class="site-footer"><div class="wrap"><p>Published under the OGL.</p></div></footer>
</body></html>"""
    if replace:
        old, new = replace
        assert old in html, old
        html = html.replace(old, new, 1)
    return html


@pytest.fixture
def blank_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_the_well_made_page_passes_every_check(blank_page):
    blank_page.set_content(page_html())
    found = all_problems(blank_page)
    assert not found, report(found)


@pytest.mark.parametrize(("replace", "check", "expected"), BROKEN)
def test_each_check_reports_what_is_broken(blank_page, replace, check, expected):
    blank_page.set_content(page_html(replace=replace))
    problems = check(blank_page)
    assert any(expected in problem for problem in problems), "\n".join(problems)
