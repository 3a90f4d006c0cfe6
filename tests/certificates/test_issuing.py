"""Eligibility, issuing one by one and in bulk, revoking, verifying, downloading."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.certificates.domain import eligibility, issuing, setup
from tandem.certificates.models import Certificate, IssueJob
from tandem.core.models import AuditEntry
from tandem.events.models import Attendance
from tandem.mentoring.models import Pair
from tests.certificates.conftest import NAME, pdf_text
from tests.events.builders import make_participant

SITE = "http://testserver/"


def issue(closure, person=None, **kwargs):
    return issuing.issue_certificate(
        closure["edition"],
        person or closure["mentor"],
        "mentor",
        actor=closure["coordinator"],
        site_url=SITE,
        **kwargs,
    )


def test_the_default_rule_says_the_final_survey_is_not_available_yet(closure):
    rule = eligibility.rule_for(closure["edition"], "mentor")
    setup.save_rule(rule, actor=closure["coordinator"], needs_final_survey=True)

    (result,) = eligibility.of_person(closure["edition"], closure["mentor"])

    assert [(c.key, c.state) for c in result.checks] == [
        ("pair", "passed"),
        ("trainings", "passed"),
        ("survey", "unavailable"),
    ]
    assert result.checks[2].detail == (
        "Not available yet: this edition has no final survey."
    )
    assert result.eligible is False


def test_a_missed_training_and_an_ended_pair_are_named(closure):
    Attendance.objects.filter(person=closure["mentor"]).delete()
    Pair.objects.filter(pk=closure["pair"].pk).update(state=Pair.State.ENDED_EARLY)

    (result,) = eligibility.of_person(closure["edition"], closure["mentor"])

    assert [(c.key, c.detail) for c in result.reasons] == [
        ("pair", "No pair that is active or completed."),
        ("trainings", "0 of 1 attended; missed: Mentor training 1."),
    ]


def test_an_eligible_mentor_gets_a_pdf_with_their_name_and_code(closure):
    certificate = issue(closure)

    text = pdf_text(certificate.pdf)
    assert NAME in text
    assert f"verify at {SITE}verify/{certificate.code}/" in text
    assert certificate.name == NAME
    assert certificate.override_reason == ""
    assert len(certificate.code) >= 20
    assert list(
        AuditEntry.objects.filter(action__startswith="certificate.").values_list(
            "action", "object_id"
        )
    ) == [("certificate.issued", str(certificate.pk))]


def test_someone_not_eligible_is_refused_without_a_reason(closure):
    Attendance.objects.filter(person=closure["mentor"]).delete()

    with pytest.raises(ValidationError) as error:
        issue(closure)

    assert error.value.messages == [
        f"{NAME} is not eligible (Every mandatory training attended: 0 of 1 "
        "attended; missed: Mentor training 1.). Give a reason to issue the "
        "certificate anyway."
    ]
    assert Certificate.objects.count() == 0


def test_an_override_reason_is_recorded(closure):
    Attendance.objects.filter(person=closure["mentor"]).delete()

    certificate = issue(closure, override_reason="  Attended the replay.  ")

    assert certificate.override_reason == "Attended the replay."
    assert (
        AuditEntry.objects.filter(
            action="certificate.issued_with_override", object_id=str(certificate.pk)
        ).count()
        == 1
    )


def test_a_second_valid_certificate_is_refused_until_the_first_is_revoked(closure):
    first = issue(closure)

    with pytest.raises(ValidationError) as error:
        issue(closure)
    issuing.revoke_certificate(first, "Name misspelt.", actor=closure["coordinator"])
    second = issue(closure)

    assert error.value.messages == [f"{NAME} already has a valid mentor certificate."]
    assert second.code != first.code
    assert Certificate.objects.filter(revoked_at__isnull=True).get() == second


def test_someone_not_accepted_gets_no_certificate(closure):
    with pytest.raises(ValidationError) as error:
        issue(closure, person=closure["coordinator"])

    assert error.value.messages == [
        "Karolina Nowicka was not accepted as a mentor in 2023/24."
    ]


def test_revoking_needs_a_reason(closure):
    certificate = issue(closure)

    with pytest.raises(ValidationError) as error:
        issuing.revoke_certificate(certificate, "  ", actor=closure["coordinator"])

    assert error.value.messages == ["Say why the certificate is revoked."]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_verification_page_shows_only_name_role_edition_and_validity(
    client, closure
):
    certificate = issue(closure)
    url = reverse("certificates:verify", args=[certificate.code])

    valid = client.get(url).content.decode()
    issuing.revoke_certificate(
        certificate, "Dropped out.", actor=closure["coordinator"]
    )
    revoked = client.get(url).content.decode()

    assert f'<dd class="name">{NAME}</dd>' in valid
    assert '<dd class="status">Valid</dd>' in valid
    assert '<dd class="status">Revoked</dd>' in revoked
    assert closure["mentor"].email not in valid
    assert "Alumni Poland" not in valid
    assert "Dropped out." not in revoked


def test_the_holder_downloads_it_and_the_download_is_audited(client, closure):
    certificate = issue(closure)
    client.force_login(closure["mentor"])

    response = client.get(
        reverse("certificates:pdf", args=[closure["edition"].slug, certificate.code])
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(certificate.pdf)
    assert (
        AuditEntry.objects.filter(
            action="certificate.downloaded", actor=closure["mentor"]
        ).count()
        == 1
    )


def test_the_checklist_page_tells_the_participant_what_is_missing(client, closure):
    Attendance.objects.filter(person=closure["mentor"]).delete()
    client.force_login(closure["mentor"])

    page = client.get(
        reverse("certificates:mine", args=[closure["edition"].slug])
    ).content.decode()

    assert "Done: Pair completed or active at the end" in page
    assert (
        "Not yet: Every mandatory training attended – 0 of 1 attended; "
        "missed: Mentor training 1." in page
    )


def test_bulk_issues_to_the_eligible_only_and_counts(
    closure, django_capture_on_commit_callbacks
):
    edition, poland = closure["edition"], closure["association"]
    make_participant(edition, poland, "mentor", name="Jan Kowalski")

    with django_capture_on_commit_callbacks(execute=True):
        job = issuing.start_bulk(
            edition, "mentor", actor=closure["coordinator"], site_url=SITE
        )

    job.refresh_from_db()
    assert (job.state, job.total, job.done, job.issued, job.skipped) == (
        IssueJob.State.DONE,
        1,
        1,
        1,
        0,
    )
    assert list(Certificate.objects.values_list("name", flat=True)) == [NAME]


def test_the_progress_bar_is_served_alone_to_htmx(client, closure):
    job = IssueJob.objects.create(
        edition=closure["edition"],
        role="mentor",
        requested_by=closure["coordinator"],
        total=4,
        done=1,
        state=IssueJob.State.RUNNING,
        site_url=SITE,
    )
    client.force_login(closure["coordinator"])

    response = client.get(
        reverse("certificates:job", args=[closure["edition"].slug, job.pk]),
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<div id="issue-progress" hx-get=')
    assert '<progress id="issue-bar" max="100" value="25">' in body
    assert "<html" not in body


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_runs_as_many_queries_for_many_mentors_as_for_one(client, closure):
    edition, poland = closure["edition"], closure["association"]
    client.force_login(closure["coordinator"])
    url = reverse("certificates:list", args=[edition.slug])
    few = _queries(client, url)
    for index in range(8):
        make_participant(edition, poland, "mentor", name=f"Mentor {index}")
    issue(closure)

    many = _queries(client, url)

    assert many == few
