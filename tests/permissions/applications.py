"""Pages of applications: applying, importing, membership, screening, promotion."""

from django.core.files.base import ContentFile

from tandem.applications.models import Application, ImportJob, PromotionFile
from tandem.people.models import Person
from tests.permissions import Case

SMALL_EXPORT = (
    b"Full name,E-mail,Pair preference,Native language,Consent\r\n"
    b"Zofia Krawczyk,zofia@example.pl,Either,Polish,Yes\r\n"
)

MEMBERS = "login 404 200 200 200 200 403 403 403 403 404"
COORDINATORS = "login 404 403 403 403 403 403 200 200 200 404"
INTERNATIONAL = "login 404 403 403 403 403 403 403 403 200 404"
SCOPE_A = "login 404 404 404 404 404 404 200 404 200 404"
SCOPE_A_POST = "login 404 404 404 404 404 404 302 404 302 404"
EVERYONE = "200 200 200 200 200 200 200 200 200 200 200"


def extend_world(world):
    people = world.people
    world.extra["application_a"] = _application(
        people["mentee_a"], world.edition, world.association_a, "mentee"
    )
    world.extra["application_b"] = _application(
        people["mentor_b"], world.edition, world.association_b, "mentor"
    )
    for key, coordinator, association in (
        ("import_a", "national_a", world.association_a),
        ("import_b", "national_b", world.association_b),
    ):
        world.extra[key] = ImportJob.objects.create(
            edition=world.edition,
            association=association,
            uploaded_by=people[coordinator],
            filename="export.csv",
            data=SMALL_EXPORT,
        )
    for key, email in (("twin_1", "ola.lis@gmail.com"), ("twin_2", "olalis@gmail.com")):
        person = Person.objects.create_user(email, full_name="Ola Lis")
        world.extra[key] = _application(
            person, world.edition, world.association_a, "mentee"
        )
    world.extra["promotion_file"] = PromotionFile.objects.create(
        edition=world.edition,
        title="Poster",
        file=ContentFile(b"%PDF-1.4 poster", name="poster.pdf"),
    )


def _application(person, edition, association, role):
    return Application.objects.create(
        person=person,
        edition=edition,
        association=association,
        role=role,
        state=Application.State.SUBMITTED,
        source=Application.Source.FORM,
        preference="either",
        native_language="Polish",
        motivation=f"I want to learn, says {person.full_name}.",
    )


def ed(w):
    return [w.edition.slug]


def app_a(w):
    return [w.edition.slug, w.extra["application_a"].pk]


def app_b(w):
    return [w.edition.slug, w.extra["application_b"].pk]


def job_a(w):
    return [w.edition.slug, w.extra["import_a"].pk]


CASES = [
    Case("applications:apply", lambda w: [w.edition.slug, "mentee"], MEMBERS),
    Case("applications:mine", ed, MEMBERS),
    Case(
        "applications:linkedin",
        lambda w: [w.edition.slug, "mentor"],
        "login 404 302 302 302 302 403 403 403 403 404",
        method="post",
    ),
    Case(
        "applications:withdraw",
        app_a,
        "login 404 404 404 302 404 404 404 404 404 404",
        method="post",
    ),
    Case("applications:list", ed, COORDINATORS),
    Case("applications:detail", app_a, SCOPE_A),
    Case("applications:detail", app_b, "login 404 404 404 404 404 404 404 200 200 404"),
    Case(
        "applications:review",
        app_a,
        SCOPE_A_POST,
        method="post",
        data={"maturity": 4, "motivation": 5, "comment": "Clear goals."},
    ),
    Case(
        "applications:decide",
        app_a,
        "login 404 404 404 404 404 404 403 404 302 404",
        method="post",
        data={"decision": "rejected"},
    ),
    Case(
        "applications:decide_bulk",
        ed,
        "login 404 403 403 403 403 403 403 403 302 404",
        method="post",
        data={"decision": "rejected"},
    ),
    Case("applications:export", lambda w: [w.edition.slug, "csv"], COORDINATORS),
    Case("applications:export", lambda w: [w.edition.slug, "xlsx"], COORDINATORS),
    Case(
        "applications:template", lambda w: [w.edition.slug, "accepted"], INTERNATIONAL
    ),
    Case("applications:members", ed, COORDINATORS),
    Case(
        "applications:verify",
        app_a,
        SCOPE_A_POST,
        method="post",
        data={"state": "verified"},
    ),
    Case("applications:import_upload", ed, COORDINATORS),
    Case("applications:import_mapping", job_a, SCOPE_A),
    Case("applications:import_preview", job_a, SCOPE_A),
    Case("applications:import_commit", job_a, SCOPE_A_POST, method="post"),
    Case("applications:import_progress", job_a, SCOPE_A),
    Case("applications:about", lambda w: [w.edition.slug, "PL"], EVERYONE),
    Case(
        "applications:about",
        lambda w: [w.edition.slug, "SE"],
        "404 404 404 404 404 404 404 404 404 404 404",
    ),
    Case("applications:promotion", ed, COORDINATORS),
    Case(
        "applications:promotion_download",
        lambda w: [w.edition.slug, w.extra["promotion_file"].pk],
        COORDINATORS,
    ),
    Case("applications:duplicates", ed, COORDINATORS),
    Case(
        "applications:duplicate_resolve",
        lambda w: [w.edition.slug, w.extra["twin_1"].pk, w.extra["twin_2"].pk],
        SCOPE_A_POST,
        method="post",
        data={"action": "keep"},
    ),
    Case("applications:forms", ed, INTERNATIONAL),
    Case("applications:form_edit", lambda w: [w.edition.slug, "mentee"], INTERNATIONAL),
]
