"""Bad input is refused with a message naming the field, and nothing is saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.people.models import Person
from tandem.programs.domain.joining import approve_join_request
from tandem.programs.models import (
    Association,
    Edition,
    JoinRequest,
    Milestone,
    RoleGrant,
)
from tests import factories


def test_unknown_country_code_is_refused_on_the_join_form(client, world):
    url = reverse("programs:join", args=[world.edition.slug])
    data = {
        "association_name": "Alumni Atlantis",
        "country": "XX",
        "languages": ["English"],
        "membership_rule": "Everyone who paid.",
        "board_member_name": "Ann Board",
        "board_member_email": "ann@example.org",
        "coordinator_name": "Cora Ordinator",
        "coordinator_email": "cora@example.org",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["country"] == [
        "'XX' is not an ISO 3166 two-letter country code."
    ]
    assert not JoinRequest.objects.filter(association_name="Alumni Atlantis").exists()


@pytest.mark.parametrize(
    ("starts", "ends", "field", "message"),
    [
        (
            "2023-08-31",
            "",
            "starts_on",
            "2023-08-31 is before the edition starts (2023-09-01).",
        ),
        (
            "2024-06-01",
            "2024-07-02",
            "ends_on",
            "2024-07-02 is after the edition ends (2024-06-30).",
        ),
        (
            "2024-03-10",
            "2024-03-01",
            "ends_on",
            "The milestone cannot end before it starts.",
        ),
    ],
)
def test_milestone_outside_the_edition_is_refused(
    client, world, starts, ends, field, message
):
    client.force_login(world.people["international"])
    url = reverse("programs:milestone_create", args=[world.edition.slug])
    before = Milestone.objects.count()

    response = client.post(
        url, {"name": "Late", "kind": "other", "starts_on": starts, "ends_on": ends}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Milestone.objects.count() == before


def test_second_national_coordinator_for_the_same_association_is_refused(world):
    request = factories.make_join_request(
        world.edition,
        country="PL",
        coordinator_email="second@example.org",
        coordinator_name="Second Person",
    )

    with pytest.raises(ValidationError) as error:
        approve_join_request(request, actor=world.people["international"])

    assert error.value.message_dict == {
        "coordinator_email": [
            "Alumni Poland already has a national coordinator in 2023/24."
        ]
    }
    request.refresh_from_db()
    assert request.state == JoinRequest.State.PENDING
    assert not Person.objects.filter(email="second@example.org").exists()
    assert (
        RoleGrant.objects.filter(
            edition=world.edition, association=world.association_a
        ).count()
        == 1
    )


def test_second_national_coordinator_is_refused_by_the_database_too(world):
    person = factories.make_person("Jan Drugi")
    grant = RoleGrant(
        person=person,
        edition=world.edition,
        role=RoleGrant.Role.NATIONAL,
        association=world.association_a,
    )

    with pytest.raises(ValidationError) as error:
        grant.full_clean()

    assert "already has a national coordinator" in str(error.value)


def test_email_already_used_in_another_letter_case_is_refused(db):
    factories.make_person("Łukasz Wójcik", email="lukasz@example.pl")

    with pytest.raises(ValidationError) as error:
        Person.objects.create_user(
            "  Lukasz@Example.PL ", "pw-long-enough-1", full_name="Other"
        )

    assert error.value.message_dict == {
        "email": ["Person with this E-mail already exists."]
    }
    assert Person.objects.filter(email__iexact="lukasz@example.pl").count() == 1


def test_signup_with_an_address_in_another_case_creates_no_second_account(client, db):
    factories.make_person("Zoë Peeters", email="zoe@example.be")

    client.post(
        reverse("account_signup"),
        {
            "email": "ZOE@example.be",
            "password1": "a-long-enough-password-7",
            "password2": "a-long-enough-password-7",
        },
    )

    assert Person.objects.filter(email__iexact="zoe@example.be").count() == 1


def test_unknown_country_code_is_refused_for_an_association(db):
    association = Association(
        name="Nowhere", country="QQ", languages=["English"], membership_rule="x"
    )

    with pytest.raises(ValidationError) as error:
        association.full_clean()

    assert error.value.message_dict["country"] == [
        "'QQ' is not an ISO 3166 two-letter country code."
    ]


def test_edition_ending_before_it_starts_is_refused(db):
    edition = Edition(
        name="2030/31",
        slug="2030-31",
        starts_on=dt.date(2030, 9, 1),
        ends_on=dt.date(2030, 8, 1),
    )

    with pytest.raises(ValidationError) as error:
        edition.full_clean()

    assert error.value.message_dict["ends_on"] == [
        "The edition must end after it starts."
    ]
