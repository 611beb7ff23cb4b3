"""Sign-in throttling (django-axes): five failures lock a username at an address for a while."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from oversight.demo.management.commands.demo import _demo_passwords
from oversight.demo.personas import PERSONAS
from tests.factories.people import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, password: str, address: str = "127.0.0.1", url: str = ""):
    return client.post(
        url or reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username: str, times: int, address: str = "127.0.0.1") -> None:
    for attempt in range(1, times + 1):
        response = sign_in(client, username, "wrong-password-here", address)
        assert response.status_code == (429 if attempt >= settings.AXES_FAILURE_LIMIT else 200)


def test_the_defaults_lock_after_five_failures_for_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_five_wrong_passwords_lock_the_username_even_against_the_right_one(client, opcc):
    fail(client, opcc.username, 4)
    response = sign_in(client, opcc.username, "wrong-password-here")
    assert response.status_code == 429
    response = sign_in(client, opcc.username, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "Too many failed attempts to sign in as this user from your address" in page
    assert "locked for 15 minutes" in page
    assert f'value="{opcc.username}"' in page  # the form is still there, filled in


def test_fewer_failures_than_the_limit_still_sign_in_and_start_the_count_again(client, opcc):
    fail(client, opcc.username, 4)
    assert sign_in(client, opcc.username, PASSWORD).status_code == 302
    assert signed_in(client)
    client.logout()
    fail(client, opcc.username, 4)  # four more, not eight: the success cleared the count
    assert sign_in(client, opcc.username, PASSWORD).status_code == 302


def test_the_lock_holds_one_username_at_one_address(client, opcc, force):
    fail(client, opcc.username, 5)
    assert sign_in(client, opcc.username, PASSWORD, address="192.0.2.7").status_code == 302
    client.logout()
    assert sign_in(client, force.username, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, opcc):
    fail(client, opcc.username, 5)
    assert sign_in(client, opcc.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert sign_in(client, opcc.username, PASSWORD).status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, administrator):
    url = reverse("admin:login")
    for _ in range(5):
        sign_in(client, administrator.username, "wrong-password-here", url=url)
    response = sign_in(client, administrator.username, PASSWORD, url=url)
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_test_client_login_is_not_throttled(client, opcc):
    # Authenticating without a request (client.login, management commands) is not sign-in.
    assert not client.login(username=opcc.username, password="wrong-password-here")
    assert client.login(username=opcc.username, password=PASSWORD)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-pw-1", "too short"),
        ("123456789012345", "entirely numeric"),
        ("password12345", "too common"),
        ("commissionersteam", "too similar to the first name"),
    ],
)
def test_weak_passwords_are_refused(opcc, password, reason):
    with pytest.raises(ValidationError) as info:
        validate_password(password, user=opcc)
    assert reason in " ".join(info.value.messages)


def test_the_demo_passwords_and_the_test_password_pass_the_validators(tmp_path, opcc):
    validate_password(PASSWORD, user=opcc)
    passwords = _demo_passwords(tmp_path / "demo_logins.txt")
    for persona in PERSONAS:
        user = type(opcc)(
            username=persona.username, first_name=persona.first_name, last_name=persona.last_name
        )
        validate_password(passwords[persona.username], user=user)
