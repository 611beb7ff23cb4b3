"""A rating's reasons and headline in Welsh, from the catalogue; the English is unchanged."""

from dataclasses import replace

import pytest
from django.utils import translation

from oversight.analysis.compstat import compstat
from oversight.analysis.language import Sentence, gettext_noop
from oversight.analysis.periods import period_range
from oversight.analysis.rag import RagRule, SpcFacts, assess

CONCERN = SpcFacts(
    variation_icon="concern_high",
    assurance_icon=None,
    special_cause_type="7 Points Above CL",
    point_type="special_cause_concern",
    run_length=7,
    n_points=24,
    mean=100.0,
    lpl=70.0,
    upl=130.0,
)
COMMON = replace(
    CONCERN,
    variation_icon="common_cause",
    special_cause_type="Common Cause",
    point_type="common_cause",
    run_length=0,
)


def _stats():
    """100 a month to 2024-06, then 120 a month: +20% on the year, significant on 12 months."""
    series: dict[str, float | None] = dict.fromkeys(period_range("2023-07", "2024-06"), 100.0)
    series.update(dict.fromkeys(period_range("2024-07", "2025-06"), 120.0))
    return compstat(series, "2025-06")


def _assess(**overrides):
    args = {
        "rule": RagRule(),
        "spc": CONCERN,
        "compstat": _stats(),
        "latest_value": 120.0,
        "latest_period": "2025-06",
        "assessment_period": "2025-06",
        "target": None,
        "improvement": "down",
        "n_points": 24,
        "n_missing_last_12": 0,
    }
    args.update(overrides)
    return assess(**args)


CASES = {
    "red_spc": (
        {},
        "Red: special cause concern — 7 months in a row above the mean; +20% on the same "
        "month last year (120 against 100), not significant",
        "Coch: pryder achos arbennig — 7 mis yn olynol uwchlaw'r cymedr; +20% ar yr un mis y "
        "llynedd (120 yn erbyn 100), ddim yn arwyddocaol",
    ),
    "amber_target": (
        {"rule": RagRule(basis="target"), "target": 115.0},
        "Amber: misses the target of 115 (latest 120) by 4.3%, within the 5% margin; +20% on "
        "the same month last year (120 against 100), not significant",
        "Ambr: yn methu'r targed o 115 (diweddaraf 120) o 4.3%, o fewn yr ymyl o 5%; +20% ar "
        "yr un mis y llynedd (120 yn erbyn 100), ddim yn arwyddocaol",
    ),
    "grey": (
        {"n_points": 8, "compstat": None},
        "Grey: only 8 months of data (12 needed)",
        "Llwyd: data am 8 mis yn unig (mae angen 12)",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_headline_in_welsh_under_the_welsh_catalogue(case):
    overrides, english, welsh = CASES[case]
    with translation.override("cy"):
        assert _assess(**overrides).headline == welsh
    with translation.override("en-gb"):
        assert _assess(**overrides).headline == english


def test_headline_in_welsh_cites_the_window_its_reason_speaks_of():
    # Matched by the window, not by its English words: the rolling 12 months, not the month.
    with translation.override("cy"):
        result = _assess(spc=COMMON)
    assert result.headline == (
        "Ambr: amrywiad achos cyffredin, ond yn arwyddocaol waeth na'r 12 mis blaenorol; "
        "+20% ar y 12 mis blaenorol (1,440 yn erbyn 1,200), arwyddocaol"
    )


def test_window_reason_and_caveat_worded_again_in_welsh():
    # Worked out in English, worded when the headline is: as the snapshot does it.
    with translation.override("en-gb"):
        series = dict.fromkeys(period_range("2023-07", "2025-05"), 100.0)
        window = compstat(series, "2025-06").same_month_last_year
        caveat = Sentence(
            gettext_noop("across %(what)s at %(period)s: not like for like"),
            what=Sentence(gettext_noop("the rebase")),
            period="2025-01",
        )
        window = replace(window, caveat=caveat)
        english = window.describe(with_comparison=True)
    with translation.override("cy"):
        welsh = window.describe(with_comparison=True)
    assert english == (
        "no % change on the same month last year: no data for 2025-06 — across the rebase at "
        "2025-01: not like for like"
    )
    assert welsh == (
        "dim newid canrannol ar yr un mis y llynedd: dim data ar gyfer 2025-06 — ar draws yr "
        "ailsylfaenu yn 2025-01: nid yw'n cymharu tebyg â thebyg"
    )


def test_daily_rate_scale_worded_in_welsh():
    facts = replace(
        CONCERN,
        special_cause_type="Above UCL",
        run_length=1,
        scale=Sentence(gettext_noop("a day")),
        last_value=4.5,
        upl=4.25,
    )
    with translation.override("cy"):
        assert facts.pattern() == (
            "y mis diweddaraf uwchlaw terfyn uchaf y broses (diweddaraf 4.5 y dydd, terfyn "
            "4.25 y dydd)"
        )
    with translation.override("en-gb"):
        assert facts.pattern() == (
            "the latest month above the upper process limit (latest 4.5 a day, limit 4.25 a day)"
        )
