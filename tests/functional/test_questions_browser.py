"""The Panel's questions in Chromium: the Panel's question form, the Panel's page with its
questions, the Commissioner's team's page of a question and the public page of answers pass
axe (WCAG 2.2 AA), work by keyboard, print cleanly and read in order unstyled."""

from __future__ import annotations

import pytest

from oversight.questions import services as questions
from oversight.questions.models import Question
from tests.functional.accessibility import all_problems, report

pytestmark = pytest.mark.browser


def _pin(published) -> str:
    publication = published.publication
    return f"figure:{publication.number}:{publication.content['measures'][0]['code']}"


def test_the_panels_question_form_passes_the_checks_and_sends_a_question(
    signed_in_page, live_server, published_board, panel
):
    page = signed_in_page(panel)
    page.goto(f"{live_server.url}/public/questions/ask/?pin={_pin(published_board)}")
    assert page.locator("h1").inner_text() == "Ask the Commissioner's team"
    assert report(all_problems(page)) == ""

    page.goto(f"{live_server.url}/public/questions/ask/?pin={_pin(published_board)}")
    page.get_by_label("Information request").check()
    page.get_by_label("Your question or request").fill("Please send the figures by ward.")
    page.get_by_role("button", name="Send to the Commissioner's team").click()
    page.wait_for_url("**/public/panel/**")
    question = Question.objects.get()
    assert question.kind == Question.Kind.INFORMATION_REQUEST
    assert page.locator(f"#question-{question.pk}").count() == 1
    assert report(all_problems(page)) == ""


def test_the_teams_page_of_a_question_passes_the_checks(
    signed_in_page, live_server, published_board, panel, opcc
):
    question = questions.ask(
        kind="question", text="Why the rise?", pin=_pin(published_board), by=panel
    )
    page = signed_in_page(opcc)
    page.goto(f"{live_server.url}/questions/{question.pk}/")
    assert page.locator("#assign-heading").count() == 1
    assert report(all_problems(page)) == ""


def test_the_public_questions_page_passes_the_checks(
    anonymous_page, live_server, published_board, panel, opcc
):
    question = questions.ask(
        kind="question", text="Why the rise?", pin=_pin(published_board), by=panel
    )
    questions.save_answer(question=question, answer="Recording improved.", by=opcc)
    questions.release(question=question, to_public=True, by=opcc)

    anonymous_page.goto(f"{live_server.url}/public/questions/")
    assert anonymous_page.locator("article.question").count() == 1
    assert report(all_problems(anonymous_page)) == ""
