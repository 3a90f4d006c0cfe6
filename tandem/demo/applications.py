"""Applications of the demo edition: enough mentors and mentees for matching to work on.

Seeded like the rest of the demo. Rows are only ever added, never rewritten: a row
that exists is left alone, so a second load changes nothing (not even the
``updated_at`` stamps).
"""

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from tandem.applications.models import Application, PrivacyConsent, Review
from tandem.people.models import Membership
from tandem.programs.models import RoleGrant

SEED = 2024
# Per association, in the order of ASSOCIATIONS: 120 mentees and 70 mentors.
MENTEES = {"PL": 14, "SE": 14, "AE": 13, "RU": 13, "HU": 13, "HR": 13, "BE": 13}
MENTEES |= {"CZ": 14, "SK": 13}
MENTORS = {"PL": 8, "SE": 8, "AE": 8, "RU": 8, "HU": 8, "HR": 8, "BE": 8}
MENTORS |= {"CZ": 7, "SK": 7}
WINDOW = (dt.date(2023, 10, 9), dt.date(2023, 11, 12))
DECIDED_AT = dt.datetime(2023, 11, 13, 10, 0, tzinfo=dt.UTC)

PLACES = {
    "PL": ("Poland", ["Warszawa", "Kraków", "Wrocław", "Gdańsk", "Poznań", "Łódź"]),
    "SE": ("Sweden", ["Stockholm", "Göteborg", "Malmö", "Uppsala"]),
    "AE": ("United Arab Emirates", ["Dubai", "Abu Dhabi", "Sharjah"]),
    "RU": ("Russia", ["Москва", "Санкт-Петербург", "Казань", "Новосибирск"]),
    "HU": ("Hungary", ["Budapest", "Debrecen", "Szeged", "Pécs"]),
    "HR": ("Croatia", ["Zagreb", "Split", "Rijeka", "Osijek"]),
    "BE": ("Belgium", ["Brussels", "Antwerpen", "Gent", "Liège", "Leuven"]),
    "CZ": ("Czechia", ["Praha", "Brno", "Ostrava", "Plzeň"]),
    "SK": ("Slovakia", ["Bratislava", "Košice", "Žilina", "Banská Bystrica"]),
}
AVAILABILITY = ["Weekday mornings", "Weekday lunchtime", "Weekday evenings", "Weekends"]
SKILLS = {
    "General management": ["leadership", "strategy", "change management"],
    "Project management": ["agile", "stakeholder management", "planning"],
    "Product management": ["product discovery", "roadmaps", "user research"],
    "Software engineering": ["architecture", "code review", "tech leadership"],
    "Data & analytics": ["SQL", "data strategy", "machine learning"],
    "Sales": ["key accounts", "negotiation", "B2B sales"],
    "Marketing": ["brand", "digital marketing", "go-to-market"],
    "Finance": ["controlling", "FP&A", "fundraising"],
    "HR & people": ["talent development", "recruiting", "feedback culture"],
    "Operations": ["lean", "supply chain", "process design"],
    "Strategy": ["market entry", "M&A", "business cases"],
    "Legal": ["contracts", "compliance", "data protection"],
}
GOALS = [
    "Grow into my first people-lead role and learn to delegate.",
    "Decide whether to move from {function} into general management.",
    "Build confidence in presenting to senior stakeholders.",
    "Understand how {industry} works in another country before relocating.",
    "Prepare for starting my own company next year.",
    "Find a better balance between a demanding job and a young family.",
]
EXPERTISE = [
    "{years} years in {industry}; I lead a team in {function} and coach juniors.",
    "Built {function} teams from scratch twice; happy to talk careers abroad.",
    "Former consultant, now in {function}; hiring, promotions and negotiating.",
    "Moved countries three times for work; {industry} in Europe and the Gulf.",
]
MOTIVATION = [
    "My own mentor changed how I work; I want to pass that on.",
    "I want an outside view on my career from someone in another country.",
    "The alumni network gave me a lot, and this is a structured way to give back.",
    "I am at a turning point and want to talk it through with someone experienced.",
]


def load_demo_applications(edition, members_by_country, associations):
    """Add what is missing of the demo's applications, consents and reviews."""
    rng = random.Random(SEED)
    existing = {
        (a.person_id, a.role): a for a in Application.objects.filter(edition=edition)
    }
    verified = set(
        Membership.objects.filter(state=Membership.State.VERIFIED).values_list(
            "person_id", "association_id"
        )
    )
    reviewers = _reviewers(edition)
    planned = []
    for country, members in members_by_country.items():
        association = associations[country]
        applicants = members[1 : 1 + MENTEES[country] + MENTORS[country]]
        for index, person in enumerate(applicants):
            role = "mentee" if index < MENTEES[country] else "mentor"
            application = _application(rng, edition, association, person, role)
            is_verified = (person.pk, association.pk) in verified
            _decide(rng, application, is_verified, reviewers["international"])
            planned.append(application)
    missing = [a for a in planned if (a.person_id, a.role) not in existing]
    Application.objects.bulk_create(missing)
    _consents(missing)
    _reviews(planned, reviewers)
    return planned


def _reviewers(edition):
    grants = RoleGrant.objects.filter(
        edition=edition,
        role__in=[RoleGrant.Role.NATIONAL, RoleGrant.Role.INTERNATIONAL],
    ).select_related("person")
    by_association = {g.association_id: g.person for g in grants if g.association_id}
    international = next(g.person for g in grants if not g.association_id)
    return {"international": international, **by_association}


def _application(rng, edition, association, person, role):
    country = association.country
    native = (
        association.languages[0] if country != "BE" else rng.choice(["Dutch", "French"])
    )
    function = person.function
    years = rng.randint(12, 30) if role == "mentor" else rng.randint(2, 9)
    words = {"function": function, "industry": person.industry, "years": years}
    state_name, cities = PLACES[country]
    return Application(
        person=person,
        edition=edition,
        association=association,
        role=role,
        state=Application.State.SUBMITTED,
        member_number=_member_number(person, association),
        preference=rng.choices(["local", "international", "either"], weights=[3, 4, 3])[
            0
        ],
        native_language=native,
        other_languages=[
            language for language in person.languages if language != native
        ],
        country=state_name,
        city=rng.choice(cities),
        time_zone=person.time_zone,
        industry=person.industry,
        function=function,
        years_experience=Decimal(years),
        employer=person.employer,
        expertise=rng.choice(EXPERTISE).format(**words) if role == "mentor" else "",
        goals=rng.choice(GOALS).format(**words) if role == "mentee" else "",
        tags=rng.sample(SKILLS[function], 2),
        linkedin_url=f"https://www.linkedin.com/in/{person.email.split('@')[0]}",
        availability=sorted(rng.sample(AVAILABILITY, rng.randint(1, 2))),
        capacity=rng.choice([1, 1, 2, 2, 3]) if role == "mentor" else None,
        motivation=rng.choice(MOTIVATION),
        source=Application.Source.FORM,
        submitted_at=_submitted_at(rng, person.time_zone),
    )


def _member_number(person, association):
    membership = person.memberships.filter(association=association).first()
    return membership.member_number if membership else ""


def _submitted_at(rng, zone):
    day = WINDOW[0] + dt.timedelta(days=rng.randint(0, (WINDOW[1] - WINDOW[0]).days))
    local = dt.datetime.combine(day, dt.time(rng.randint(7, 22), rng.randint(0, 59)))
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


def _decide(rng, application, is_verified, international):
    """Most verified applicants are accepted; some wait, a few are turned down."""
    roll = rng.random()
    if is_verified and roll < 0.85:
        decision = Application.Decision.ACCEPTED
    elif roll < 0.93:
        decision = Application.Decision.WAITLISTED
    else:
        decision = Application.Decision.REJECTED
    application.decision = decision
    application.decided_by, application.decided_at = international, DECIDED_AT


def _consents(applications):
    PrivacyConsent.objects.bulk_create(
        PrivacyConsent(application=a, version="1", given_at=a.submitted_at)
        for a in applications
    )


def _reviews(applications, reviewers):
    """The national coordinator reviews about half; the international a third.

    Each (application, reviewer) pair draws from its own seed, so whether a review
    exists does not depend on what an earlier load already stored.
    """
    stored = {
        (a.person_id, a.role): a.pk
        for a in Application.objects.filter(edition=applications[0].edition)
    }
    done = set(Review.objects.values_list("application_id", "reviewer_id"))
    new = []
    for application in applications:
        pk = stored[(application.person_id, application.role)]
        for reviewer, share in (
            (reviewers[application.association_id], 0.5),
            (reviewers["international"], 0.33),
        ):
            draw = random.Random(f"{SEED}:{application.person.email}:{reviewer.email}")
            if draw.random() >= share or (pk, reviewer.pk) in done:
                continue
            new.append(
                Review(
                    application_id=pk,
                    reviewer=reviewer,
                    maturity=draw.randint(2, 5),
                    motivation=draw.randint(2, 5),
                    comment=draw.choice(REVIEW_COMMENTS),
                )
            )
    Review.objects.bulk_create(new)


REVIEW_COMMENTS = [
    "Clear goals and realistic expectations.",
    "Strong motivation; languages fit an international pair.",
    "Good profile, a little vague on what they want from the year.",
    "Experienced and generous with time.",
]
