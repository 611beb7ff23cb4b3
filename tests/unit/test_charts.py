"""Chart specs: layers, markers, rebases, text alternatives and data tables; offline rendering."""

import json

import pytest

from oversight.analysis.spc import Point, xmr
from oversight.display.charts import breakdown_chart, small_multiples, spc_chart, to_png, to_svg

# Twelve months around 10 then seven at 20: a shift above the mean at the end.
VALUES = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 9, 20, 21, 19, 20, 22, 21, 20]


def series(values=VALUES, start_year=2024):
    return [Point(f"{start_year + (i // 12)}-{i % 12 + 1:02d}", v) for i, v in enumerate(values)]


@pytest.fixture
def spc():
    return xmr(series(), improvement="down", target=12).to_dict()


def layers(spec):
    return spec["layer"]


def test_spc_chart_draws_limits_values_and_marked_points(spc):
    chart = spc_chart(spc, title="Burglary — Force", unit_title="Count", target=12)
    spec = chart.spec
    assert spec["title"] == "Burglary — Force"
    lines, values, points = layers(spec)[:3]
    assert lines["transform"][0]["fold"] == [
        "Mean",
        "Upper process limit",
        "Lower process limit",
        "Target",
    ]
    assert values["mark"]["type"] == "line"
    assert points["encoding"]["shape"]["field"] == "signal"
    assert points["encoding"]["color"]["field"] == "signal"
    tooltip_fields = [t["field"] for t in points["encoding"]["tooltip"]]
    assert "label" in tooltip_fields
    assert points["encoding"]["y"]["title"] == "Count"
    assert points["encoding"]["x"]["title"] == "Month"
    rows = spec["data"]["values"] if "values" in spec.get("data", {}) else None
    assert rows is not None and len(rows) == len(VALUES)
    assert rows[-1]["signal"] == "Special cause concern"
    assert rows[-1]["label"] in ("7 Points Above CL", "Above UCL")


def test_spc_chart_text_alternative_and_table(spc):
    chart = spc_chart(spc, title="Burglary — Force", unit_title="Count", target=12)
    assert chart.alt_text.startswith("Burglary — Force: latest value 20 in Jul 2025")
    assert "process limits" in chart.alt_text and "target 12" in chart.alt_text
    assert "Special cause concern (high)" in chart.alt_text
    assert chart.table.columns == ("Month", "Value", "Special cause")
    assert chart.table.rows[0][:2] == ("Jan 2024", "10")
    assert chart.table.rows[-1] == ("Jul 2025", "20", "Above UCL")
    assert len(chart.table.rows) == len(VALUES)
    assert "mean" in chart.table.caption


def test_rebase_is_drawn_and_said():
    result = xmr(series(), improvement="down", rebase=["2025-01"]).to_dict()
    chart = spc_chart(result, title="Rebased", unit_title="Count")
    texts = [layer for layer in layers(chart.spec) if layer["mark"]["type"] == "text"]
    assert texts and texts[0]["data"]["values"][0]["text"] == "Rebased Jan 2025"
    assert "rebased in Jan 2025" in chart.alt_text
    assert chart.table.caption.count("from ") == 2


def test_missing_month_is_a_gap_in_table_and_chart():
    points = series()
    points[3] = Point(points[3].period, None)
    chart = spc_chart(xmr(points, improvement="up").to_dict(), title="Gap")
    assert chart.table.rows[3][1:] == ("–", "Missing month")
    assert "isValid(datum.value)" in json.dumps(chart.spec)


def test_small_multiples_facet_by_area(spc):
    chart = small_multiples([("East", spc), ("West", spc)], title="By BCU", unit_title="Count")
    assert chart.spec["facet"]["field"] == "area"
    assert chart.table.columns == ("Month", "East", "West")
    assert chart.alt_text.startswith("By BCU, one small chart per area. East 20 in Jul 2025")


def test_breakdown_chart_compares_groups_by_shape_and_dash():
    chart = breakdown_chart(
        [("Under 18", {"2025-01": 5, "2025-02": 7}), ("18 and over", {"2025-01": 50})],
        title="By age",
    )
    lines, points = chart.spec["layer"]
    assert lines["encoding"]["strokeDash"]["field"] == "series"
    assert points["encoding"]["shape"]["field"] == "series"
    assert chart.table.rows == (("Jan 2025", "5", "50"), ("Feb 2025", "7", "–"))
    assert "Under 18 7 in Feb 2025" in chart.alt_text


def test_render_svg_and_png_offline(spc):
    chart = spc_chart(spc, title="Offline", unit_title="Count")
    svg = to_svg(chart.spec)
    assert svg.startswith("<svg") and "Offline" in svg and "Month" in svg
    png = to_png(chart.spec, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_specs_are_valid_vega_lite(spc):
    import altair as alt

    rebased = xmr(series(), improvement="down", rebase=["2025-01"]).to_dict()
    alt.LayerChart.from_dict(spc_chart(rebased, title="Valid", target=12).spec)
    alt.FacetChart.from_dict(small_multiples([("East", spc)], title="Valid").spec)
    alt.LayerChart.from_dict(breakdown_chart([("All", {"2025-01": 1})], title="Valid").spec)


def test_a_welsh_chart_draws_its_words_and_months_in_welsh(spc):
    from django.utils import translation

    with translation.override("cy"):
        chart = spc_chart(spc, title="Byrgleriaeth", unit_title="Nifer", target=12)
        svg = to_svg(chart.spec)
    lines = layers(chart.spec)[0]
    assert lines["transform"][0]["fold"] == [
        "Cymedr",
        "Terfyn proses uchaf",
        "Terfyn proses isaf",
        "Targed",
    ]
    # The legends, the axis title and the axis's months are drawn in Welsh, none in English.
    for words in ("Llinellau", "Pwyntiau", "Mis", "Pryder achos arbennig", "Ion 2025"):
        assert words in svg, words
    for words in ("Lines", "Points", "Mean", "Jan 2025", "Special cause concern"):
        assert words not in svg, words
    assert chart.table.rows[-1][-1] == "Uwchlaw'r terfyn uchaf"


def test_an_english_chart_keeps_the_renderers_month_names(spc):
    svg = to_svg(spc_chart(spc, title="Burglary", unit_title="Count").spec)
    assert "Jan 2025" in svg and "Lines" in svg
