"""Each rating's headline is worded in Welsh when the snapshot is made, sealed into its record
and frozen into the publication, so the Welsh pages show it in Welsh; older ones fall back."""

import json

import pytest
from django.db import connection
from lxml import html

from oversight.performance import sample
from oversight.performance import services as performance
from oversight.performance.models import Assessment
from oversight.performance.record import canonical_row, verify
from oversight.publishing import services
from oversight.publishing.models import Publication
from tests.factories.people import persona

pytestmark = pytest.mark.django_db

PERIOD = "2025-06"
NO_WELSH = "dim fersiwn Gymraeg eto"


@pytest.fixture
def snapshot(opcc):
    plan = sample.build_plan(bcus=())
    # A year at 100 a month, then a year at 150: a rise, a concern for a measure that should fall.
    rising = sample.add_measure(plan, "M01", breakdowns=("force",))
    sample.add_series(rising, [100.0] * 12 + [150.0] * 12, start="2023-07")
    # A force-supplied value not yet in for the period: held at Grey before the chart is read.
    late = sample.add_measure(plan, "M02", breakdowns=("force",), source="force-supplied")
    sample.add_series(late, [40.0] * 23, start="2023-07", is_sample=True)
    return performance.create_snapshot(period=PERIOD, by=opcc)


@pytest.fixture
def published(snapshot, opcc):
    presented = performance.mark_presented(snapshot=snapshot, by=opcc)
    request = services.request_publication(snapshot=presented, by=opcc)
    return services.approve(
        publication=request,
        by=persona("commissioners_team", username="approver"),
        welsh_reason="Test plan: English only",
    )


def _cell(snapshot, code: str) -> Assessment:
    return snapshot.assessments.get(measure__code=code, area="force")


def test_the_assessment_words_its_headline_in_welsh_beside_the_english(snapshot):
    rated = _cell(snapshot, "M01")
    assert rated.rating == "red"
    assert rated.headline.startswith("Red: special cause concern — ")
    assert "on the same month last year (150 against 100)" in rated.headline
    assert rated.headline_cy.startswith("Coch: pryder achos arbennig — ")
    assert "ar yr un mis y llynedd (150 yn erbyn 100)" in rated.headline_cy
    held = _cell(snapshot, "M02")
    assert held.headline == f"Grey: no force-supplied value for {PERIOD} yet (the force)"
    assert held.headline_cy == f"Llwyd: dim gwerth gan yr heddlu ar gyfer {PERIOD} eto (yr heddlu)"


def test_the_welsh_headline_is_sealed_into_the_record(snapshot):
    assert verify(snapshot).ok
    cell = _cell(snapshot, "M01")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE performance_assessment SET headline_cy = %s WHERE id = %s",
            ["Gwyrdd: newidiwyd", cell.pk],
        )
    result = verify(snapshot)
    assert not result.ok
    assert f"assessment {cell.pk} (M01 force) no longer matches" in result.problems[0]


def test_a_row_without_welsh_hashes_as_rows_sealed_before_it_existed(snapshot):
    cell = _cell(snapshot, "M01")
    assert canonical_row(cell)["headline_cy"] == cell.headline_cy
    cell.headline_cy = ""
    assert "headline_cy" not in canonical_row(cell)


def _rating_text(client, publication: Publication, code: str) -> html.HtmlElement:
    response = client.get(f"/cy/public/publications/{publication.number}/measures/{code}/")
    assert response.status_code == 200
    (dd,) = html.fromstring(response.content).xpath("//dd[span[contains(@class, 'badge')]]")
    return dd


def test_the_welsh_measure_page_shows_the_welsh_headline(client, published):
    (frozen,) = [m for m in published.content["measures"] if m["code"] == "M01"]
    assert frozen["headline_cy"].startswith("Coch: ")
    dd = _rating_text(client, published, "M01")
    text = " ".join(dd.text_content().split())
    assert frozen["headline_cy"] in text
    assert frozen["headline"] not in text and NO_WELSH not in text
    assert not dd.xpath(".//*[@lang]")


def test_a_publication_frozen_before_the_welsh_headline_shows_the_english_marked(client, published):
    content = published.content
    for measure in content["measures"]:
        measure.pop("headline_cy")
    # As an older publication was frozen (the publishing services never rewrite one).
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE publishing_publication SET content = %s WHERE id = %s",
            [json.dumps(content), published.pk],
        )
    dd = _rating_text(client, published, "M01")
    (english,) = dd.xpath(".//*[@lang='en-GB']")
    assert english.text_content().startswith("Red: special cause concern")
    assert NO_WELSH in dd.text_content()
