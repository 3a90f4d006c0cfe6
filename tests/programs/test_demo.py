from collections import Counter

from django.apps import apps

from tandem.applications.models import Application, PrivacyConsent, Review
from tandem.demo.edition import load_demo_edition
from tandem.people.models import Membership, Person
from tandem.programs.models import RoleGrant


def snapshot():
    """Every row of every model, as plain values, to compare two states."""
    return {
        model._meta.label: sorted(
            tuple(sorted((k, str(v)) for k, v in row.items()))
            for row in model.objects.values()
        )
        for model in apps.get_models()
        if model._meta.app_label in {"people", "programs", "account", "applications"}
    }


def test_loading_the_demo_twice_changes_nothing(db):
    load_demo_edition()
    first = snapshot()

    load_demo_edition()

    assert snapshot() == first


def test_demo_has_the_programs_associations_roles_and_members(db):
    edition, logins = load_demo_edition()

    countries = sorted(edition.associations.values_list("country", flat=True))
    assert countries == ["AE", "BE", "CZ", "HR", "HU", "PL", "RU", "SE", "SK"]
    assert RoleGrant.objects.filter(edition=edition, role="national").count() == 9
    assert RoleGrant.objects.filter(edition=edition, role="international").count() == 1
    assert (
        RoleGrant.objects.filter(edition=edition, role="training_partner").count() == 1
    )
    assert Membership.objects.count() == 360
    assert edition.milestones.count() == 18
    assert len(logins) == 14
    assert [login.role for login in logins][-2:] == [
        "mentor (PL, accepted)",
        "mentee (PL, accepted)",
    ]


def test_demo_names_keep_their_diacritics(db):
    load_demo_edition()

    names = set(Person.objects.values_list("full_name", flat=True))

    assert {"Łukasz Wójcik", "Őrs Kovács", "Ivana Šimić", "Zoë Peeters"} <= names
    assert "Ирина Павлова" in names


def test_demo_is_the_same_in_two_fresh_databases(db, django_db_blocker):
    load_demo_edition()
    first = sorted(Person.objects.values_list("email", "full_name", "employer"))

    Review.objects.all().delete()  # reviewers are protected from deletion
    Person.objects.all().delete()
    load_demo_edition()

    assert sorted(Person.objects.values_list("email", "full_name", "employer")) == first


def test_every_printed_demo_login_signs_in_and_reaches_its_dashboard(client, db):
    from tandem.demo.edition import DEMO_PASSWORD

    edition, logins = load_demo_edition()

    for login in logins:
        client.logout()
        response = client.post(
            "/accounts/login/", {"login": login.email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, login.email
        dashboard = client.get(f"/e/{edition.slug}/")
        assert dashboard.status_code == 200, login.email


def test_demo_has_applications_for_matching_to_work_on(db):
    edition, _ = load_demo_edition()

    applications = Application.objects.filter(edition=edition)
    by_role = Counter(applications.values_list("role", flat=True))
    by_decision = Counter(applications.values_list("decision", flat=True))
    countries = {
        a.association.country for a in applications.select_related("association")
    }
    unverified_accepted = applications.filter(decision="accepted").exclude(
        person__memberships__state="verified"
    )
    assert by_role == {"mentee": 120, "mentor": 70}
    assert by_decision == {"accepted": 136, "waitlisted": 41, "rejected": 13}
    assert len(countries) == 9
    assert Review.objects.filter(application__edition=edition).count() == 145
    assert PrivacyConsent.objects.filter(application__edition=edition).count() == 190
    assert unverified_accepted.count() == 0
    assert applications.filter(role="mentor", capacity__isnull=True).count() == 0
    assert applications.filter(linkedin_url="").count() == 0
