"""Promotion templates between coordinators, and deciding many applications at once."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.models import Application, PromotionFile
from tandem.core.models import AuditEntry
from tandem.people.models import Membership
from tests import factories


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_national_coordinator_downloads_the_editions_templates(
    world, client, media
):
    client.force_login(world.people["international"])
    client.post(
        reverse("applications:promotion", args=[world.edition.slug]),
        {
            "title": "Poster 2023/24",
            "file": SimpleUploadedFile("poster-2023.pdf", b"%PDF-1.4 Tandem poster"),
        },
    )
    shared = PromotionFile.objects.get(title="Poster 2023/24")
    client.force_login(world.people["national_a"])

    listing = client.get(reverse("applications:promotion", args=[world.edition.slug]))
    download = client.get(
        reverse("applications:promotion_download", args=[world.edition.slug, shared.pk])
    )

    assert "Poster 2023/24" in listing.content.decode()
    assert b"".join(download) == b"%PDF-1.4 Tandem poster"
    assert download["Content-Disposition"] == 'attachment; filename="poster-2023.pdf"'
    assert AuditEntry.objects.filter(action="promotion_file.uploaded").count() == 1


def test_a_national_coordinator_cannot_upload_templates(world, client, media):
    client.force_login(world.people["national_a"])

    client.post(
        reverse("applications:promotion", args=[world.edition.slug]),
        {"title": "Mine", "file": SimpleUploadedFile("mine.pdf", b"%PDF")},
    )

    assert not PromotionFile.objects.filter(title="Mine").exists()


def test_another_editions_template_and_another_associations_applicant_stay_hidden(
    world, client, media
):
    other = factories.make_edition("2030/31")
    hidden = PromotionFile.objects.create(
        edition=other, title="Next year", file=SimpleUploadedFile("n.pdf", b"%PDF")
    )
    client.force_login(world.people["national_b"])

    download = client.get(
        reverse("applications:promotion_download", args=[world.edition.slug, hidden.pk])
    )
    detail = client.get(
        reverse(
            "applications:detail",
            args=[world.edition.slug, world.extra["application_a"].pk],
        )
    )
    job = client.get(
        reverse(
            "applications:import_preview",
            args=[world.edition.slug, world.extra["import_a"].pk],
        )
    )

    assert (download.status_code, detail.status_code, job.status_code) == (
        404,
        404,
        404,
    )


def test_bulk_decision_sends_the_edited_template_and_records_who_and_when(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_TODAY = "2023-11-14"
    international = world.people["international"]
    chosen = [world.extra["application_a"], world.extra["application_b"]]
    Membership.objects.filter(person__in=[a.person for a in chosen]).update(
        state="verified"
    )
    client.force_login(international)
    client.post(
        reverse("applications:template", args=[world.edition.slug, "waitlisted"]),
        {
            "subject": "Tandem {edition}: waiting list",
            "body": "Dear {name}, as a {role} of {association} you are on the list.",
        },
        follow=True,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:decide_bulk", args=[world.edition.slug]),
            {"decision": "waitlisted", "application": [a.pk for a in chosen]},
            follow=True,
        )

    decided = Application.objects.filter(pk__in=[a.pk for a in chosen])
    assert [str(m) for m in response.context["messages"]] == [
        "2 applications: waitlisted."
    ]
    assert {(a.decision, a.decided_by_id) for a in decided} == {
        ("waitlisted", international.pk)
    }
    assert {a.decided_at.date().isoformat() for a in decided} == {"2023-11-14"}
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        (a.person.email, f"Tandem {world.edition.name}: waiting list") for a in chosen
    )
    bodies = {m.to[0]: m.body for m in mail.outbox}
    mentee = world.extra["application_a"]
    assert bodies[mentee.person.email] == (
        f"Dear {mentee.person.full_name}, as a mentee of "
        f"{mentee.association.name} you are on the list."
    )
    audit = AuditEntry.objects.filter(action="application.waitlisted")
    assert sorted(audit.values_list("object_id", flat=True)) == sorted(
        str(a.pk) for a in chosen
    )
    assert set(audit.values_list("actor", flat=True)) == {international.pk}


def test_bulk_acceptance_of_an_unverified_applicant_decides_nothing(world, client):
    chosen = [world.extra["application_a"], world.extra["application_b"]]
    Membership.objects.filter(person=chosen[0].person).update(state="verified")
    Membership.objects.filter(person=chosen[1].person).update(state="unverified")
    Application.objects.filter(pk__in=[a.pk for a in chosen]).update(decision="")
    decided_before = set(Application.objects.exclude(decision="").values_list("pk"))
    client.force_login(world.people["international"])

    response = client.post(
        reverse("applications:decide_bulk", args=[world.edition.slug]),
        {"decision": "accepted", "application": [a.pk for a in chosen]},
        follow=True,
    )

    name = chosen[1].person.full_name
    association = chosen[1].association
    assert [str(m) for m in response.context["messages"]] == [
        f"Nothing decided. {name}: membership of {association} is not verified"
    ]
    decided = set(Application.objects.exclude(decision="").values_list("pk"))
    assert decided == decided_before
    assert mail.outbox == []
