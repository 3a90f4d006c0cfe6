"""Erasure: personal fields gone everywhere, edition figures unchanged."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.applications.models import Application, Review
from tandem.certificates.models import Certificate
from tandem.core.models import AuditEntry
from tandem.mentoring.models import Case, Meeting, PrivateNote
from tandem.people.models import Membership, Person
from tandem.privacy.domain.erasure import ERASED_NAME, erase_person
from tandem.programs.models import RoleGrant
from tandem.reports.domain import tables
from tests import factories
from tests.permissions.mentoring import CONCERN_MARKER, NOTE_MARKER


def all_figures(world):
    associations = [world.association_a, world.association_b]
    return {
        key: table(world.edition, associations).rows
        for key, table in tables.ALL_TABLES.items()
    }


def page(client, person, url_name, *args):
    client.force_login(person)
    return client.get(reverse(url_name, args=args)).content.decode()


def test_report_figures_are_the_same_before_and_after_erasure(world):
    before = all_figures(world)

    erase_person(world.people["mentee_a"], actor=world.people["mentee_a"])
    erase_person(world.people["mentor_b"], actor=world.people["mentor_b"])

    assert all_figures(world) == before
    # The world holds applicants, pairs and a meeting, so the figures are not empty.
    assert before["funnel"][-1] == ["Total", 8, 6, 6, 4, 2, 0, 0]


def test_the_partner_sees_erased_participant_and_never_the_name(client, world):
    mentor = world.people["mentor_b"]
    slug = world.edition.slug

    erase_person(mentor, actor=mentor)

    mine = page(client, world.people["mentee_a"], "mentoring:mine", slug)
    assert "Bence" not in mine
    assert f"Mentor: {ERASED_NAME}" in mine
    assert f"erased-{mentor.pk}@erased.invalid" in mine


def test_coordinators_see_erased_participant_on_the_pair_and_the_concern(client, world):
    mentor = world.people["mentor_b"]
    slug, pair, concern = (
        world.edition.slug,
        world.extra["pair"],
        world.extra["concern"],
    )

    erase_person(mentor, actor=mentor)

    pair_page = page(
        client, world.people["national_a"], "mentoring:pair", slug, pair.pk
    )
    case_page = page(
        client, world.people["national_b"], "mentoring:case", slug, concern.pk
    )
    assert "Bence" not in pair_page
    assert ERASED_NAME in pair_page
    assert "Bence" not in case_page
    assert CONCERN_MARKER not in case_page


def test_every_personal_field_of_the_person_is_replaced(world):
    mentee = world.people["mentee_a"]
    Application.objects.filter(person=mentee).update(
        employer="Orlen", linkedin_url="https://www.linkedin.com/in/zoe", goals="Lead"
    )
    Person.objects.filter(pk=mentee.pk).update(employer="Orlen", languages=["Polish"])
    EmailAddress.objects.create(user=mentee, email=mentee.email, verified=True)

    erase_person(mentee, actor=mentee)

    mentee.refresh_from_db()
    application = Application.objects.get(person=mentee)
    assert (mentee.full_name, mentee.email, mentee.employer, mentee.languages) == (
        ERASED_NAME,
        f"erased-{mentee.pk}@erased.invalid",
        "",
        [],
    )
    assert (application.employer, application.linkedin_url, application.goals) == (
        "",
        "",
        "",
    )
    assert (application.decision, application.role) == ("accepted", "mentee")
    assert Membership.objects.get(person=mentee).member_number == ""
    assert EmailAddress.objects.filter(user=mentee).count() == 0
    assert mentee.get_short_name() == ERASED_NAME
    assert str(mentee) == ERASED_NAME


def test_her_meeting_topics_and_private_note_go_the_meeting_stays(world):
    mentee = world.people["mentee_a"]
    meeting = world.extra["meeting"]

    erase_person(mentee, actor=mentee)

    meeting.refresh_from_db()
    assert meeting.topics == ""
    assert meeting.duration_minutes == 60
    assert Meeting.objects.filter(pair=world.extra["pair"]).count() == 1
    assert PrivateNote.objects.filter(text__contains=NOTE_MARKER).count() == 0


def test_coordinators_words_about_her_go_their_scores_stay(world):
    mentee = world.people["mentee_a"]
    application = Application.objects.get(person=mentee)
    Review.objects.create(
        application=application,
        reviewer=world.people["national_a"],
        maturity=4,
        motivation=5,
        comment="Zoë was very clear about her goals.",
    )

    erase_person(mentee, actor=mentee)

    assert list(Review.objects.values_list("maturity", "motivation", "comment")) == [
        (4, 5, "")
    ]


def test_certificate_files_are_deleted_and_the_name_replaced(world):
    mentor = world.people["mentor_b"]

    erase_person(mentor, actor=mentor)

    certificate = Certificate.objects.get(pk=world.extra["certificate"].pk)
    assert (certificate.name, bytes(certificate.pdf)) == (ERASED_NAME, b"")
    assert certificate.code == world.extra["certificate"].code


def test_the_account_can_no_longer_sign_in(client, world):
    mentee = world.people["mentee_a"]
    old_email = mentee.email

    erase_person(mentee, actor=mentee)

    mentee.refresh_from_db()
    assert mentee.has_usable_password() is False
    assert mentee.is_active is False
    assert mentee.consent_withdrawn_at is not None
    assert client.login(email=mentee.email, password=factories.PASSWORD) is False
    assert client.login(email=old_email, password=factories.PASSWORD) is False


def test_the_audit_row_names_the_person_by_id_and_holds_no_text(world):
    mentee = world.people["mentee_a"]

    erase_person(mentee, actor=mentee)

    assert list(
        AuditEntry.objects.filter(action="person.erased").values_list(
            "actor_id", "object_type", "object_id", "association_id", "edition_id"
        )
    ) == [
        (
            mentee.pk,
            "people.person",
            str(mentee.pk),
            world.association_a.pk,
            world.edition.pk,
        )
    ]


def test_erasing_twice_changes_nothing_the_second_time(world):
    mentee = world.people["mentee_a"]
    erase_person(mentee, actor=mentee)
    erased_at = Person.objects.get(pk=mentee.pk).erased_at

    erase_person(mentee, actor=mentee)

    assert Person.objects.get(pk=mentee.pk).erased_at == erased_at
    assert AuditEntry.objects.filter(action="person.erased").count() == 1


def test_a_coordinator_of_a_running_edition_is_refused(world, settings):
    settings.TANDEM_TODAY = "2024-01-15"
    coordinator = world.people["national_a"]

    with pytest.raises(ValidationError) as refused:
        erase_person(coordinator, actor=coordinator)

    assert "hand your role over" in refused.value.messages[0]
    assert Person.objects.get(pk=coordinator.pk).full_name == "Agata Wiśniewska"
    assert RoleGrant.objects.filter(person=coordinator).count() == 1


def test_a_case_she_is_the_subject_of_loses_its_summary(world):
    mentee = world.people["mentee_a"]
    case = Case.objects.create(
        edition=world.edition,
        association=world.association_a,
        kind=Case.Kind.DROPOUT,
        source=Case.Source.COORDINATOR,
        person=mentee,
        summary="Zoë Nowak moved abroad.",
        opened_at=world.extra["meeting"].logged_at,
    )

    erase_person(mentee, actor=mentee)

    case.refresh_from_db()
    assert case.summary == "About an erased participant."
    assert case.kind == Case.Kind.DROPOUT


def test_an_erased_certificate_file_is_not_served(client, world):
    mentor = world.people["mentor_b"]
    code = world.extra["certificate"].code
    erase_person(mentor, actor=mentor)
    client.force_login(world.people["international"])

    response = client.get(reverse("certificates:pdf", args=[world.edition.slug, code]))

    assert response.status_code == 404
    assert AuditEntry.objects.filter(action="certificate.downloaded").count() == 0
