"""Signing in: throttling with a cool-off, no enumeration, sessions that end."""

import time
import types

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from tandem.core.middleware import SESSION_SEEN, SESSION_STARTED
from tandem.programs.models import RoleGrant
from tests import factories
from tests.trust.conftest import sign_in

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"


def errors_of(response):
    return response.context["form"].errors.as_data()


def later(monkeypatch, seconds):
    """Move allauth's rate-limit clock forward; the cache entries stay."""
    import allauth.core.internal.ratelimit as ratelimit

    shifted = types.SimpleNamespace(
        time=lambda: time.time() + seconds, monotonic=time.monotonic
    )
    monkeypatch.setattr(ratelimit, "time", shifted)


def test_right_password_signs_in(client, account):
    response = sign_in(client, account.email)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_unknown_account_and_wrong_password_get_the_same_answer(client, account):
    wrong = sign_in(client, account.email, "not-the-password")
    unknown = sign_in(client, "nobody-here@example.org", "not-the-password")

    assert (wrong.status_code, unknown.status_code) == (200, 200)
    assert [str(e) for e in errors_of(wrong)["__all__"]] == [
        str(e) for e in errors_of(unknown)["__all__"]
    ]
    assert "_auth_user_id" not in client.session


class CountingHasher(MD5PasswordHasher):
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


def test_unknown_account_costs_the_same_hashing_as_a_wrong_password(
    client, account, settings
):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    account.set_password(factories.PASSWORD)
    account.save()

    CountingHasher.calls = 0
    sign_in(client, account.email, "not-the-password")
    for_known = CountingHasher.calls
    CountingHasher.calls = 0
    sign_in(client, "nobody-here@example.org", "not-the-password")
    for_unknown = CountingHasher.calls

    assert for_known >= 1
    assert for_unknown == for_known


def test_five_wrong_passwords_cool_the_account_off_from_any_address(client, account):
    for attempt in range(5):
        sign_in(client, account.email, "guess", address=f"10.0.1.{attempt}")

    blocked = sign_in(client, account.email, address="10.0.2.1")

    assert TOO_MANY in str(errors_of(blocked)["__all__"][0])
    assert "_auth_user_id" not in client.session


def test_the_cool_off_ends_by_itself(client, account, monkeypatch):
    for _ in range(5):
        sign_in(client, account.email, "guess")
    later(monkeypatch, 15 * 60 + 1)

    response = sign_in(client, account.email)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_one_address_trying_many_accounts_is_slowed_down(client, account):
    for n in range(10):
        sign_in(client, f"someone{n}@example.org", "guess", address="10.9.9.9")

    from_there = sign_in(client, account.email, address="10.9.9.9")
    from_elsewhere = sign_in(client, account.email, address="10.8.8.8")

    assert TOO_MANY in str(errors_of(from_there)["__all__"][0])
    assert from_elsewhere.status_code == 302


def test_password_reset_answers_the_same_for_unknown_addresses(client, account):
    known = client.post(
        reverse("account_reset_password"), {"email": account.email}, follow=True
    )
    known_mail = [m.to for m in mail.outbox]
    mail.outbox.clear()
    unknown = client.post(
        reverse("account_reset_password"),
        {"email": "nobody-here@example.org"},
        follow=True,
    )

    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert known_mail == [[account.email]]
    # The unknown address is told it has no account; the requester learns nothing.
    assert [m.to for m in mail.outbox] == [["nobody-here@example.org"]]
    assert "password-reset/key" not in mail.outbox[0].body


def test_signing_in_gives_a_new_session_key(client, account):
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before

    sign_in(client, account.email)

    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(account.pk)


def _signed_in(client, account):
    sign_in(client, account.email)
    return reverse("people:profile")


def _age_session(client, *, started_ago, seen_ago):
    session = client.session
    now = int(time.time())
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_SEEN] = now - seen_ago
    session.save()


def test_a_session_in_use_stays_open(client, account):
    url = _signed_in(client, account)
    _age_session(client, started_ago=3600, seen_ago=29 * 60)

    response = client.get(url)

    assert response.status_code == 200
    assert client.session[SESSION_SEEN] >= int(time.time()) - 1


def test_thirty_minutes_of_inactivity_end_the_session(client, account):
    url = _signed_in(client, account)
    _age_session(client, started_ago=3600, seen_ago=31 * 60)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"
    assert "_auth_user_id" not in client.session


def test_a_session_ends_at_its_maximum_age_even_in_use(client, account, settings):
    url = _signed_in(client, account)
    _age_session(client, started_ago=settings.SESSION_COOKIE_AGE + 1, seen_ago=10)

    response = client.get(url)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_in_records_when_the_session_started(client, account):
    sign_in(client, account.email)

    assert abs(client.session[SESSION_STARTED] - time.time()) < 5


def test_a_coordinator_can_turn_on_two_factor_and_is_then_asked_for_a_code(
    client, account
):
    edition = factories.make_edition()
    factories.grant(account, edition, RoleGrant.Role.INTERNATIONAL)
    client.force_login(account)
    assert client.get(reverse("mfa_index")).status_code == 200
    client.logout()
    secret = generate_totp_secret()
    TOTP.activate(account, secret)

    first = sign_in(client, account.email)
    asked_for_code = "_auth_user_id" not in client.session
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    second = client.post(reverse("mfa_authenticate"), {"code": code})

    assert first.status_code == 302
    assert first.url == reverse("mfa_authenticate")
    assert asked_for_code
    assert second.status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_a_wrong_second_factor_code_does_not_sign_in(client, account):
    secret = generate_totp_secret()
    TOTP.activate(account, secret)

    sign_in(client, account.email)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_unverified_address_cannot_sign_in_without_confirming(client, account):
    EmailAddress.objects.filter(user=account).update(verified=False)

    sign_in(client, account.email)

    assert "_auth_user_id" not in client.session
