from django.urls import reverse

from tandem.people.models import Person


def test_a_person_sets_name_time_zone_and_languages(client, world):
    person = world.people["member_a"]
    client.force_login(person)

    response = client.post(
        reverse("people:profile"),
        {
            "full_name": "Łukasz Őrs Šimić-Zoë",
            "time_zone": "Asia/Dubai",
            "languages": ["Polish", "Hungarian"],
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Łukasz Őrs Šimić-Zoë"
    assert person.time_zone == "Asia/Dubai"
    assert person.languages == ["Polish", "Hungarian"]
    page = client.get(reverse("people:profile")).content.decode()
    assert 'value="Łukasz Őrs Šimić-Zoë"' in page


def test_an_unknown_time_zone_is_refused_naming_the_field(client, world):
    person = world.people["member_a"]
    client.force_login(person)

    response = client.post(
        reverse("people:profile"),
        {"full_name": "Łukasz", "time_zone": "Mars/Olympus", "languages": []},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["time_zone"]
    assert Person.objects.get(pk=person.pk).full_name == "Łukasz Wójcik"


def test_a_name_with_a_line_break_is_saved_on_one_line(client, world):
    person = world.people["member_a"]
    client.force_login(person)

    response = client.post(
        reverse("people:profile"),
        {"full_name": " Zoë\r\nBcc: x@evil.invalid ", "time_zone": "Europe/Warsaw"},
    )

    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).full_name == "Zoë Bcc: x@evil.invalid"


def test_a_name_that_starts_like_a_formula_is_refused(client, world):
    person = world.people["member_a"]
    client.force_login(person)

    response = client.post(
        reverse("people:profile"),
        {"full_name": '=HYPERLINK("x")', "time_zone": "Europe/Warsaw"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == [
        "not a name (starts with '='; a name cannot start with =, +, - or @)"
    ]
    assert Person.objects.get(pk=person.pk).full_name == "Łukasz Wójcik"
