"""The erase page asks for the password, so it must not let anyone holding a
signed-in session guess it without limit: it counts attempts as allauth's own
re-authentication does (``ACCOUNT_RATE_LIMITS["reauthenticate"]``)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tandem.people.models import Person
from tests import factories


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth counts attempts in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


def test_guessing_the_password_on_the_erase_page_is_stopped(client, world, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "reauthenticate": "3/m/user",
    }
    mentee = world.people["mentee_a"]
    client.force_login(mentee)
    url = reverse("privacy:erase")
    for guess in ("one", "two", "three"):
        client.post(url, {"password": guess, "confirm": "on"})

    response = client.post(url, {"password": factories.PASSWORD, "confirm": "on"})

    assert response.status_code == 200
    assert "Too many attempts" in response.content.decode()
    assert Person.objects.get(pk=mentee.pk).full_name == "Zoë Nowak"


def test_a_few_wrong_passwords_still_allow_the_right_one(client, world, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "reauthenticate": "3/m/user",
    }
    mentee = world.people["mentee_a"]
    client.force_login(mentee)
    url = reverse("privacy:erase")
    client.post(url, {"password": "one", "confirm": "on"})

    response = client.post(url, {"password": factories.PASSWORD, "confirm": "on"})

    assert "Your account is erased" in response.content.decode()
