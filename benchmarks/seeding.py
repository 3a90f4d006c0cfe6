"""Bulk volume for the benchmarks: participants, applications, pairs, meetings.

``benchmarks/closure.py`` (report and certificates) and ``benchmarks/load.py``
(the served dashboards and the mixed scenario) both add their volume here with
``bulk_create``, so tens of thousands of rows take seconds, not the minutes that
the domain functions with their audit rows and e-mails would take. Nothing here
is used by the product; the rows are what the domain functions would have left.
Needs Django set up by the calling script.
"""

import datetime as dt
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from tandem.applications.models import Application
from tandem.events.models import Attendance
from tandem.mentoring.models import Meeting, Pair
from tandem.people.models import Membership, Person
from tandem.surveys.models import Answer, Response, ResponseMarker

UNUSABLE = make_password(None)
BATCH = 2000

# Names whose letters must survive every page: one per language of the demo.
NAMES = [
    "Łukasz Wójcik",
    "Őrs Kovács",
    "Ivana Šimić",
    "Zoë Peeters",
    "Tereza Dvořáková",
    "Åsa Öberg",
    "Ирина Павлова",
    "Ľubica Horváthová",
    "نورة السويدي",
]


def add_participants(
    edition,
    associations,
    count,
    *,
    mentors,
    name=lambda i: f"Łukasz Wójcik {i}",
    email=lambda i, association: f"p{i}@example.org",
    password=UNUSABLE,
    verified_emails=False,
    zones=None,
):
    """``count`` people with a verified membership and an accepted application.

    The first ``mentors`` apply as mentors, the rest as mentees; person ``i``
    belongs to ``associations[i % len(associations)]``. Returns the applications
    in the same order. ``verified_emails`` adds the confirmed address that
    signing in through the real form needs.
    """
    home = [associations[i % len(associations)] for i in range(count)]
    zones = zones or {}
    default_zone = Person._meta.get_field("time_zone").get_default()
    people = Person.objects.bulk_create(
        (
            Person(
                email=email(i, a),
                full_name=name(i),
                password=password,
                time_zone=zones.get(a.country, default_zone),
            )
            for i, a in enumerate(home)
        ),
        batch_size=BATCH,
    )
    if verified_emails:
        EmailAddress.objects.bulk_create(
            (
                EmailAddress(user=p, email=p.email, verified=True, primary=True)
                for p in people
            ),
            batch_size=BATCH,
        )
    Membership.objects.bulk_create(
        (
            Membership(
                person=p,
                association=a,
                state="verified",
                joined_on=dt.date(2023, 10, 2),
            )
            for p, a in zip(people, home, strict=True)
        ),
        batch_size=BATCH,
    )
    return Application.objects.bulk_create(
        (
            Application(
                person=p,
                edition=edition,
                association=a,
                role="mentor" if i < mentors else "mentee",
                state="submitted",
                decision="accepted",
                source="form",
            )
            for i, (p, a) in enumerate(zip(people, home, strict=True))
        ),
        batch_size=BATCH,
    )


def add_pairs(
    edition, applications, mentors, count, rng, states, *, began_on, activated_on=None
):
    """Pair mentor ``i`` with mentee ``i`` for the first ``count`` mentors."""
    now = timezone.now()
    return Pair.objects.bulk_create(
        (
            Pair(
                edition=edition,
                mentor=applications[i],
                mentee=applications[mentors + i],
                pair_type=rng.choice(["local", "international"]),
                language="English",
                state=rng.choice(states),
                mentor_accepted_at=now,
                mentee_accepted_at=now,
                began_on=began_on,
                activated_on=activated_on,
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )


def add_meetings(pairs, counts, *, first_day, every_days):
    """``counts[k]`` confirmed meetings of ``pairs[k]``, ``every_days`` apart."""
    now = timezone.now()
    meetings = (
        Meeting(
            pair=pair,
            logged_by=pair.mentor.person,
            held_on=first_day + dt.timedelta(days=every_days * n),
            time_zone="Europe/Warsaw",
            duration_minutes=60,
            mode="online",
            state="confirmed",
            logged_at=now,
        )
        for pair, count in zip(pairs, counts, strict=True)
        for n in range(count)
    )
    created = 0
    while batch := list(itertools.islice(meetings, BATCH)):
        created += len(Meeting.objects.bulk_create(batch))
    return created


def add_attendance(events, people):
    """Every person attended every event in full."""
    now = timezone.now()
    return Attendance.objects.bulk_create(
        (
            Attendance(
                event=event, person=p, minutes=120, source="roster", recorded_at=now
            )
            for event in events
            for p in people
        ),
        batch_size=BATCH,
    )


def add_responses(survey, pairs, rng, *, submitted_on):
    """Named responses of both people of each pair to ``survey``.

    Every question gets an answer that its kind accepts: the lowest to highest
    of a scale at random, the first choice, or a short text.
    """
    questions = list(survey.questions.all())
    markers, responses, answers = [], [], []
    for pair in pairs:
        for application in (pair.mentor, pair.mentee):
            markers.append(
                ResponseMarker(
                    survey=survey,
                    person_id=application.person_id,
                    answered_on=submitted_on,
                )
            )
            response = Response(
                survey=survey,
                person_id=application.person_id,
                pair=pair,
                association_id=application.association_id,
                role=application.role,
                pair_type=pair.pair_type,
                submitted_on=submitted_on,
            )
            responses.append(response)
            answers.extend(_answer(response, q, rng) for q in questions)
    ResponseMarker.objects.bulk_create(markers, batch_size=BATCH)
    Response.objects.bulk_create(responses, batch_size=BATCH)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    return len(responses)


def _answer(response, question, rng):
    if question.kind in question.NUMERIC:
        low, high = question.RANGES[question.kind]
        return Answer(
            response=response, question=question, number=rng.randint(low, high)
        )
    if question.choices:
        return Answer(
            response=response, question=question, choices=[question.choices[0]]
        )
    return Answer(response=response, question=question, text="Dobře, köszönöm, ação.")
