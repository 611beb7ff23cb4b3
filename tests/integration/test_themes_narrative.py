"""The Board pack's thematic findings come from the thematic review record."""

from datetime import date

import pytest

from oversight.themes import services
from oversight.themes.models import ThematicReview
from oversight.themes.narratives import save_theme_narrative, theme_findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(demo_plan):
    return demo_plan.themes.get(slug="youth-offending")


def _drafted(title, theme, day, findings, force, opcc):
    review = services.propose_review(title=title, origin="initial_programme", theme=theme, by=opcc)
    services.schedule(review=review, board=day, by=opcc)
    return services.draft_findings(
        review=review, findings=findings, recommendations=f"Act on {title}", by=force
    )


def test_findings_come_from_the_latest_drafted_review(theme, force, opcc):
    save_theme_narrative(theme=theme, findings="Old narrative.", by=force)
    _drafted("Youth offending: under 18", theme, date(2030, 1, 3), "Under 18s.", force, opcc)
    _drafted("Youth offending: 18 and over", theme, date(2030, 2, 7), "Over 18s.", force, opcc)
    assert theme_findings(theme) == ("Over 18s.", "Act on Youth offending: 18 and over")


def test_a_review_without_findings_falls_back_to_the_narrative(theme, force, opcc):
    save_theme_narrative(theme=theme, findings="Narrative.", recommendations="R.", by=force)
    review = services.propose_review(
        title="Youth", origin="initial_programme", theme=theme, by=opcc
    )
    services.schedule(review=review, board=date(2030, 1, 3), by=opcc)
    assert theme_findings(theme) == ("Narrative.", "R.")


def test_no_review_and_no_narrative_gives_nothing(theme):
    assert theme_findings(theme) == ("", "")


def test_reviews_of_other_themes_do_not_count(demo_plan, theme, force, opcc):
    other = demo_plan.themes.get(slug="hate-crime")
    _drafted("Hate crime", other, date(2030, 1, 3), "Hate.", force, opcc)
    assert theme_findings(theme) == ("", "")
    assert theme_findings(other)[0] == "Hate."
    assert ThematicReview.objects.count() == 1
