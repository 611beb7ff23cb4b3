"""Plain English for the public: every special-cause label × every direction of improvement,
holds, Greys, Reds the chart does not explain, runs and the range's basis."""

import pytest

from oversight.analysis import spc
from oversight.display import plain

UP, DOWN, NEUTRAL = "up", "down", "neutral"
WORSE_LOWER = " — worse than usual, because lower is better for this measure."
BETTER_LOWER = " — better than usual, because lower is better for this measure."
WORSE_HIGHER = " — worse than usual, because higher is better for this measure."
BETTER_HIGHER = " — better than usual, because higher is better for this measure."

HIGHER = "Higher than usual: the latest month was above the range we would expect from the last three years"  # noqa: E501
LOWER = "Lower than usual: the latest month was below the range we would expect from the last three years"  # noqa: E501
USUAL = "Within the usual range: the latest month was in the range we would expect from the last three years."  # noqa: E501

# (label, direction) → the sentence, worked out by hand.
EXPECTED = {
    (spc.ABOVE_UCL, UP): HIGHER + BETTER_HIGHER,
    (spc.ABOVE_UCL, DOWN): HIGHER + WORSE_LOWER,
    (spc.ABOVE_UCL, NEUTRAL): HIGHER + ".",
    (spc.BELOW_LCL, UP): LOWER + WORSE_HIGHER,
    (spc.BELOW_LCL, DOWN): LOWER + BETTER_LOWER,
    (spc.BELOW_LCL, NEUTRAL): LOWER + ".",
    (spc.SHIFT_ABOVE, UP): "Higher than average for 7 months in a row" + BETTER_HIGHER,
    (spc.SHIFT_ABOVE, DOWN): "Higher than average for 7 months in a row" + WORSE_LOWER,
    (spc.SHIFT_ABOVE, NEUTRAL): "Higher than average for 7 months in a row.",
    (spc.SHIFT_BELOW, UP): "Lower than average for 7 months in a row" + WORSE_HIGHER,
    (spc.SHIFT_BELOW, DOWN): "Lower than average for 7 months in a row" + BETTER_LOWER,
    (spc.SHIFT_BELOW, NEUTRAL): "Lower than average for 7 months in a row.",
    (spc.TWO_IN_THREE_ABOVE, UP): (
        "Close to the top of the usual range in two of the last three months" + BETTER_HIGHER
    ),
    (spc.TWO_IN_THREE_ABOVE, DOWN): (
        "Close to the top of the usual range in two of the last three months" + WORSE_LOWER
    ),
    (spc.TWO_IN_THREE_ABOVE, NEUTRAL): (
        "Close to the top of the usual range in two of the last three months."
    ),
    (spc.TWO_IN_THREE_BELOW, UP): (
        "Close to the bottom of the usual range in two of the last three months" + WORSE_HIGHER
    ),
    (spc.TWO_IN_THREE_BELOW, DOWN): (
        "Close to the bottom of the usual range in two of the last three months" + BETTER_LOWER
    ),
    (spc.TWO_IN_THREE_BELOW, NEUTRAL): (
        "Close to the bottom of the usual range in two of the last three months."
    ),
    (spc.TREND_UP, UP): (
        "Rising for 7 months in a row — getting better, because higher is better for this measure."
    ),
    (spc.TREND_UP, DOWN): (
        "Rising for 7 months in a row — getting worse, because lower is better for this measure."
    ),
    (spc.TREND_UP, NEUTRAL): "Rising for 7 months in a row.",
    (spc.TREND_DOWN, UP): (
        "Falling for 7 months in a row — getting worse, because higher is better for this measure."
    ),
    (spc.TREND_DOWN, DOWN): (
        "Falling for 7 months in a row — getting better, because lower is better for this measure."
    ),
    (spc.TREND_DOWN, NEUTRAL): "Falling for 7 months in a row.",
    (spc.COMMON_CAUSE, UP): USUAL,
    (spc.COMMON_CAUSE, DOWN): USUAL,
    (spc.COMMON_CAUSE, NEUTRAL): USUAL,
}


def test_every_label_of_the_spc_engine_has_words_for_every_direction():
    assert plain.SIGN == spc._LABEL_SIGN
    assert set(EXPECTED) == {(label, d) for label in spc._LABEL_SIGN for d in (UP, DOWN, NEUTRAL)}


@pytest.mark.parametrize(("label", "improvement"), sorted(EXPECTED))
def test_a_label_in_words_for_each_direction(label, improvement):
    # Green, so no sentence about the rating is added.
    found = plain.sentences(label, improvement=improvement, rating="green")
    assert found == (EXPECTED[(label, improvement)],)


@pytest.mark.parametrize(
    ("label", "improvement"),
    [(spc.SHIFT_ABOVE, DOWN), (spc.ABOVE_UCL, DOWN), (spc.TREND_DOWN, UP), (spc.BELOW_LCL, UP)],
)
def test_a_red_explained_by_its_chart_says_nothing_more(label, improvement):
    found = plain.sentences(label, improvement=improvement, rating="red")
    assert found == (EXPECTED[(label, improvement)],)


def test_a_measure_not_yet_in_is_not_rated_whatever_its_chart():
    found = plain.sentences(spc.ABOVE_UCL, improvement=DOWN, rating="grey", hold="not_ready")
    assert found == ("Not rated this month: the figures are not yet available.",)


def test_a_break_under_review_is_not_rated():
    found = plain.sentences(spc.SHIFT_ABOVE, improvement=DOWN, rating="grey", hold="break_review")
    assert found == ("Not rated this month: a change in how crimes are recorded is being checked.",)


def test_another_grey_has_not_enough_figures():
    found = plain.sentences(spc.COMMON_CAUSE, improvement=UP, rating="grey")
    assert found == ("Not rated this month: there are not yet enough figures to judge it.",)


def test_a_red_on_a_target_out_of_reach_says_so():
    found = plain.sentences(
        spc.COMMON_CAUSE, improvement=UP, rating="red", assurance="consistent_fail"
    )
    assert found == (USUAL, "Rated Red because at its usual level it will not meet its target.")


def test_a_red_on_a_missed_target_says_so():
    found = plain.sentences(spc.SHIFT_BELOW, improvement=DOWN, rating="red")
    assert found[1] == "Rated Red because it is further from its target than the plan allows."


def test_a_red_the_board_decided_says_so():
    found = plain.sentences(spc.COMMON_CAUSE, improvement=UP, rating="red", overridden=True)
    assert found[1] == (
        "Rated Red by the Commissioner's Strategic Board after looking at the figures."
    )


@pytest.mark.parametrize(
    ("rating", "words"),
    [
        ("red", "Rated Red because it is further from its target than the plan allows."),
        ("amber", "Rated Amber because it is just short of its target."),
        ("green", "Rated Green because it is meeting its target."),
        ("grey", "Not rated this month: there are not yet enough figures to judge it."),
    ],
)
def test_a_rating_with_no_chart_is_given_in_words(rating, words):
    assert plain.sentences(None, improvement=UP, rating=rating) == (words,)


def test_a_longer_run_is_quoted_as_it_is():
    assert plain.sentences(spc.SHIFT_ABOVE, improvement=NEUTRAL, rating="amber", run=9) == (
        "Higher than average for 9 months in a row.",
    )
    assert plain.sentences(spc.ABOVE_UCL, improvement=NEUTRAL, rating="amber", run=3)[0] == (
        "Higher than usual: the last 3 months were above the range we would expect from the "
        "last three years."
    )


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (None, "the last three years"),
        (36, "the last three years"),
        (24, "the last two years"),
        (12, "the last year"),
        (21, "the last 21 months"),
    ],
)
def test_the_range_names_the_months_it_comes_from(months, words):
    assert plain.basis_words(months) == words


def test_the_latest_signal_and_its_run_skip_missing_months():
    points = [
        {"value": 1.0, "special_cause_type": spc.COMMON_CAUSE},
        {"value": 5.0, "special_cause_type": spc.SHIFT_ABOVE},
        {"value": None, "special_cause_type": None},
        {"value": 6.0, "special_cause_type": spc.SHIFT_ABOVE},
    ]
    assert plain.latest_signal(points) == (spc.SHIFT_ABOVE, 2)
    assert plain.latest_signal([]) == (None, 0)


def test_describe_spc_reads_the_chart_and_its_last_group():
    points = [{"value": float(i), "special_cause_type": spc.ABOVE_UCL} for i in range(2)]
    chart = {"points": points, "groups": [{"n": 36}, {"n": 21}], "assurance_icon": None}
    assert plain.describe_spc(chart, improvement=DOWN, rating="red") == (
        "Higher than usual: the last 2 months were above the range we would expect from the "
        "last 21 months — worse than usual, because lower is better for this measure."
    )
    assert plain.describe_spc(None, improvement=DOWN, rating="green") == (
        "Rated Green because it is meeting its target."
    )


# The same rules in Welsh, for the Welsh public pages (frozen beside the English).


def test_welsh_words_follow_the_same_rules():
    assert plain.sentences("Above UCL", improvement="down", rating="red", language="cy") == (
        "Yn uwch na'r arfer: roedd y mis diweddaraf uwchlaw'r ystod y byddem yn ei disgwyl o'r "
        "tair blynedd diwethaf — yn waeth na'r arfer, oherwydd mai po isaf, gorau i'r mesur hwn.",
    )
    assert plain.sentences(None, improvement="up", rating="grey", language="cy") == (
        "Heb ei raddio y mis hwn: nid oes digon o ffigurau eto i'w farnu.",
    )
    assert plain.sentences(
        None, improvement="up", rating="green", overridden=True, language="cy"
    ) == ("Rhoddwyd gradd Werdd gan Fwrdd Strategol y Comisiynydd.",)
    assert plain.basis_words(24, "cy") == "o'r ddwy flynedd ddiwethaf"


def test_every_phrase_has_its_welsh():
    english, welsh = plain.WORDS["en"], plain.WORDS["cy"]
    assert set(english) == set(welsh)
    for key, value in english.items():
        if isinstance(value, dict):
            assert set(value) == set(welsh[key]), key
        else:
            assert value.count("{") == welsh[key].count("{"), key


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="No plain words in 'fr'"):
        plain.sentences(None, improvement="up", rating="grey", language="fr")
