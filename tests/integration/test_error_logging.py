"""A server error is logged with its traceback and e-mailed to the administrators named."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_server_error_reaches_the_log_and_the_admins(opcc, settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    client = Client(raise_request_exception=False)
    client.force_login(opcc)
    seen: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = seen.append
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        with mock.patch(
            "oversight.reports.pages.chosen_snapshot", side_effect=RuntimeError("disk on fire")
        ):
            response = client.get(reverse("reports:overview"))
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert seen and seen[0].exc_info and "disk on fire" in str(seen[0].exc_info[1])
    assert any(isinstance(h, logging.StreamHandler) for h in logger.handlers)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ops@example.org"]
    assert "disk on fire" in mail.outbox[0].body
