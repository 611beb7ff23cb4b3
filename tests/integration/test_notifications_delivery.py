"""Notifications reach people at once or in a daily digest, as each chose, and once per key."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from oversight.accounts.models import AuditEvent
from oversight.notifications.models import Delivery, Kind, Notification
from oversight.notifications.services import delivery_of, notify, send_digests
from tests.factories.notifications import addressed, prefers
from tests.factories.people import persona

pytestmark = pytest.mark.django_db


def _notify(users, **fields) -> list[Notification]:
    values = {
        "kind": Kind.ACTION_DUE,
        "subject": "Due tomorrow: report on burglary",
        "body": "From the JPMG.",
        "url": "/meetings/actions/1/",
    }
    return notify(users=users, **(values | fields))


def test_immediate_users_are_emailed_once_the_transaction_commits(
    opcc, force, django_capture_on_commit_callbacks
):
    addressed(opcc)
    addressed(force)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = _notify([opcc, force])
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1
    assert {n.user for n in created} == {opcc, force}
    assert sorted(m.to[0] for m in mail.outbox) == ["matt@example.org", "olwen@example.org"]
    message = mail.outbox[0]
    assert message.subject == "[Oversight] Due tomorrow: report on burglary"
    assert "From the JPMG." in message.body
    assert "http://127.0.0.1:8000/meetings/actions/1/" in message.body
    assert "your home page: http://127.0.0.1:8000/home/" in message.body
    assert Notification.objects.filter(sent_at__isnull=False).count() == 2


def test_nothing_is_emailed_for_a_change_rolled_back(opcc, django_capture_on_commit_callbacks):
    addressed(opcc)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _notify([opcc])
                raise RuntimeError("the change fails")
        except RuntimeError:
            pass

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_links_start_with_the_site_url(opcc, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://oversight.example.gov.uk"
    addressed(opcc)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([opcc])

    assert "https://oversight.example.gov.uk/meetings/actions/1/" in mail.outbox[0].body


def test_digest_users_are_not_emailed_at_once(opcc, django_capture_on_commit_callbacks):
    addressed(opcc)
    prefers(opcc, Delivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        (created,) = _notify([opcc])

    assert mail.outbox == []
    assert created.sent_at is None


def test_the_digest_sends_one_email_of_the_unsent_and_marks_them_sent(opcc, force, partner):
    addressed(opcc)
    addressed(partner)
    prefers(opcc, Delivery.DIGEST)
    prefers(partner, Delivery.DIGEST)
    _notify([opcc], subject="First")
    _notify([opcc], subject="Second", url="")
    already = _notify([opcc], subject="Sent before")[0]
    Notification.objects.filter(pk=already.pk).update(sent_at=already.created_at)
    _notify([force], subject="For an immediate user")

    report = send_digests()

    (message,) = mail.outbox
    assert message.to == ["olwen@example.org"]
    assert message.subject == "[Oversight] 2 notifications since your last digest"
    assert "1. First" in message.body and "2. Second" in message.body
    assert "Sent before" not in message.body and "immediate user" not in message.body
    assert report.sent == {"olwen": 2}
    assert not Notification.objects.filter(user=opcc, sent_at__isnull=True).exists()
    # Nothing new: the next digest sends nothing.
    assert send_digests().sent == {}
    assert len(mail.outbox) == 1


def test_the_digest_command_reports_who_has_no_address(opcc, capsys):
    prefers(opcc, Delivery.DIGEST)
    _notify([opcc])

    call_command("notify", "--digest", "--today", "2026-01-05")

    out = capsys.readouterr().out
    assert "Digests: 0 e-mail(s), 0 notification(s)." in out
    assert "No e-mail address (notifications kept on the home page): olwen" in out
    assert mail.outbox == []


def test_a_key_notifies_each_person_once(opcc, force):
    first = _notify([opcc], key="action_due:1:2026-01-05")
    again = _notify([opcc, force], key="action_due:1:2026-01-05")

    assert [n.user for n in first] == [opcc]
    assert [n.user for n in again] == [force]
    assert Notification.objects.count() == 2


def test_inactive_users_and_no_one_get_nothing(opcc):
    opcc.is_active = False
    opcc.save()

    assert _notify([opcc, None]) == []


def test_an_unknown_kind_is_refused(opcc):
    with pytest.raises(ValueError, match="Unknown kind"):
        _notify([opcc], kind="gossip")


def test_a_failed_send_is_logged_and_left_unsent(
    opcc, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    addressed(opcc)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        (created,) = _notify([opcc])

    created.refresh_from_db()
    assert created.sent_at is None
    assert "Could not e-mail notifications" in caplog.text


def test_the_preference_defaults_to_immediate_and_its_change_is_audited(opcc):
    assert delivery_of(opcc) == Delivery.IMMEDIATE

    prefers(opcc, Delivery.DIGEST)
    prefers(opcc, Delivery.DIGEST)

    assert delivery_of(opcc) == Delivery.DIGEST
    (event,) = AuditEvent.objects.filter(action="notifications.delivery")
    assert (event.before, event.after) == ({"delivery": "immediate"}, {"delivery": "digest"})


def test_people_without_an_address_keep_their_notifications_unsent(
    django_capture_on_commit_callbacks,
):
    nobody = persona("partner", "no-address")
    with django_capture_on_commit_callbacks(execute=True):
        (created,) = _notify([nobody])

    assert mail.outbox == []
    created.refresh_from_db()
    assert created.sent_at is None
