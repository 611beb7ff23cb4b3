"""RAG ratings: rules, Grey for thin data, SPC and target bases, reasons in board words."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight.analysis.compstat import compstat
from oversight.analysis.periods import period_range
from oversight.analysis.rag import RagRule, Rating, SpcFacts, assess


def _spc(**overrides) -> SpcFacts:
    facts = {
        "variation_icon": "common_cause",
        "assurance_icon": None,
        "special_cause_type": "Common Cause",
        "point_type": "common_cause",
        "run_length": 0,
        "n_points": 24,
        "mean": 100.0,
        "lpl": 70.0,
        "upl": 130.0,
    }
    facts.update(overrides)
    return SpcFacts(**facts)


CONCERN = {
    "variation_icon": "concern_high",
    "special_cause_type": "7 Points Above CL",
    "point_type": "special_cause_concern",
    "run_length": 7,
}


def _series(before: float, after: float, **months: float) -> dict[str, float | None]:
    """2023-07..2024-06 at `before` a month, 2024-07..2025-06 at `after`, then overrides."""
    series: dict[str, float | None] = dict.fromkeys(period_range("2023-07", "2024-06"), before)
    series.update(dict.fromkeys(period_range("2024-07", "2025-06"), after))
    series.update({k.replace("_", "-")[1:]: v for k, v in months.items()})
    return series


def _assess(**overrides):
    args = {
        "rule": RagRule(),
        "spc": _spc(),
        "compstat": None,
        "latest_value": 100.0,
        "latest_period": "2025-06",
        "assessment_period": "2025-06",
        "target": None,
        "improvement": "down",
        "n_points": 24,
        "n_missing_last_12": 0,
    }
    args.update(overrides)
    return assess(**args)


# RagRule


def test_rag_rule_defaults_from_empty_dict():
    rule = RagRule.from_dict({})
    assert rule == RagRule()
    assert rule.to_dict() == {
        "basis": "spc",
        "amber_margin_pct": 5,
        "min_points": 12,
        "stale_after_months": 3,
        "max_missing_in_last_12": 2,
    }


def test_rag_rule_round_trips_through_dict():
    rule = RagRule.from_dict(
        {
            "basis": "spc_and_target",
            "amber_margin_pct": 2.5,
            "min_points": 15,
            "stale_after_months": 1,
            "max_missing_in_last_12": 0,
        }
    )
    assert RagRule.from_dict(rule.to_dict()) == rule


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"colour": "red"}, "colour"),
        ({"basis": "gut feeling"}, "basis"),
        ({"amber_margin_pct": -1}, "amber_margin_pct"),
        ({"amber_margin_pct": "5"}, "amber_margin_pct"),
        ({"amber_margin_pct": True}, "amber_margin_pct"),
        ({"amber_margin_pct": float("nan")}, "amber_margin_pct"),
        ({"min_points": 0}, "min_points"),
        ({"min_points": 12.5}, "min_points"),
        ({"stale_after_months": -1}, "stale_after_months"),
        ({"max_missing_in_last_12": 13}, "max_missing_in_last_12"),
        ({"max_missing_in_last_12": None}, "max_missing_in_last_12"),
    ],
)
def test_rag_rule_from_dict_names_the_bad_key(data, key):
    with pytest.raises(ValueError, match=f"^{key}"):
        RagRule.from_dict(data)


def test_rag_rule_from_dict_rejects_non_mapping():
    with pytest.raises(ValueError, match="mapping"):
        RagRule.from_dict(["spc"])  # type: ignore[arg-type]


def test_rating_values_are_lower_case_words():
    assert [r.value for r in Rating] == ["red", "amber", "green", "grey"]
    assert Rating.AMBER.label == "Amber"


# SpcFacts


def test_spc_facts_reject_unknown_point_type():
    with pytest.raises(ValueError, match="point_type"):
        _spc(point_type="special_cause_bad")


def test_spc_facts_reject_unknown_assurance_icon():
    with pytest.raises(ValueError, match="assurance_icon"):
        _spc(assurance_icon="pass")


@pytest.mark.parametrize(
    ("label", "run", "words"),
    [
        ("7 Points Above CL", 9, "9 months in a row above the mean"),
        ("7 Points Below CL", 7, "7 months in a row below the mean"),
        ("7 Point Trend (Increasing)", 7, "rising for 7 months in a row"),
        ("2 in 3 Below CL", 1, "2 of the last 3 months close to the lower process limit"),
        ("Above UCL", 1, "the latest month above the upper process limit (latest 140, limit 130)"),
        ("Above UCL", 2, "2 months in a row above the upper process limit (latest 140, limit 130)"),
        ("Common Cause", 0, "no unusual pattern"),
    ],
)
def test_spc_facts_pattern_in_words(label, run, words):
    assert _spc(special_cause_type=label, run_length=run).pattern(140) == words


# Grey


def test_grey_when_too_few_points():
    result = _assess(n_points=8)
    assert result.rating == Rating.GREY
    assert result.reasons == ("Grey: only 8 months of data (12 needed)",)
    assert result.headline == "Grey: only 8 months of data (12 needed)"


def test_grey_when_latest_data_is_stale():
    result = _assess(latest_period="2025-03", assessment_period="2025-07")
    assert result.rating == Rating.GREY
    assert result.reasons == ("Grey: latest data 2025-03 is 4 months old",)


def test_not_grey_when_latest_data_is_exactly_stale_after_months_old():
    assert _assess(latest_period="2025-04", assessment_period="2025-07").rating == Rating.GREEN


def test_grey_when_too_many_months_missing():
    result = _assess(n_missing_last_12=3)
    assert result.reasons == ("Grey: 3 of the last 12 months missing (at most 2 allowed)",)


def test_grey_when_no_data():
    result = _assess(latest_period=None, latest_value=None, n_points=0, spc=None)
    assert (result.rating, result.reasons) == (Rating.GREY, ("Grey: no data",))


def test_grey_lists_every_reason():
    result = _assess(n_points=5, n_missing_last_12=4, latest_period="2024-12", spc=None)
    assert result.rating == Rating.GREY
    assert result.reasons == (
        "Grey: only 5 months of data (12 needed)",
        "Grey: latest data 2024-12 is 6 months old",
        "Grey: 4 of the last 12 months missing (at most 2 allowed)",
        "Grey: no SPC analysis available",
    )


def test_grey_even_with_special_cause_improvement():
    improving = _spc(
        variation_icon="improvement_low",
        special_cause_type="7 Points Below CL",
        point_type="special_cause_improvement",
        run_length=7,
    )
    assert _assess(spc=improving, n_points=11).rating == Rating.GREY


def test_grey_when_target_basis_has_no_target():
    result = _assess(rule=RagRule(basis="target"), target=None)
    assert result.reasons == ("Grey: no target set",)


def test_grey_when_target_basis_has_no_direction():
    result = _assess(rule=RagRule(basis="target"), target=90, improvement="neutral")
    assert result.reasons == ("Grey: a target needs a direction of improvement",)


def test_target_basis_needs_no_spc():
    result = _assess(rule=RagRule(basis="target"), spc=None, target=120, improvement="down")
    assert result.rating == Rating.GREEN


def test_assess_rejects_latest_after_assessment_period():
    with pytest.raises(ValueError, match="after"):
        _assess(latest_period="2025-07", assessment_period="2025-06")


def test_assess_rejects_unknown_improvement():
    with pytest.raises(ValueError, match="improvement"):
        _assess(improvement="sideways")


# SPC basis


def test_red_on_special_cause_concern_with_compstat_context():
    facts = compstat(_series(1000, 1000, _2025_06=1180), "2025-06")
    result = _assess(spc=_spc(**CONCERN), compstat=facts, latest_value=1180)
    assert result.rating == Rating.RED
    assert result.reasons[0] == "Red: special cause concern — 7 months in a row above the mean"
    assert result.reasons[1] == (
        "+18% on the same month last year (1,180 against 1,000), significant"
    )
    assert result.reasons[2].startswith("+1.5% on the previous 12 months (12,180 against 12,000)")
    assert result.headline == (
        "Red: special cause concern — 7 months in a row above the mean; "
        "+18% on the same month last year (1,180 against 1,000), significant"
    )


def test_red_when_assurance_is_consistent_fail():
    result = _assess(spc=_spc(assurance_icon="consistent_fail"), target=60)
    assert result.rating == Rating.RED
    assert result.reasons == (
        "Red: the target of 60 lies outside the process limits (70 to 130): "
        "it will be missed consistently without a change",
    )


def test_red_lists_concern_and_consistent_fail():
    result = _assess(spc=_spc(**CONCERN, assurance_icon="consistent_fail"), target=60)
    assert [r[:5] for r in result.reasons] == ["Red: ", "Red: "]


def test_green_on_special_cause_improvement():
    improving = _spc(
        variation_icon="improvement_low",
        special_cause_type="7 Point Trend (Decreasing)",
        point_type="special_cause_improvement",
        run_length=8,
    )
    result = _assess(spc=improving)
    assert result.rating == Rating.GREEN
    assert result.reasons == ("Green: special cause improvement — falling for 8 months in a row",)


def test_amber_on_neutral_special_cause():
    neutral = _spc(
        variation_icon="neutral_high",
        special_cause_type="Above UCL",
        point_type="special_cause_neutral_high",
        run_length=1,
    )
    result = _assess(spc=neutral, improvement="neutral", latest_value=140)
    assert result.rating == Rating.AMBER
    assert result.reasons[0].startswith("Amber: unusual change (no direction of improvement)")


def test_green_on_common_cause():
    result = _assess()
    assert result.rating == Rating.GREEN
    assert result.reasons == (
        "Green: common cause variation — no unusual pattern (mean 100, limits 70 to 130)",
    )


def test_amber_on_common_cause_with_significant_rolling_12_deterioration():
    facts = compstat(_series(100, 130), "2025-06")
    assert facts.rolling_12.significance.significant
    result = _assess(compstat=facts, improvement="down")
    assert result.rating == Rating.AMBER
    assert result.reasons[0] == (
        "Amber: common cause variation, but significantly worse than the previous 12 months"
    )
    assert result.reasons[-1].startswith("+30% on the previous 12 months (1,560 against 1,200)")


def test_green_on_common_cause_with_significant_rolling_12_improvement():
    facts = compstat(_series(100, 130), "2025-06")
    assert _assess(compstat=facts, improvement="up").rating == Rating.GREEN


def test_green_on_common_cause_when_rolling_12_change_not_significant():
    facts = compstat(_series(10, 11), "2025-06")
    assert not facts.rolling_12.significance.significant
    assert _assess(compstat=facts, improvement="down").rating == Rating.GREEN


def test_incomplete_windows_are_context_but_not_headline():
    facts = compstat(_series(100, 100, _2024_06=None), "2025-06")
    result = _assess(compstat=facts)
    assert "no % change on the same month last year: no data for 2024-06" in result.reasons
    assert "no % change on the previous 12 months: no data for 2024-06" in result.reasons
    assert result.headline == result.reasons[0]


def test_headline_uses_complete_window_when_another_is_incomplete():
    facts = compstat(_series(100, 100, _2023_07=None), "2025-06")
    result = _assess(compstat=facts)
    assert result.reasons[1:] == (
        "0% on the same month last year (100 against 100), not significant",
        "no % change on the previous 12 months: no data for 2023-07",
    )
    assert result.headline == f"{result.reasons[0]}; {result.reasons[1]}"


# Target basis


@pytest.mark.parametrize(
    ("improvement", "latest", "rating", "words"),
    [
        ("up", 100, Rating.GREEN, "Green: meets the target of 100 (latest 100)"),
        ("up", 95, Rating.AMBER, "Amber: misses the target of 100 (latest 95) by 5.0%, within"),
        ("up", 94, Rating.RED, "Red: misses the target of 100 (latest 94) by 6.0%, beyond"),
        ("down", 90, Rating.GREEN, "Green: meets the target of 100 (latest 90)"),
        ("down", 104, Rating.AMBER, "Amber: misses the target of 100 (latest 104) by 4.0%"),
        ("down", 110, Rating.RED, "Red: misses the target of 100 (latest 110) by 10.0%"),
    ],
)
def test_target_basis_against_margin(improvement, latest, rating, words):
    result = _assess(
        rule=RagRule(basis="target"), target=100, latest_value=latest, improvement=improvement
    )
    assert result.rating == rating
    assert result.reasons[0].startswith(words)


def test_target_basis_zero_target_any_miss_is_red():
    result = _assess(rule=RagRule(basis="target"), target=0, latest_value=1, improvement="down")
    assert result.reasons == ("Red: misses the target of 0 (latest 1)",)


def test_target_margin_is_configurable():
    rule = RagRule(basis="target", amber_margin_pct=10)
    assert _assess(rule=rule, target=100, latest_value=92, improvement="up").rating == Rating.AMBER


# Both


def test_spc_and_target_takes_the_worse():
    rule = RagRule(basis="spc_and_target")
    result = _assess(rule=rule, target=100, latest_value=120, improvement="down")
    assert result.rating == Rating.RED
    assert result.reasons == (
        "Red: misses the target of 100 (latest 120) by 20.0%, beyond the 5% margin",
        "common cause variation — no unusual pattern (mean 100, limits 70 to 130)",
    )


def test_spc_and_target_tie_lists_both_as_deciding():
    rule = RagRule(basis="spc_and_target")
    result = _assess(rule=rule, spc=_spc(**CONCERN), target=100, latest_value=120)
    assert result.rating == Rating.RED
    assert result.reasons[0].startswith("Red: special cause concern")
    assert result.reasons[1].startswith("Red: misses the target")


def test_spc_and_target_green_when_both_green():
    rule = RagRule(basis="spc_and_target")
    result = _assess(rule=rule, target=110, latest_value=100, improvement="down")
    assert result.rating == Rating.GREEN
    assert len(result.reasons) == 2


# Properties

spc_facts = st.sampled_from(
    [
        _spc(),
        _spc(**CONCERN),
        _spc(assurance_icon="consistent_pass"),
        _spc(
            variation_icon="improvement_high",
            special_cause_type="Above UCL",
            point_type="special_cause_improvement",
            run_length=1,
        ),
    ]
)


@given(
    spc=spc_facts,
    n_points=st.integers(0, 40),
    min_points=st.integers(1, 30),
    basis=st.sampled_from(["spc", "target", "spc_and_target"]),
    target=st.one_of(st.none(), st.floats(0, 200)),
    latest=st.floats(0, 200),
    improvement=st.sampled_from(["up", "down", "neutral"]),
    n_missing=st.integers(0, 12),
    age=st.integers(0, 6),
)
def test_rag_never_green_when_too_few_points(
    spc, n_points, min_points, basis, target, latest, improvement, n_missing, age
):
    rule = RagRule(basis=basis, min_points=min_points)
    result = _assess(
        rule=rule,
        spc=spc,
        n_points=n_points,
        target=target,
        latest_value=latest,
        improvement=improvement,
        n_missing_last_12=n_missing,
        latest_period=["2025-06", "2025-05", "2025-04", "2025-03", "2025-02", "2025-01", "2024-12"][
            age
        ],
    )
    if n_points < min_points or n_missing > 2 or age > 3:
        assert result.rating == Rating.GREY
    assert result.reasons
    assert result.reasons[0].startswith(f"{result.rating.label}: ")
    assert result.headline.startswith(result.reasons[0])


def test_headline_cites_the_change_its_reason_speaks_of():
    from oversight.analysis.compstat import compstat as compute

    series = {f"2023-{m:02d}": 100.0 for m in range(7, 13)}
    series |= {f"2024-{m:02d}": 100.0 for m in range(1, 13)}
    series |= {f"2025-{m:02d}": 200.0 for m in range(1, 7)}
    series["2024-06"] = 300.0  # so the same month last year reads as an improvement
    facts = SpcFacts(
        variation_icon="common_cause",
        assurance_icon=None,
        special_cause_type="Common Cause",
        point_type="common_cause",
        run_length=0,
        n_points=24,
        mean=110.0,
        lpl=50.0,
        upl=170.0,
    )
    result = assess(
        rule=RagRule(),
        spc=facts,
        compstat=compute(series, "2025-06"),
        latest_value=200.0,
        latest_period="2025-06",
        assessment_period="2025-06",
        target=None,
        improvement="down",
        n_points=24,
        n_missing_last_12=0,
    )
    assert "previous 12 months" in result.headline.split(";")[0]
    assert "on the previous 12 months" in result.headline.split(";")[1]


def test_reasons_for_a_daily_rate_chart_speak_in_that_scale():
    facts = SpcFacts(
        variation_icon="concern_high",
        assurance_icon=None,
        special_cause_type="Above UCL",
        point_type="special_cause_concern",
        run_length=1,
        n_points=24,
        mean=1.1,
        lpl=0.73,
        upl=1.47,
        scale="a day",
        last_value=1.6,
    )
    assert facts.pattern(48.0).endswith("(latest 1.6 a day, limit 1.47 a day)")
