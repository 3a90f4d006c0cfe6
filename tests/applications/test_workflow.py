"""Applying, membership checks, screening, exports and the list pages."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.domain import (
    applying,
    exporting,
    membership,
    queries,
    screening,
)
from tandem.applications.domain.importing import read_upload
from tandem.applications.models import Application
from tandem.core.models import AuditEntry
from tandem.people.models import Membership
from tests import factories
from tests.applications.conftest import import_corpus_file
from tests.conftest import MARKER
from tests.tabular.conftest import CORPUS

ANSWERS = {
    "preference": "international",
    "native_language": "Polish",
    "other_languages": ["English"],
    "goals": "Lead my first team.",
    "motivation": "=I want to grow",
}


def test_a_member_saves_a_draft_then_submits_with_consent(
    open_window, django_capture_on_commit_callbacks
):
    world = open_window
    person = world.people["member_a"]
    draft = applying.save_application(
        person,
        world.edition,
        world.association_a,
        "mentee",
        ANSWERS,
        actor=person,
        submit=False,
    )
    assert draft.state == "draft"

    with django_capture_on_commit_callbacks(execute=True):
        submitted = applying.save_application(
            person,
            world.edition,
            world.association_a,
            "mentee",
            ANSWERS,
            actor=person,
            submit=True,
            consent=True,
        )

    assert (submitted.pk, submitted.state) == (draft.pk, "submitted")
    assert submitted.consents.get().version == "1"
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "Łukasz Wójcik" in mail.outbox[0].body
    assert list(
        AuditEntry.objects.filter(object_id=str(draft.pk)).values_list(
            "action", flat=True
        )
    ) == ["application.submitted", "application.saved"]


def test_submitting_without_consent_or_after_the_deadline_is_refused(
    open_window, settings
):
    world = open_window
    person = world.people["member_a"]
    with pytest.raises(ValidationError, match="privacy notice"):
        applying.save_application(
            person,
            world.edition,
            world.association_a,
            "mentee",
            ANSWERS,
            actor=person,
            submit=True,
        )

    settings.TANDEM_TODAY = "2023-11-13"
    with pytest.raises(ValidationError, match="closed"):
        applying.save_application(
            person,
            world.edition,
            world.association_a,
            "mentee",
            ANSWERS,
            actor=person,
            submit=False,
        )

    assert Application.objects.filter(person=person).count() == 0


def test_the_apply_page_round_trips_diacritics_and_withdraws(open_window, client):
    world = open_window
    person = world.people["member_a"]
    client.force_login(person)
    url = reverse("applications:apply", args=[world.edition.slug, "mentee"])

    response = client.post(
        url,
        {
            "association": world.association_a.pk,
            "preference": "local",
            "native_language": "Polish",
            "city": "Łódź",
            "employer": "Fundacja „Nowy Start”",
            "goals": "Żółć & <b>odwaga</b>",
            "consent": "on",
            "action": "submit",
        },
    )
    application = Application.objects.get(person=person)
    page = client.get(url).content.decode()
    client.post(
        reverse("applications:withdraw", args=[world.edition.slug, application.pk])
    )

    assert response.status_code == 302
    assert (application.city, application.state) == ("Łódź", "submitted")
    assert "Fundacja „Nowy Start”" in page
    assert "Żółć &amp; &lt;b&gt;odwaga&lt;/b&gt;" in page
    assert Application.objects.get(pk=application.pk).state == "withdrawn"


@pytest.fixture
def imported(corpus_edition):
    edition, associations, international = corpus_edition
    for path in sorted((CORPUS / "forms").iterdir()):
        import_corpus_file(edition, f"forms/{path.name}", actor=international)
    return edition, associations, international


@pytest.mark.parametrize(
    ("code", "name", "verified", "not_verified"),
    [
        ("PL", "PL_czlonkowie_2023-10-31_cp1250.csv", 76, 6),
        ("HU", "HU_taglista_2023.xlsx", 12, 2),
        ("SE", "SE_medlemmar_google-sheets.csv", 18, 1),
    ],
)
def test_a_member_list_verifies_by_email_or_number_never_by_name(
    imported, code, name, verified, not_verified
):
    edition, associations, international = imported
    association = associations[code]
    path = CORPUS / "members" / name
    table = read_upload(path.read_bytes(), name, association=association)

    _, report = membership.apply_member_list(
        edition, association, table, actor=international
    )

    assert (len(report.verified), len(report.not_verified)) == (verified, not_verified)
    states = Membership.objects.filter(
        association=association, person__applications__edition=edition
    ).distinct()
    assert states.filter(state="verified").count() == verified


def test_unverified_applicants_cannot_be_accepted(
    open_window, django_capture_on_commit_callbacks
):
    world = open_window
    application = world.extra["application_a"]
    Membership.objects.filter(person=application.person).update(state="unverified")
    actor = world.people["international"]

    with pytest.raises(ValidationError, match="not verified"):
        screening.decide_application(application, "accepted", actor=actor)
    membership.verify_membership(application, actor=world.people["national_a"])
    with django_capture_on_commit_callbacks(execute=True):
        decided = screening.decide_application(application, "accepted", actor=actor)

    assert (decided.decision, decided.decided_by) == ("accepted", actor)
    assert mail.outbox[0].subject == "You are in: Tandem 2023/24"
    assert mail.outbox[0].to == [application.person.email]


def test_reviews_give_mean_spread_and_count(world):
    application = world.extra["application_a"]
    screening.review_application(
        application, actor=world.people["national_a"], maturity=4, motivation=5
    )
    screening.review_application(
        application, actor=world.people["international"], maturity=2, motivation=3
    )

    listed = queries.with_scores(Application.objects.filter(pk=application.pk)).get()

    assert (listed.mean_score, listed.spread, listed.review_count) == (3.5, 2.0, 2)


def test_an_unknown_placeholder_in_a_decision_template_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        screening.save_decision_template(
            world.edition,
            "rejected",
            "Tandem {edition}",
            "Dear {first_name},",
            actor=world.people["international"],
        )

    assert refused.value.message_dict["body"][0].startswith(
        "Unknown placeholder {first_name}; use {name}"
    )


def test_an_export_neutralises_formulas_and_is_audited(world):
    application = world.extra["application_a"]
    Application.objects.filter(pk=application.pk).update(motivation="=1+2")
    rows = queries.with_scores(Application.objects.filter(pk=application.pk))

    data = exporting.export_applications(
        rows, "csv", actor=world.people["international"], edition=world.edition
    )

    assert ",'=1+2," in data.decode("utf-8-sig")
    assert AuditEntry.objects.filter(action="applications.exported.csv").count() == 1


@pytest.mark.parametrize(
    "url_name",
    ["applications:list", "applications:members", "applications:promotion"],
)
def test_national_coordinator_never_sees_the_other_associations_applicants(
    client, world, url_name
):
    client.force_login(world.people["national_a"])

    response = client.get(reverse(url_name, args=[world.edition.slug]))

    assert response.status_code == 200
    assert MARKER not in response.content.decode()
    assert "Zoë Nowak" in response.content.decode() or url_name.endswith("promotion")


def test_the_export_of_a_national_coordinator_holds_only_their_association(
    client, world
):
    client.force_login(world.people["national_a"])

    response = client.get(
        reverse("applications:export", args=[world.edition.slug, "csv"])
    )

    text = response.content.decode("utf-8-sig")
    assert MARKER not in text
    assert text.count("\r\n") == 4  # header, application_a and the Gmail twins


@pytest.mark.parametrize("url_name", ["applications:list", "applications:members"])
def test_list_pages_take_the_same_queries_for_few_and_many_rows(
    client, world, url_name, django_assert_num_queries
):
    client.force_login(world.people["international"])
    url = reverse(url_name, args=[world.edition.slug])
    client.get(url)
    with django_assert_num_queries(_count(client, url)) as few:
        client.get(url)
    for index in range(15):
        person = factories.make_member(world.association_a, f"Anna Nowak {index}")
        Application.objects.create(
            person=person,
            edition=world.edition,
            association=world.association_a,
            role="mentee",
            state="submitted",
            source="form",
        )

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count(">Anna Nowak ") == 15


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def test_the_member_list_page_names_the_upload_and_flags_a_list_matching_nobody(
    imported, client
):
    edition, associations, _ = imported
    coordinator = factories.make_person("Agata Wiśniewska")
    factories.grant(coordinator, edition, "national", associations["PL"])
    client.force_login(coordinator)
    url = reverse("applications:members", args=[edition.slug])
    name = "HU_taglista_2023.xlsx"
    wrong_list = SimpleUploadedFile(name, (CORPUS / "members" / name).read_bytes())

    empty = client.get(url).content.decode()
    page = client.post(url, {"file": wrong_list}).content.decode()

    assert "Member list (CSV, XLSX or Excel&#x27;s Unicode text)" in empty
    assert "Form export" not in empty
    assert "No applicant of" in page
    assert not Membership.objects.filter(
        association=associations["PL"], state="verified"
    ).exists()
