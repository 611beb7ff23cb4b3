"""What stops a planning-catalogue item being saved, worked out without a database."""

import datetime as dt

import pytest

from oversight.roadmap.catalogue_values import ItemValues, code_problem, parse_amount, problems

YEARS = {2025: "2025/26", 2026: "2026/27", 2027: "2027/28", 2028: "2028/29"}
KINDS = {"wellbeing", "health"}


def found(values, *, amounts=False, partner_plan=False, new_code=True):
    return problems(
        values,
        years=YEARS,
        kinds=KINDS,
        has_amounts=amounts,
        is_partner_plan=partner_plan,
        new_code=new_code,
    )


def test_a_well_formed_item_has_no_problems():
    assert found(ItemValues(code="MTFP-07", title="Line", amounts={2025: 0}), amounts=True) == []
    plan = ItemValues(
        code="PSB.1",
        title="Well-being plan",
        kind="wellbeing",
        assessment_date=dt.date(2027, 5, 1),
        commitments_close=dt.date(2027, 5, 1),  # the same day is in order
        publication_date=dt.date(2028, 5, 1),
        first_year=2028,
        last_year=2028,
    )
    assert found(plan, partner_plan=True) == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "a code is required"),
        ("X" * 31, "the code is longer than 30 characters (31)"),
        ("MTFP 07", "is not a code"),
        ("MTFP/07", "is not a code"),
        ("-07", "is not a code"),
        ("new", "cannot be a code"),
    ],
)
def test_a_new_code_must_be_usable_in_an_address(code, reason):
    assert reason in code_problem(code)


def test_an_existing_code_keeps_its_form_but_not_an_empty_one():
    assert found(ItemValues(code="OLD CODE", title="T"), new_code=False) == []
    assert found(ItemValues(code="", title="T"), new_code=False) == [("code", "a code is required")]


def test_title_and_order():
    assert found(ItemValues(code="A", title="")) == [("title", "a title is required")]
    assert found(ItemValues(code="A", title="T" * 301))[0][0] == "title"
    assert found(ItemValues(code="A", title="T", order=-1))[0][0] == "order"


def test_amounts_are_whole_non_negative_pounds_in_plan_years():
    values = ItemValues(
        code="A",
        title="T",
        amounts={2024: 5, 2025: -1, 2026: 2.5, 2027: 10**12, 2028: True},
    )
    assert [reason for _, reason in found(values, amounts=True)] == [
        "2024 is not a year of the plan (2025/26 to 2028/29)",
        "2025/26: an amount cannot be negative (£-1)",
        "2026/27: 2.5 is not a whole number of pounds",
        "2027/28: £1,000,000,000,000 is more than £999,999,999,999",
        "2028/29: True is not a whole number of pounds",
    ]
    assert found(ItemValues(code="A", title="T", amounts={2025: 1})) == [
        ("amounts", "only Medium Term Financial Plan lines have amounts")
    ]


def test_a_partner_plans_kind_dates_and_years():
    values = ItemValues(
        code="A",
        title="T",
        kind="budget",
        assessment_date=dt.date(2027, 6, 1),
        commitments_close=dt.date(2027, 5, 1),
        publication_date=dt.date(2027, 4, 1),
        first_year=1999,
        last_year=2101,
    )
    assert [field for field, _ in found(values, partner_plan=True)] == [
        "kind",
        "commitments_close",
        "publication_date",
        "first_year",
        "last_year",
    ]
    no_close = ItemValues(
        code="A",
        title="T",
        kind="health",
        assessment_date=dt.date(2027, 6, 1),
        publication_date=dt.date(2027, 4, 1),
    )
    assert found(no_close, partner_plan=True) == [
        ("publication_date", "the publication date (2027-04-01) is before the assessment date "
         "(2027-06-01)"),
    ]  # fmt: skip
    reversed_years = ItemValues(code="A", title="T", kind="health", first_year=2030, last_year=2029)
    assert found(reversed_years, partner_plan=True) == [
        ("last_year", "the last year (2029) is before the first (2030)")
    ]
    assert found(ItemValues(code="A", title="T"), partner_plan=True) == [
        ("kind", "a partner plan needs a kind")
    ]
    assert found(ItemValues(code="A", title="T", kind="health")) == [
        ("kind", "only partner plans have a kind")
    ]


@pytest.mark.parametrize(
    ("text", "pounds"),
    [("41200000", 41_200_000), ("41,200,000", 41_200_000), ("£5", 5), ("5.0", 5), ("-3", -3)],
)
def test_parse_amount_reads_whole_pounds(text, pounds):
    assert parse_amount(text) == pounds


@pytest.mark.parametrize("text", ["5.5", "lots", "1e3", ""])
def test_parse_amount_refuses_what_is_not_whole_pounds(text):
    with pytest.raises(ValueError):
        parse_amount(text)
