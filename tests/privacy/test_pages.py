"""The pages: a person's own data, consent and erasure, and nobody else's."""

import datetime as dt
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.mentoring.domain import meetings
from tandem.people.models import Person
from tests import factories
from tests.conftest import MARKER
from tests.permissions.mentoring import CONCERN_MARKER, NOTE_MARKER
from tests.surveys.helpers import answer


def download_json(client, visitor, **params):
    client.force_login(visitor)
    response = client.get(reverse("privacy:data_json"), params)
    return response, json.loads(response.content.decode("utf-8"))


def test_the_json_holds_her_own_data_with_every_accent(client, world):
    response, data = download_json(client, world.people["mentee_a"])

    assert response["Content-Disposition"] == (
        'attachment; filename="my-tandem-data.json"'
    )
    assert data["account"]["rows"][0]["name"] == "Zoë Nowak"
    assert [row["your private note"] for row in data["meetings"]["rows"]] == [
        f"{NOTE_MARKER} she seemed tired"
    ]
    assert [row["partner"] for row in data["pairs"]["rows"]] == [f"Bence {MARKER}"]
    assert data["memberships"]["rows"][0]["member number"] == "0916"


def test_the_json_holds_no_one_elses_private_words(client, world):
    response, data = download_json(client, world.people["mentor_b"])

    body = response.content.decode("utf-8")
    assert NOTE_MARKER not in body
    assert [row["what you wrote"] for row in data["cases"]["rows"]] == [
        f"{CONCERN_MARKER}: my mentee cancels often"
    ]


def test_a_person_id_in_the_address_changes_nothing(client, world):
    other = world.people["mentee_a"]

    response, data = download_json(
        client, world.people["member_a"], person=other.pk, id=other.pk
    )

    assert data["account"]["rows"][0]["name"] == "Łukasz Wójcik"
    assert "Zoë" not in response.content.decode("utf-8")


def test_her_named_survey_answers_are_in_the_export(client, world):
    survey = world.extra["survey"]
    answer(
        survey,
        world.people["mentee_a"],
        {"How is your pair going?": "4", "Anything else?": "Łódź was lovely."},
    )

    _response, data = download_json(client, world.people["mentee_a"])

    assert [
        (row["question"], row["number"], row["text"])
        for row in data["survey_answers"]["rows"]
        if row["number"] is not None or row["text"]
    ] == [
        ("How is your pair going?", 4, ""),
        ("Anything else?", None, "Łódź was lovely."),
    ]
    assert [row["survey"] for row in data["surveys_answered"]["rows"]] == [
        "World survey"
    ]


def test_anonymous_answers_are_explained_not_exported(client, world):
    _response, data = download_json(client, world.people["mentee_a"])

    assert data["survey_answers"]["note"] == (
        "Answers to anonymous surveys are stored without any link to you, so they "
        "cannot be found or shown here."
    )


def test_each_download_is_traced_per_edition(client, world):
    mentee = world.people["mentee_a"]

    download_json(client, mentee)
    client.get(reverse("privacy:data_page"))

    assert list(
        AuditEntry.objects.filter(action="personal_data.downloaded").values_list(
            "actor_id", "object_id", "association_id", "edition_id"
        )
    ) == [
        (mentee.pk, str(mentee.pk), world.association_a.pk, world.edition.pk),
        (mentee.pk, str(mentee.pk), world.association_a.pk, world.edition.pk),
    ]


def test_the_readable_page_shows_the_same_sections(client, world):
    client.force_login(world.people["mentee_a"])

    page = client.get(reverse("privacy:data_page")).content.decode()

    assert '<h2 id="section-meetings">Meetings of your pairs</h2>' in page
    assert f"{NOTE_MARKER} she seemed tired" in page
    assert "Zoë Nowak" in page


def test_the_profile_links_to_the_privacy_pages(client, world):
    client.force_login(world.people["member_a"])

    page = client.get(reverse("people:profile")).content.decode()

    for name in ("privacy:data_page", "privacy:withdraw", "privacy:erase"):
        assert f'href="{reverse(name)}"' in page


def test_withdrawing_consent_records_the_time_once(client, world):
    member = world.people["member_a"]
    client.force_login(member)

    client.post(reverse("privacy:withdraw"))
    first = Person.objects.get(pk=member.pk).consent_withdrawn_at
    client.post(reverse("privacy:withdraw"))

    assert Person.objects.get(pk=member.pk).consent_withdrawn_at == first
    assert first is not None
    assert AuditEntry.objects.filter(action="consent.withdrawn").count() == 1


def test_erasure_needs_the_password(client, world):
    mentee = world.people["mentee_a"]
    client.force_login(mentee)

    response = client.post(
        reverse("privacy:erase"), {"password": "wrong", "confirm": "on"}
    )

    assert "That is not your password." in response.content.decode()
    assert Person.objects.get(pk=mentee.pk).full_name == "Zoë Nowak"


def test_erasure_with_the_password_signs_the_person_out(client, world):
    mentee = world.people["mentee_a"]
    client.force_login(mentee)

    response = client.post(
        reverse("privacy:erase"), {"password": factories.PASSWORD, "confirm": "on"}
    )

    assert "Your account is erased" in response.content.decode()
    assert Person.objects.get(pk=mentee.pk).full_name == "erased participant"
    after = client.get(reverse("privacy:home"))
    assert after.status_code == 302
    assert after.url.startswith(reverse("account_login"))


def test_a_coordinator_of_a_running_edition_is_told_to_hand_over(
    client, world, settings
):
    settings.TANDEM_TODAY = "2024-01-15"
    client.force_login(world.people["national_a"])

    response = client.post(
        reverse("privacy:erase"), {"password": factories.PASSWORD, "confirm": "on"}
    )

    assert "hand your role over to someone else first" in response.content.decode()
    assert Person.objects.get(pk=world.people["national_a"].pk).erased_at is None


def test_the_readable_page_writes_dates_and_yes_no_for_people(client, world):
    client.force_login(world.people["mentee_a"])

    page = client.get(reverse("privacy:data_page")).content.decode()

    assert "<td>5 December 2023</td>" in page
    assert "<td>yes</td>" in page
    assert "True" not in page


def queries_for_download(client, person):
    client.force_login(person)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("privacy:data_json"))
    return len(queries)


def test_the_download_costs_the_same_queries_for_few_and_many_rows(client, world):
    mentee = world.people["mentee_a"]
    few = queries_for_download(client, mentee)
    for day in range(10, 20):
        meetings.log_meeting(
            world.extra["pair"],
            actor=mentee,
            held_on=dt.date(2023, 12, day),
            duration_minutes=30,
            mode="online",
            private_note=f"Note {day}",
            at=dt.datetime(2023, 12, 21, 9, tzinfo=dt.UTC),
        )

    many = queries_for_download(client, mentee)

    assert many == few
