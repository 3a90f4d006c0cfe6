from django.core import mail

from tandem.applications.domain.screening import render_decision, template_for
from tandem.matching.domain.publishing import introduce_pairs
from tandem.mentoring.domain.pairs import create_pairs


def test_a_name_stored_with_a_line_break_still_gets_its_introduction(cohort):
    mentor, mentee = cohort["mentors"][0], cohort["mentees"][0]
    mentor.person.full_name = "Adam\nBcc: x@evil.invalid"
    mentor.person.save(update_fields=["full_name"])
    (pair,) = create_pairs(
        cohort["edition"],
        [(mentor.pk, mentee.pk, "local", "Polish")],
        actor=cohort["actor"],
        source="test",
        announce=False,
    )

    introduce_pairs([pair.pk])

    assert [m.subject for m in mail.outbox] == [
        "Your Tandem 2023/24 pair: Adam Bcc: x@evil.invalid and Zoë Nowak"
    ] * 2
    assert "Mentor: Adam\nBcc: x@evil.invalid (Alumni Poland)" in mail.outbox[0].body


def test_a_decision_subject_naming_the_applicant_is_one_line(cohort):
    mentee = cohort["mentees"][0]
    mentee.person.full_name = "Zoë\r\nNowak"
    template = template_for(cohort["edition"], "accepted")
    template.subject = "Welcome, {name}"

    subject, body = render_decision(template, mentee)

    assert subject == "Welcome, Zoë Nowak"
    assert body.startswith("Hello Zoë\r\nNowak,\n")
