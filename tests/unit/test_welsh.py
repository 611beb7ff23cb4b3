"""`missing_welsh` names, in words, each published text with no Welsh version."""

from oversight.analysis.welsh import (
    MissingText,
    missing_welsh,
    missing_welsh_texts,
    needs_welsh,
    welsh_key,
)


def _content(**overrides) -> dict:
    """Return publication content with every text in both languages."""
    measure = {"code": "PUK02", "name": "Burglary", "name_cy": "Bwrgleriaeth",
               "description": "Monthly count.", "description_cy": "Cyfrif misol."}  # fmt: skip
    content = {
        "plan": {
            "title": "The plan",
            "title_cy": "Y cynllun",
            "summary": "Four years.",
            "summary_cy": "Pedair blynedd.",
            "priorities": [
                {
                    "code": "P1",
                    "title": "Keep neighbourhoods safe",
                    "title_cy": "Cadw cymdogaethau'n ddiogel",
                    "description": "Reduce crime.",
                    "description_cy": "Lleihau troseddau.",
                    "outcomes": [
                        {
                            "code": "P1.1",
                            "title": "Less crime",
                            "title_cy": "Llai o droseddau",
                            "description": "",
                            "measures": [dict(measure)],
                        }
                    ],
                }
            ],
        },
        "measures": [dict(measure)],
        "themes": [
            {
                "slug": "hate-crime",
                "title": "Hate crime",
                "title_cy": "Troseddau casineb",
                "description": "",
                "description_cy": "",
            },
        ],
        "roadmap": {
            "activities": [
                {"ref": "RM-005", "summary": "Reporting centres.", "summary_cy": "Canolfannau."}
            ]
        },
    }
    content.update(overrides)
    return content


def test_welsh_key_adds_cy():
    assert welsh_key("description") == "description_cy"


def test_missing_welsh_is_empty_when_every_text_has_its_welsh():
    assert missing_welsh(_content()) == []


def test_missing_welsh_skips_english_texts_that_are_empty():
    content = _content()
    content["plan"]["summary"] = ""
    content["plan"]["summary_cy"] = ""
    # The outcome's description is empty and has no Welsh key at all.
    assert missing_welsh(content) == []


def test_missing_welsh_names_each_text_in_words_in_order():
    content = _content()
    content["plan"]["summary_cy"] = ""
    content["plan"]["priorities"][0]["description_cy"] = "  "
    content["plan"]["priorities"][0]["outcomes"][0]["title_cy"] = ""
    for measure in (content["plan"]["priorities"][0]["outcomes"][0]["measures"][0],
                    content["measures"][0]):  # fmt: skip
        measure["name_cy"] = ""
    content["themes"][0]["description"] = "Recorded hate crime."
    content["roadmap"]["activities"][0]["summary_cy"] = ""
    assert missing_welsh(content) == [
        "Plan: summary",
        "Priority P1: description",
        "Outcome P1.1: title",
        "Measure PUK02: name",
        "Theme hate-crime: description",
        "Roadmap activity RM-005: summary",
    ]


def test_missing_welsh_texts_say_whose_text_each_is_for_a_link_to_its_form():
    content = _content()
    content["plan"]["force_slug"] = "gwent"
    content["plan"]["title_cy"] = ""
    content["plan"]["priorities"][0]["outcomes"][0]["title_cy"] = ""
    content["measures"][0]["description_cy"] = ""
    content["themes"][0]["title_cy"] = ""
    content["roadmap"]["activities"][0]["summary_cy"] = ""
    assert missing_welsh_texts(content) == [
        MissingText("plan", "gwent", "title", "Plan: title"),
        MissingText("outcome", "P1.1", "title", "Outcome P1.1: title"),
        MissingText("measure", "PUK02", "description", "Measure PUK02: description"),
        MissingText("theme", "hate-crime", "title", "Theme hate-crime: title"),
        MissingText("activity", "RM-005", "summary", "Roadmap activity RM-005: summary"),
    ]
    assert missing_welsh(content) == [t.words for t in missing_welsh_texts(content)]


def test_a_text_needs_welsh_only_when_it_has_english_and_no_welsh():
    assert needs_welsh("Burglary", "")
    assert needs_welsh("Burglary", "  ")
    assert needs_welsh("Burglary", None)
    assert not needs_welsh("Burglary", "Bwrgleriaeth")
    assert not needs_welsh(" ", "")
    assert not needs_welsh(None, None)


def test_missing_welsh_names_a_measure_once_though_it_is_shown_twice():
    content = _content()
    content["measures"][0]["description_cy"] = ""
    assert missing_welsh(content) == ["Measure PUK02: description"]


def test_content_frozen_before_welsh_was_kept_misses_every_text():
    old = {
        "plan": {"title": "The plan", "summary": "", "priorities": [
            {"code": "P1", "title": "Safe", "description": "", "outcomes": []},
        ]},
        "measures": [{"code": "M01", "name": "Crime", "description": "All crime."}],
        "themes": [],
        "roadmap": None,
    }  # fmt: skip
    assert missing_welsh(old) == [
        "Plan: title",
        "Priority P1: title",
        "Measure M01: name",
        "Measure M01: description",
    ]


def test_missing_welsh_reads_content_with_parts_left_out():
    assert missing_welsh({}) == []
    assert missing_welsh({"plan": None, "roadmap": {"activities": []}}) == []


def test_the_plans_welsh_as_it_stands_is_taken_where_its_english_is_the_frozen_one():
    from oversight.analysis.welsh import with_current_welsh

    measure = {"code": "M01", "name": "Burglary", "name_cy": "", "description": "Old words."}
    content = {
        "plan": {"force_slug": "gwent", "title": "Plan", "title_cy": "Cynllun", "priorities": [
            {"code": "P1", "title": "Safe", "title_cy": "", "outcomes": [
                {"code": "P1.1", "title": "Less crime", "measures": [measure]}]}]},
        "measures": [dict(measure)],
        "themes": [],
    }  # fmt: skip
    current = {
        ("plan", "gwent", "title"): ("Plan", "Y cynllun"),  # a corrected translation
        ("priority", "P1", "title"): ("Safe", "Diogel"),
        ("measure", "M01", "name"): ("Burglary", "Bwrgleriaeth"),
        ("measure", "M01", "description"): ("New words.", "Geiriau newydd."),  # English changed
    }
    changed = with_current_welsh(content, current)
    assert changed == ["Plan gwent: title", "Priority P1: title", "Measure M01: name"]
    assert content["plan"]["title_cy"] == "Y cynllun"
    assert content["plan"]["priorities"][0]["title_cy"] == "Diogel"
    assert content["measures"][0]["name_cy"] == "Bwrgleriaeth"
    assert content["plan"]["priorities"][0]["outcomes"][0]["measures"][0]["name_cy"] == (
        "Bwrgleriaeth"
    )
    assert "description_cy" not in content["measures"][0]
    # Nothing to take: nothing changes.
    assert with_current_welsh(content, current) == []
