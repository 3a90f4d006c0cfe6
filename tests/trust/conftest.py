import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth counts attempts in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def account(db):
    """A person with a verified address, able to sign in through the real form."""
    person = factories.make_person("Agata Wiśniewska", email="agata@example.org")
    EmailAddress.objects.create(
        user=person, email=person.email, verified=True, primary=True
    )
    return person


def sign_in(client, email, password=factories.PASSWORD, address="10.0.0.1"):
    return client.post(
        "/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=address,
    )
