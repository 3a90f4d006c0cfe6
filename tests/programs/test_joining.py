from django.core import mail
from django.urls import reverse

from tandem.core.models import AuditEntry
from tandem.people.models import Person
from tandem.programs.models import EditionAssociation, JoinRequest, RoleGrant


def join_form_data(**changes):
    data = {
        "association_name": "AIESEC Alumni Ireland",
        "country": "ie",
        "languages": ["Irish", "English"],
        "membership_rule": "Alumni who paid the 2023 fee.",
        "board_member_name": "João Silva",
        "board_member_email": "joao@example.pt",
        "coordinator_name": "Inês Gonçalves",
        "coordinator_email": " Ines@Example.PT ",
    }
    data.update(changes)
    return data


def test_a_board_asks_to_join_and_the_coordinator_approves(
    client, world, django_capture_on_commit_callbacks
):
    response = client.post(
        reverse("programs:join", args=[world.edition.slug]), join_form_data()
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get(association_name="AIESEC Alumni Ireland")
    assert request.country == "IE"
    assert request.coordinator_email == "ines@example.pt"

    client.force_login(world.people["international"])
    audited_before = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "programs:join_request_decide", args=[world.edition.slug, request.pk]
            ),
            {"decision": "approve"},
        )

    assert response.status_code == 302
    coordinator = Person.objects.get(email="ines@example.pt")
    assert coordinator.full_name == "Inês Gonçalves"
    grant = RoleGrant.objects.get(person=coordinator, edition=world.edition)
    assert (grant.role, grant.association.country) == ("national", "IE")
    assert EditionAssociation.objects.filter(
        edition=world.edition, association__country="IE"
    ).exists()
    assert [m.to for m in mail.outbox] == [["ines@example.pt"]]
    assert "Inês Gonçalves" in mail.outbox[0].body
    actions = list(
        AuditEntry.objects.order_by("id").values_list("action", "actor__full_name")
    )[audited_before:]
    assert actions == [
        ("role.granted", "Karolina Nowicka"),
        ("join_request.approved", "Karolina Nowicka"),
    ]


def test_an_approved_coordinator_can_open_the_new_associations_page(client, world):
    client.post(reverse("programs:join", args=[world.edition.slug]), join_form_data())
    request = JoinRequest.objects.get(association_name="AIESEC Alumni Ireland")
    client.force_login(world.people["international"])
    client.post(
        reverse("programs:join_request_decide", args=[world.edition.slug, request.pk]),
        {"decision": "approve"},
    )

    client.force_login(Person.objects.get(email="ines@example.pt"))
    response = client.get(
        reverse("programs:association", args=[world.edition.slug, "IE"])
    )

    assert response.status_code == 200
    assert response.context["association"].name == "AIESEC Alumni Ireland"


def test_a_declined_request_grants_nothing_and_cannot_be_approved_later(client, world):
    client.force_login(world.people["international"])
    url = reverse(
        "programs:join_request_decide",
        args=[world.edition.slug, world.join_request.pk],
    )

    client.post(url, {"decision": "decline"})
    response = client.post(url, {"decision": "approve"}, follow=True)

    world.join_request.refresh_from_db()
    assert world.join_request.state == JoinRequest.State.DECLINED
    assert not Person.objects.filter(email="ines@example.pt").exists()
    assert [str(m) for m in response.context["messages"]] == [
        "AIESEC Alumni Portugal: request declined.",
        "This request was already declined.",
    ]
    assert mail.outbox == []
