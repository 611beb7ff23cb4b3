from oversight.analysis.publication_changes import Changes, compare


def _content(period, rating, series, code="M01"):
    return {
        "period": period,
        "measures": [
            {
                "code": code,
                "name": "Burglary",
                "rating_label": rating,
                "series": [
                    {
                        "period": p,
                        "force": {"value": v, "withheld": False, "reason": ""},
                        "areas": {"east": {"value": None, "withheld": True, "reason": "fewer"}},
                    }
                    for p, v in series
                ],
            }
        ],
    }


def test_the_first_publication_has_no_changes():
    changes = compare(None, _content("2025-06", "Red", [("2025-06", 5.0)]), previous_number=None)
    assert changes.previous_number is None and not changes.any


def test_rating_changes_and_revised_figures_are_found():
    before = _content("2025-05", "Red", [("2025-04", 10.0), ("2025-05", 12.0)])
    after = _content("2025-06", "Amber", [("2025-04", 11.0), ("2025-05", 12.0000000001),
                                          ("2025-06", 9.0)])  # fmt: skip
    changes = compare(before, after, previous_number=3)
    assert [(c.before, c.after) for c in changes.ratings] == [("Red", "Amber")]
    # Float noise is not a revision, and a new month is not a revision.
    assert [(r.period, r.area, r.before, r.after) for r in changes.revisions] == [
        ("2025-04", "force", 10.0, 11.0)
    ]
    assert changes.revised("M01") == {("2025-04", "force")}
    assert Changes.from_dict(changes.to_dict()) == changes


def test_added_and_removed_measures():
    before = _content("2025-05", "Red", [], code="OLD")
    after = _content("2025-06", "Red", [], code="NEW")
    changes = compare(before, after, previous_number=1)
    assert changes.added == ["NEW"] and changes.removed == ["OLD"]


def test_roadmap_changes_are_listed():
    def roadmap(*activities):
        return {
            "activities": [{"ref": r, "summary": f"About {r}", "status": s} for r, s in activities]
        }

    before = {
        **_content("2025-05", "Red", []),
        "roadmap": roadmap(("RM-1", "Planned"), ("RM-2", "Planned")),
    }
    after = {
        **_content("2025-06", "Red", []),
        "roadmap": roadmap(("RM-1", "In progress"), ("RM-3", "Planned")),
    }
    changes = compare(before, after, previous_number=1)
    assert [(a.ref, a.change) for a in changes.activities] == [
        ("RM-1", "Planned → In progress"),
        ("RM-2", "removed"),
        ("RM-3", "added"),
    ]
    # A publication without the roadmap says nothing about it.
    assert compare(before, {**after, "roadmap": None}, previous_number=1).activities == []
