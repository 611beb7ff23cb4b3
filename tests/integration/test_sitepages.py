"""The public site is the Commissioner's: their name, colour and logo on every public page, the
accessibility statement, privacy notice and contact page (English and Welsh, written by the
Commissioner's team alone, every change audited), and a footer that says which month the data
runs to and when the next publication is due."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from oversight.accounts.models import AuditEvent
from oversight.meetings.models import Meeting
from oversight.performance import sample
from oversight.performance import services as performance
from oversight.sitepages import demo, services
from oversight.sitepages.models import Kind, SitePage
from tests.factories.people import persona
from tests.factories.publications import publish

pytestmark = pytest.mark.django_db

NAME = "Police and Crime Commissioner for Gwent"
NAME_CY = "Comisiynydd Heddlu a Throseddu Gwent"
PAGES = [reverse(f"sitepages:{kind.value}") for kind in Kind]


@pytest.fixture
def published(db):
    """A publication of June 2025, approved today."""
    plan = sample.build_plan(bcus=("east",))
    measure = sample.add_measure(plan, "M01")
    sample.add_series(measure, [100.0 + i % 3 for i in range(24)], start="2023-07", area="force")
    snapshot = performance.create_snapshot(period="2025-06", by=None)
    return publish(snapshot)


@pytest.fixture
def written(db):
    """The demo's three pages, written by the Commissioner's team."""
    persona("commissioners_team", "opcc")
    demo.load(stdout=io.StringIO())


def _tree(response) -> html.HtmlElement:
    assert response.status_code == 200, response.status_code
    return html.fromstring(response.content.decode())


def _tree_any(response) -> html.HtmlElement:
    return html.fromstring(response.content.decode())


def _words(element) -> str:
    return " ".join(element.text_content().split())


def _edit(kind: str = "contact") -> str:
    return reverse("sitepages_edit:edit", args=[kind])


def _form(**changes: str) -> dict[str, str]:
    return {
        "title": "Contact us",
        "body": "## Write to us\nOffice of the Commissioner\nCwmbran",
        "title_cy": "Cysylltu â ni",
        "body_cy": "## Ysgrifennwch atom\nSwyddfa'r Comisiynydd\nCwmbrân",
        **changes,
    }


# -- Whose site it is ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/public/", "/public/publications/", *PAGES])
def test_public_pages_name_the_commissioner_not_oversight(client, published, path):
    tree = _tree(client.get(path))
    header = _words(tree.xpath(".//header")[0])
    title = tree.findtext(".//title")
    assert NAME in header and NAME_CY in header
    assert title.endswith(f"· {NAME}")
    assert "Oversight" not in header and "Oversight" not in title
    assert tree.xpath(".//*[@class='brand-name-cy']")[0].get("lang") == "cy"


def test_the_home_page_with_nothing_published_is_the_commissioners_too(client, db):
    tree = _tree(client.get(reverse("publishing:index")))
    assert NAME in _words(tree.xpath(".//header")[0])
    assert "Oversight" not in tree.findtext(".//title")
    assert "Nothing has been published yet." in _words(tree.xpath(".//footer")[0])


def test_the_sign_in_page_seen_anonymously_is_the_commissioners(client, db):
    tree = _tree(client.get(reverse("accounts:login")))
    assert NAME in _words(tree.xpath(".//header")[0])
    assert "Oversight" not in tree.findtext(".//title")


def test_signed_in_pages_stay_oversights_but_public_pages_do_not(client, published, opcc):
    client.force_login(opcc)
    for internal in (reverse("home:home"), reverse("publications:list")):
        tree = _tree(client.get(internal))
        assert (
            _words(tree.xpath(".//a[contains(concat(' ', @class, ' '), ' brand ')]")[0])
            == "Oversight"
        ), internal
        assert tree.findtext(".//title").endswith("· Oversight"), internal
    tree = _tree(client.get(reverse("publishing:index")))
    assert NAME in _words(tree.xpath(".//header")[0])
    assert tree.findtext(".//title").endswith(f"· {NAME}")


def test_the_colour_is_served_as_a_stylesheet_linked_by_a_digest_of_it(client, db, settings):
    settings.BRAND_COLOUR = "#1d3557"
    response = client.get(reverse("sitepages:brand_css"))
    assert response["Content-Type"].startswith("text/css")
    assert response.content.decode().strip() == ":root { --brand: #1d3557; }"
    tree = _tree(client.get(reverse("publishing:index")))
    links = [
        link.get("href")
        for link in tree.xpath(".//link[@rel='stylesheet']")
        if "brand.css" in link.get("href")
    ]
    assert len(links) == 1 and "?v=" in links[0]
    settings.BRAND_COLOUR = "#00594f"
    again = _tree(client.get(reverse("sitepages:accessibility")))
    assert not any(link.get("href") == links[0] for link in again.xpath(".//link"))


def test_a_logo_set_is_shown_beside_the_name(client, db, settings):
    settings.COMMISSIONER_LOGO = "core/favicon.svg"
    tree = _tree(client.get(reverse("sitepages:contact")))
    logo = tree.xpath(".//header//img[@class='brand-logo']")[0]
    assert logo.get("src") == "/static/core/favicon.svg"
    # The name beside it says whose it is, so the picture adds nothing to read out.
    assert logo.get("alt") == ""
    settings.COMMISSIONER_LOGO = ""
    assert not _tree(client.get(reverse("sitepages:contact"))).xpath(".//img[@class='brand-logo']")


# -- The footer ------------------------------------------------------------------------------


def _footer(client, path: str) -> str:
    return _words(_tree(client.get(path)).xpath(".//footer")[0])


def test_the_footer_links_the_three_pages_in_english_and_welsh(client, published):
    tree = _tree(client.get(reverse("publishing:index")))
    links = {a.get("href"): _words(a) for a in tree.xpath(".//footer//a")}
    for path in PAGES:
        assert path in links
        assert f"/cy{path}" in links
    assert links["/cy/public/accessibility/"] == "Datganiad hygyrchedd"


def test_the_footer_says_the_data_month_and_when_the_next_publication_is_due(client, published):
    index = _footer(client, reverse("publishing:index"))
    assert "The figures on this page run to the end of June 2025." in index
    # No Board ahead: a month after the publication was approved.
    due = timezone.localdate(published.decided_at)
    month_on = dt.date(due.year + due.month // 12, due.month % 12 + 1, min(due.day, 28))
    assert "The next publication is due by" in index
    assert f"{month_on:%B} {month_on.year}" in index
    # A page of no one publication gives the latest publication's month.
    statement = _footer(client, reverse("sitepages:accessibility"))
    assert "The latest published figures run to the end of June 2025." in statement


def test_the_next_board_sets_the_date_and_a_kept_page_shows_a_moved_board(client, published):
    url = reverse("publishing:overview", args=[published.number])
    board = Meeting.objects.create(
        kind=Meeting.Kind.CSB, title="Strategic Board", date=timezone.localdate() + dt.timedelta(9)
    )
    first = client.get(url)
    words = f"{board.date.day} {board.date:%B %Y}"
    assert f"after the Commissioner's Strategic Board meets on {words}." in _footer(client, url)
    # The page is kept for the public; moving the Board draws it again, with a new tag.
    board.date += dt.timedelta(days=7)
    board.save()
    moved = client.get(url)
    assert moved["ETag"] != first["ETag"]
    assert f"{board.date.day} {board.date:%B %Y}" in _words(_tree(moved).xpath(".//footer")[0])
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_board_gone_by_does_not_set_the_date(client, published):
    Meeting.objects.create(
        kind=Meeting.Kind.CSB, title="Past Board", date=timezone.localdate() - dt.timedelta(1)
    )
    assert "The next publication is due by" in _footer(client, reverse("publishing:index"))


# -- The three pages -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(Kind))
def test_each_page_reads_in_english_and_in_welsh(client, written, kind):
    path = reverse(f"sitepages:{kind.value}")
    page = SitePage.objects.get(kind=kind)
    english = _tree(client.get(path))
    assert _words(english.xpath(".//h1")[0]) == page.title
    switch = english.xpath(".//p[@class='language-switch']/a")[0]
    assert switch.get("href") == f"/cy{path}" and switch.get("hreflang") == "cy"
    # The first way to ask for the Welsh, ?iaith=cy, leads to its address.
    assert client.get(path, {"iaith": "cy"}).url == f"/cy{path}"
    welsh = _tree(client.get(f"/cy{path}"))
    article = welsh.xpath(".//div[@class='site-page']")[0]
    assert welsh.get("lang") == "cy"
    assert _words(article.xpath(".//h1")[0]) == page.title_cy
    assert welsh.findtext(".//title").startswith(page.title_cy)
    assert welsh.xpath(".//p[@class='language-switch']/a")[0].get("href") == path


def test_the_accessibility_statement_has_what_the_regulations_require(client, written):
    tree = _tree(client.get(reverse("sitepages:accessibility")))
    sections = [
        _words(h)
        for h in tree.xpath(".//div[@class='site-page']//h2 | .//div[@class='site-page']//h3")
    ]
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in sections
    text = _words(tree.xpath(".//div[@class='site-page']")[0])
    assert "Equality and Human Rights Commission" in text
    assert "Equality Advisory and Support Service" in text
    assert "different format" in text
    eass = tree.xpath(
        ".//div[@class='site-page']//a[@href='https://www.equalityadvisoryservice.com/']"
    )
    assert eass, "the EASS address is a link"
    assert NAME in text


def test_the_public_home_links_the_three_pages(client, published):
    tree = _tree(client.get(reverse("publishing:index")))
    hrefs = {a.get("href") for a in tree.xpath(".//a")}
    assert set(PAGES) <= hrefs


def test_a_page_not_written_yet_says_so(client, db):
    tree = _tree(client.get(reverse("sitepages:privacy")))
    assert "This page has not been published yet." in _words(tree.xpath(".//main")[0])
    welsh = _tree(client.get("/cy" + reverse("sitepages:privacy")))
    assert "Nid yw'r dudalen hon wedi'i chyhoeddi eto." in _words(welsh.xpath(".//main")[0])


def test_what_is_typed_is_shown_as_text_with_headings_lists_and_links(client, opcc):
    services.save_page(
        kind="contact",
        title="Contact <b>us</b>",
        body="<script>alert(1)</script>\n\n## Write\n- e-mail a@opcc.example\n- https://example.org",
        title_cy="Cysylltu",
        body_cy="Testun",
        by=opcc,
    )
    response = client.get(reverse("sitepages:contact"))
    body = response.content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Contact &lt;b&gt;us&lt;/b&gt;" in body
    tree = _tree(response)
    assert [_words(h) for h in tree.xpath(".//div[@class='site-page']//h2")] == ["Write"]
    links = {a.get("href") for a in tree.xpath(".//div[@class='site-page']//li//a")}
    assert links == {"mailto:a@opcc.example", "https://example.org"}


# -- Writing them ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    for path in (reverse("sitepages_edit:index"), _edit()):
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302
            assert response.url.startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    "role", ["chief_constables_team", "partner", "panel_member", "administrator"]
)
def test_only_the_commissioners_team_writes_them(client, db, role):
    client.force_login(persona(role, f"sp-{role}"))
    assert client.get(reverse("sitepages_edit:index")).status_code == 403
    assert client.get(_edit()).status_code == 403
    assert client.post(_edit(), _form()).status_code == 403
    assert not SitePage.objects.exists()


def test_the_team_sees_every_page_and_which_welsh_awaits_a_translator(client, written, opcc):
    client.force_login(opcc)
    tree = _tree(client.get(reverse("sitepages_edit:index")))
    rows = [_words(row) for row in tree.xpath(".//tbody/tr")]
    assert len(rows) == 3
    assert all("Draft: not yet checked by a translator" in row for row in rows)


def test_a_page_not_written_starts_from_the_suggested_text(client, opcc):
    client.force_login(opcc)
    tree = _tree(client.get(_edit("accessibility")))
    body = tree.xpath(".//textarea[@name='body']")[0].text_content()
    assert "## Enforcement procedure" in body and "[e-mail address]" in body
    assert tree.xpath(".//textarea[@name='body_cy']")[0].get("lang") == "cy"


def test_an_edit_is_published_and_audited(client, opcc):
    client.force_login(opcc)
    response = client.post(_edit(), _form())
    assert response.status_code == 302 and response.url == reverse("sitepages_edit:index")
    page = SitePage.objects.get(kind="contact")
    assert (page.title, page.updated_by, page.welsh_reviewed) == ("Contact us", opcc, False)
    created = AuditEvent.objects.get(action="sitepages.created")
    assert created.actor == opcc and created.before is None
    assert created.after["body_cy"].startswith("## Ysgrifennwch atom")

    client.post(_edit(), _form(title="Get in touch", welsh_reviewed="on"))
    updated = AuditEvent.objects.get(action="sitepages.updated")
    assert updated.before["title"] == "Contact us" and updated.after["title"] == "Get in touch"
    assert updated.after["welsh_reviewed"] is True
    assert "Get in touch" in client.get(reverse("sitepages:contact")).content.decode()

    # Saving the same text again changes nothing, and records nothing.
    client.post(_edit(), _form(title="Get in touch", welsh_reviewed="on"))
    assert AuditEvent.objects.filter(action__startswith="sitepages.").count() == 2


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("title", "Enter the title: it cannot be empty."),
        ("body", "Enter the text: it cannot be empty."),
        ("title_cy", "Enter the title in welsh: it cannot be empty."),
        ("body_cy", "Enter the text in welsh: it cannot be empty."),
    ],
)
def test_an_empty_title_or_text_is_refused_with_a_clear_message(client, opcc, field, message):
    client.force_login(opcc)
    response = client.post(_edit(), _form(**{field: "   "}))
    assert response.status_code == 400
    summary = _words(_tree_any(response).xpath(".//div[@role='alert']")[0])
    assert "The page was not saved" in summary and message in summary
    assert not SitePage.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="sitepages.").exists()


def test_the_service_refuses_empty_text_whoever_calls_it(opcc):
    with pytest.raises(services.SitePageError, match="The Welsh text is empty"):
        services.save_page(
            kind="privacy", title="Privacy", body="Text", title_cy="Preifatrwydd", body_cy=" ",
            by=opcc,
        )  # fmt: skip
    assert not SitePage.objects.exists()


def test_an_unknown_page_is_not_found(client, opcc):
    client.force_login(opcc)
    assert client.get(_edit("cookies")).status_code == 404


def test_the_demo_writes_the_pages_once(db):
    persona("commissioners_team", "opcc")
    out = io.StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)
    assert SitePage.objects.count() == 3
    assert AuditEvent.objects.filter(action="sitepages.created").count() == 3
    assert "3 written" in out.getvalue() and "0 written, 3 already there" in out.getvalue()
    contact = SitePage.objects.get(kind="contact")
    assert "examples" in contact.body and "enghreifftiau" in contact.body_cy
