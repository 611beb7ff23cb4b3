"""Accessibility checks for a page open in Chromium through Playwright.

Each check returns a list of problems in words (empty when the page passes), so a failing
test says what is wrong and where. `axe_problems`, `keyboard_problems` and `chart_problems`
leave the page as they found it (bar focus and scroll); `print_problems` emulates print and
then switches back to screen; `reading_order_problems` strips the page's styles, so run it
last or reload afterwards. `all_problems` runs every check in a safe order.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

# axe-core's rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no "wcag22a"
# tag: the 2.2 level A criteria it can test are tagged with the earlier versions), plus
# Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Helpers shared by the scripts below: a short description of an element, whether it is
# rendered, its text alternative, and colour arithmetic (WCAG relative luminance).
JS_HELPERS = r"""
const describe = (el) => {
  if (!el || el.nodeType !== 1) return String(el);
  let s = '<' + el.tagName.toLowerCase();
  for (const a of ['id', 'class', 'href', 'src', 'alt', 'role', 'aria-label', 'name', 'type']) {
    const v = el.getAttribute(a);
    if (v) s += ` ${a}="${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  }
  s += '>';
  const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ');
  return text ? `${s} "${text.length > 50 ? text.slice(0, 50) + '…' : text}"` : s;
};
const shown = (el) => {
  if (!el.checkVisibility({visibilityProperty: true, checkVisibilityCSS: true})) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};
const textOf = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id))
  .filter(Boolean).map((e) => e.textContent).join(' ').trim();
const textAlternative = (el) => {
  if (el.getAttribute('aria-labelledby')) {
    const t = textOf(el.getAttribute('aria-labelledby'));
    if (t) return t;
  }
  const label = (el.getAttribute('aria-label') || '').trim();
  if (label) return label;
  if (el.tagName === 'IMG') return (el.getAttribute('alt') || '').trim();
  const title = el.querySelector(':scope > title');
  if (title && title.textContent.trim()) return title.textContent.trim();
  return (el.getAttribute('title') || '').trim();
};
const rgba = (css) => {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const luminance = (c) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const backgroundOf = (el) => {
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0.5) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
};
"""

FOCUS_TOP = """() => {
  if (document.activeElement) document.activeElement.blur();
  window.scrollTo(0, 0);
  const root = document.documentElement;
  const before = root.getAttribute('tabindex');
  root.setAttribute('tabindex', '-1');
  root.focus({preventScroll: true});
  if (before === null) root.removeAttribute('tabindex'); else root.setAttribute('tabindex', before);
}"""

# Number, in DOM order, every element that keyboard users must be able to reach.
STAMP_FOCUSABLE = (
    "() => {"
    + JS_HELPERS
    + r"""
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex], '
    + '[contenteditable="true"]';
  const radios = new Set();
  const wanted = [];
  for (const el of document.querySelectorAll(selector)) {
    el.removeAttribute('data-a11y-order');
    if (el.disabled || el.closest('[inert]') || el.type === 'hidden') continue;
    const tabindex = el.getAttribute('tabindex');
    if (tabindex !== null && Number(tabindex) < 0) continue;
    const details = el.tagName === 'SUMMARY' && el.parentElement;
    if (details && details.querySelector(':scope > summary') !== el) continue;
    if (el.type === 'radio') {  // a radio group is one Tab stop
      const key = (el.form ? 'form' : '') + el.name;
      if (el.name && radios.has(key)) continue;
      radios.add(key);
    }
    if (!el.checkVisibility({visibilityProperty: true, checkVisibilityCSS: true})) continue;
    el.setAttribute('data-a11y-order', String(wanted.length));
    wanted.push(describe(el));
  }
  return wanted;
}"""
)

# Where focus is now, and whether it can be seen there (WCAG 2.4.7, 2.4.11 and 2.4.13).
FOCUS_STATE = (
    "() => {"
    + JS_HELPERS
    + r"""
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {outside: true};
  const order = el.getAttribute('data-a11y-order');
  const cs = getComputedStyle(el);
  const colours = [];
  const outlineWidth = parseFloat(cs.outlineWidth) || 0;
  if (cs.outlineStyle !== 'none' && outlineWidth >= 2) colours.push(rgba(cs.outlineColor));
  if (cs.boxShadow && cs.boxShadow !== 'none') {
    for (const part of cs.boxShadow.split(/,(?![^(]*\))/)) {
      const c = rgba(part);
      const sizes = part.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) || [];
      const thick = sizes.map((size) => Math.abs(parseFloat(size))).some((n) => n >= 2);
      if (c && c.a > 0 && thick) colours.push(c);
    }
  }
  const behind = backgroundOf(el.parentElement || el);
  const best = Math.max(0, ...colours.filter(Boolean).map((c) => contrast(c, behind)));
  let indicator = '';
  if (!colours.length) {
    indicator = 'no visible focus indicator (outline or box-shadow at least 2px)';
  } else if (best < 3) {
    indicator = `focus indicator contrast ${best.toFixed(1)}:1 against its background`
      + ' (needs 3:1)';
  }
  const r = el.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
    && r.left < innerWidth && r.top < innerHeight;
  const target = el.tagName === 'A' && (el.getAttribute('href') || '').startsWith('#')
    ? document.getElementById(decodeURIComponent(el.getAttribute('href').slice(1))) : null;
  return {
    outside: false, order: order === null ? null : Number(order), label: describe(el),
    indicator, inView, text: (el.textContent || '').trim(),
    targetsMain: !!(target && target.closest('main')),
    inMain: !!el.closest('main'),
  };
}"""
)


def axe_problems(page: Page) -> list[str]:
    """Return axe-core's WCAG 2.0–2.2 A/AA and best-practice violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    problems = []
    for violation in results.response["violations"]:
        targets = "; ".join(", ".join(map(str, node["target"])) for node in violation["nodes"])
        problems.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']} — at {targets}"
        )
    return problems


def _focus_top(page: Page, *, limit: int = 50) -> None:
    """Move focus out of the page above its top, so that the next Tab enters at the start
    (where elements with a positive tabindex come first)."""
    page.evaluate(FOCUS_TOP)
    for _ in range(limit):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => [document.body, null].includes(document.activeElement)"):
            return


INNER_STOPS = 3


def keyboard_problems(page: Page, *, max_presses: int = 250) -> list[str]:
    """Return what keyboard users cannot do: skip to the main content, reach every control in
    page order without being trapped, and see where focus is."""
    problems = []
    wanted = page.evaluate(STAMP_FOCUSABLE)
    _focus_top(page)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STATE)
    # "Skip to main content", or on a Welsh page "Neidio i'r prif gynnwys".
    says_skip = any(word in first["text"].lower() for word in ("skip", "neidio"))
    if first["outside"] or not says_skip or not first["targetsMain"]:
        label = "nothing" if first["outside"] else first["label"]
        problems.append(f"the first Tab stop is {label}, not a skip link to the main content")
    else:
        if not first["inView"]:
            problems.append(f"the skip link is not visible when focused: {first['label']}")
        page.keyboard.press("Enter")
        after = page.evaluate(FOCUS_STATE)
        if after["outside"] or not after["inMain"]:
            label = "nothing" if after["outside"] else after["label"]
            problems.append(f"Enter on the skip link moves focus to {label}, not into <main>")

    _focus_top(page)
    visited: list[int] = []
    left_page = False
    # Some controls take several Tab stops of their own (a date input's day, month and year);
    # focus staying on one element longer than that is a trap.
    stayed = 0
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["outside"]:
            left_page = True
            break
        if state["order"] is None:
            continue  # inside an iframe or a shadow root: not on the list, not a problem
        if visited and state["order"] == visited[-1]:
            stayed += 1
            if stayed > INNER_STOPS:
                problems.append(
                    f"keyboard trap: Tab does not move focus away from {state['label']}"
                )
                break
            continue
        stayed = 0
        if state["order"] in visited:
            left_page = True  # focus wrapped round to the top: every stop has been visited
            break
        if visited and state["order"] < visited[-1]:
            problems.append(
                f"Tab order is not page order: {wanted[visited[-1]]} is followed by "
                f"{state['label']}, which comes earlier in the page"
            )
        visited.append(state["order"])
        if state["indicator"]:
            problems.append(f"{state['label']}: {state['indicator']}")
        elif not state["inView"]:
            problems.append(f"{state['label']}: focused but off screen or hidden")
    if not left_page and not any(p.startswith("keyboard trap") for p in problems):
        problems.append(
            f"focus never left the page in {max_presses} Tab presses (a keyboard trap?)"
        )
    problems += [f"not reachable by Tab: {label}" for i, label in enumerate(wanted)
                 if i not in visited]  # fmt: skip
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return problems


READING_ORDER = (
    "() => {"
    + JS_HELPERS
    + r"""
  const problems = [];
  const quiet = (el) => el.closest('[hidden], [aria-hidden="true"], template, noscript, head');
  // Content that CSS hides from everyone but that is neither `hidden` nor aria-hidden is
  // read with styles off (and by some tools): it should be shown, or hidden properly.
  const skip = ['SCRIPT', 'STYLE', 'LINK', 'TEMPLATE', 'NOSCRIPT'];
  const cssHidden = [...document.body.querySelectorAll('*')].filter((el) => {
    if (quiet(el) || skip.includes(el.tagName) || el.closest('details:not([open])')) return false;
    if (!(el.textContent || '').trim()) return false;
    const cs = getComputedStyle(el);
    if (cs.display !== 'none' && cs.visibility !== 'hidden') return false;
    const parent = el.parentElement;  // report the outermost hidden element only
    return parent === document.body || parent.checkVisibility({visibilityProperty: true});
  });
  for (const el of cssHidden) {
    problems.push(`hidden only by CSS (use the hidden attribute, or show it): ${describe(el)}`);
  }

  document.querySelectorAll('link[rel~="stylesheet"], style').forEach((e) => e.remove());
  document.querySelectorAll('[style]').forEach((e) => e.removeAttribute('style'));

  const main = document.querySelectorAll('main, [role="main"]');
  const count = (sel, name) => {
    const found = [...document.querySelectorAll(sel)].filter((e) => !quiet(e)
      && !e.parentElement.closest('article, aside, main, nav, section, [role="main"]'));
    if (found.length !== 1) problems.push(`${found.length} ${name} landmarks (needs exactly one)`);
    return found[0];
  };
  const banner = count('header, [role="banner"]', 'banner (<header>)');
  if (main.length !== 1) problems.push(`${main.length} <main> landmarks (needs exactly one)`);
  const footer = count('footer, [role="contentinfo"]', 'contentinfo (<footer>)');
  const navs = [...document.querySelectorAll('nav, [role="navigation"]')].filter((e) => !quiet(e));
  if (!navs.length) problems.push('no <nav> landmark');
  if (navs.length > 1) {
    const names = navs.map((n) => textAlternative(n));
    if (names.some((n) => !n) || new Set(names).size !== names.length)
      problems.push(`${navs.length} <nav> landmarks without a distinct aria-label each`);
  }
  const before = (a, b) => a && b
    && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (banner && main[0] && !before(banner, main[0]))
    problems.push('the header does not come before <main>');
  if (footer && main[0] && !before(main[0], footer))
    problems.push('<main> does not come before the footer');

  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
    .filter((h) => !quiet(h));
  const level = (h) => Number(h.getAttribute('aria-level') || h.tagName.slice(1) || 2);
  const h1s = headings.filter((h) => level(h) === 1);
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 headings (needs exactly one)`);
  const h1 = h1s[0];
  if (h1 && main[0]) {
    if (!main[0].contains(h1)) problems.push(`the h1 is not inside <main>: ${describe(h1)}`);
    const content = 'h2, h3, h4, h5, h6, table, figure, form, section, article';
    const early = [...main[0].querySelectorAll(content)].find((e) => before(e, h1) && !quiet(e));
    if (early)
      problems.push(`the h1 does not come before the main content: ${describe(early)} is first`);
  }
  let previous = 0;
  for (const h of headings) {
    const l = level(h);
    if (previous && l > previous + 1)
      problems.push(`heading level skips from h${previous} to h${l}: ${describe(h)}`);
    if (!previous && l !== 1) problems.push(`the first heading is h${l}, not h1: ${describe(h)}`);
    previous = l;
  }

  for (const table of document.querySelectorAll('table')) {
    if (quiet(table) || ['presentation', 'none'].includes(table.getAttribute('role'))) continue;
    const caption = table.querySelector(':scope > caption');
    if (!(caption && caption.textContent.trim()) && !textAlternative(table))
      problems.push(`table has no caption or aria-label: ${describe(table)}`);
    const ths = [...table.querySelectorAll('th')];
    if (!ths.length) problems.push(`table has no header cells (th): ${describe(table)}`);
    for (const th of ths) {
      if (!['row', 'col', 'rowgroup', 'colgroup'].includes(th.getAttribute('scope')))
        problems.push(`header cell without scope (row or col): ${describe(th)}`
          + ` in ${describe(table)}`);
    }
  }
  for (const el of document.querySelectorAll('img, svg[role="img"], [role="img"]')) {
    if (quiet(el) || ['presentation', 'none'].includes(el.getAttribute('role'))) continue;
    if (el.parentElement.closest('[role="img"]')) continue;
    if (!textAlternative(el)) problems.push(`image without a text alternative: ${describe(el)}`);
  }
  return problems;
}"""
)


def reading_order_problems(page: Page) -> list[str]:
    """Return what goes wrong when the page is read with its styles removed: landmarks,
    the one h1 and heading levels, table captions and header scopes, text alternatives, and
    content hidden only by CSS. Strips the page's styles, so reload before reusing it."""
    return page.evaluate(READING_ORDER)


CHARTS = (
    "() => {"
    + JS_HELPERS
    + r"""
  const problems = [];
  const candidates = [...document.querySelectorAll('figure img, figure svg, [role="img"]')]
    .filter((el) => !el.closest('[aria-hidden="true"]')
      && !['presentation', 'none'].includes(el.getAttribute('role')));
  const charts = candidates.filter((el) => !candidates.some((o) => o !== el && o.contains(el)));
  for (const chart of charts) {
    if (!textAlternative(chart))
      problems.push(`chart without a text alternative: ${describe(chart)}`);
    // The table may be in the chart's figure or section, or be (or be in) the element
    // right after its figure, such as a <details> holding the chart's figures.
    const figure = chart.closest('figure');
    const scopes = [figure, chart.closest('section, article'), figure && figure.nextElementSibling]
      .filter(Boolean);
    const table = scopes.some((scope) => [scope, ...scope.querySelectorAll('table')].some(
      (t) => t.tagName === 'TABLE' && !t.closest('[hidden], [aria-hidden="true"]')
        && (chart.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)));
    if (!table)
      problems.push(`chart not followed by a data table in its figure or section, or right`
        + ` after its figure: ${describe(chart)}`);
  }
  return problems;
}"""
)


def chart_problems(page: Page) -> list[str]:
    """Return the charts (images in a figure, or role=img) that lack a text alternative or a
    data table after them: in the same figure or section, or right after the figure."""
    return page.evaluate(CHARTS)


PRINT = (
    "() => {"
    + JS_HELPERS
    + r"""
  const problems = [];
  const chrome = [...document.querySelectorAll('nav, [role="navigation"], form, button, '
    + 'input:not([type="hidden"]), select, textarea, a[href^="#"]')]
    .filter((el) => el.tagName !== 'A' || /skip/i.test(el.textContent));
  const printed = chrome.filter(shown);
  for (const el of printed) {
    if (printed.some((o) => o !== el && o.contains(el))) continue;
    problems.push(`printed, but navigation, skip links and controls should not be: `
      + describe(el));
  }
  const main = document.querySelector('main, [role="main"]');
  if (!main || !shown(main) || !main.innerText.trim())
    problems.push('the main content is not printed');
  const page = rgba(getComputedStyle(document.body).backgroundColor);
  if (page && page.a > 0.5 && luminance(page) < 0.8)
    problems.push('the page background is not white');
  const reported = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !shown(el) || reported.size >= 15) continue;
    const colour = getComputedStyle(el).color;
    const behind = backgroundOf(el);
    if (luminance(behind) < 0.8 || contrast(rgba(colour), behind) < 4.5) {
      const key = colour + getComputedStyle(el).backgroundColor + el.className;
      if (reported.has(key)) continue;
      reported.add(key);
      const on = `rgb(${behind.r}, ${behind.g}, ${behind.b})`;
      problems.push(`printed text is not dark on white (${colour} on ${on}): ${describe(el)}`);
    }
  }
  if (main) {
    for (const a of main.querySelectorAll('a[href^="http"]')) {
      const after = getComputedStyle(a, '::after').content;
      if (shown(a) && (!after || after === 'none' || after === 'normal'))
        problems.push(`printed external link does not show its address: ${describe(a)}`);
    }
  }
  return problems;
}"""
)


def print_problems(page: Page) -> list[str]:
    """Return what is wrong with the printed page: navigation, skip links and controls must
    not print; the main content must; text must be dark on white; external links in the
    main content must show their address."""
    page.emulate_media(media="print")
    try:
        return page.evaluate(PRINT)
    finally:
        page.emulate_media(media="screen")


CHECKS: dict[str, Callable[[Page], list[str]]] = {
    "axe": axe_problems,
    "keyboard": keyboard_problems,
    "charts": chart_problems,
    "print": print_problems,
    "reading order": reading_order_problems,  # last: it strips the styles
}


def all_problems(page: Page) -> dict[str, list[str]]:
    """Return each failing check's problems by name (the page's styles are stripped after)."""
    found = {name: check(page) for name, check in CHECKS.items()}
    return {name: problems for name, problems in found.items() if problems}


def report(found: dict[str, list[str]]) -> str:
    """Return the problems of `all_problems` as readable lines, one per problem."""
    return "\n".join(f"[{name}] {problem}" for name, items in found.items() for problem in items)
