"""Error pages keep the layout, say what happened and offer a way on; bad input is no 500."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from oversight.core.views import server_error
from tests.factories.board import board

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_styled_with_the_navigation(client, opcc):
    client.force_login(opcc)
    response = client.get("/reports/measures/NOPE/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'aria-label="Main"' in html and "Where next" in html


def test_a_refusal_says_why_inside_the_layout(client, partner):
    client.force_login(partner)
    response = client.get(reverse("data:index"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may not do that" in html and 'aria-label="Main"' in html


def test_the_server_error_page_answers_even_without_a_user(rf: RequestFactory):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_an_answer_to_a_question_that_is_not_there_is_a_message_not_a_500(client, force):
    board()
    client.force_login(force)
    url = reverse("reports:measure", args=["AS01"])
    response = client.post(url, {"kind": "answer", "text": "Done.", "parent": "abc"}, follow=True)
    assert response.status_code == 200
    assert "That question is not on this measure" in response.content.decode()
    response = client.post(url, {"kind": "force_commentary", "text": "x", "parent": "abc"})
    assert response.status_code == 302
