"""/healthz and the friendly page while the database is away."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def refuse(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed")


def test_healthz_reports_a_working_database_without_anything_personal(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "sessionid" not in response.cookies


def test_healthz_reports_a_failing_database_and_its_return(client):
    with connection.execute_wrapper(refuse):
        during = client.get(reverse("core:healthz"))
    after = client.get(reverse("core:healthz"))

    assert (during.status_code, during.json()) == (
        503,
        {"status": "failing", "database": "failing"},
    )
    assert after.json() == {"status": "ok", "database": "ok"}


def test_a_page_gets_a_friendly_503_and_recovers_without_restart():
    person = factories.make_person("Agata Wiśniewska")
    browser = Client(raise_request_exception=False)
    browser.force_login(person)
    url = reverse("people:profile")

    with connection.execute_wrapper(refuse):
        during = browser.get(url)
    after = browser.get(url)

    assert during.status_code == 503
    assert during["Retry-After"] == "30"
    assert "Tandem is back in a moment" in during.content.decode()
    assert after.status_code == 200


def test_a_view_whose_query_fails_gets_the_503_page(client, monkeypatch):
    from tandem.programs import views

    def broken(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views.Edition.objects, "order_by", broken)

    response = client.get(reverse("programs:home"))

    assert response.status_code == 503
    assert "Tandem is back in a moment" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_pages_work_again_after_postgresql_dropped_the_connection():
    if connection.vendor != "postgresql":
        pytest.skip("terminating a server connection needs PostgreSQL")
    person = factories.make_person("Agata Wiśniewska")
    browser = Client(raise_request_exception=False)
    browser.force_login(person)
    url = reverse("people:profile")
    assert browser.get(url).status_code == 200
    ours = connection.connection.info.backend_pid

    # Another session ends ours, as a database restart would.
    other = connection.copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [ours])
    other.close()
    during = browser.get(url)
    after = browser.get(url)

    assert during.status_code == 503
    assert after.status_code == 200
    assert connection.connection.info.backend_pid != ours
