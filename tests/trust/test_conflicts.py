"""Two people changing one thing: the second is told who changed it, not ignored."""

import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.applications.domain import screening
from tandem.applications.models import Application, Review
from tandem.core.conflicts import EditConflict
from tandem.core.models import AuditEntry
from tandem.programs.models import RoleGrant
from tests import factories
from tests.mentoring.helpers import make_application
from tests.trust.race import postgresql_only, race

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def hidden(response, name):
    """The value of the hidden input ``name`` the page gave its form."""
    html = response.content.decode()
    # Django leaves the value attribute out when the value is empty.
    match = re.search(rf'<input type="hidden" name="{name}"( value="([^"]*)")?', html)
    assert match is not None, f"no hidden {name} on the page"
    return match.group(2) or ""


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def at(moment):
    return f"{timezone.localtime(moment, WARSAW):%H:%M}"


@pytest.fixture
def second_international(world):
    person = factories.make_person("Anna Kowalska")
    factories.grant(person, world.edition, RoleGrant.Role.INTERNATIONAL)
    return person


def test_a_decision_on_a_stale_page_names_who_decided_and_changes_nothing(
    world, client, second_international
):
    application = world.extra["application_a"]
    url = reverse("applications:detail", args=[world.edition.slug, application.pk])
    client.force_login(world.people["international"])
    seen = hidden(client.get(url), "decided")
    screening.decide_application(application, "waitlisted", actor=second_international)

    response = client.post(
        reverse("applications:decide", args=[world.edition.slug, application.pk]),
        {"decision": "rejected", "decided": seen},
        follow=True,
    )

    application.refresh_from_db()
    assert messages_of(response) == [
        f"Anna Kowalska changed this decision at {at(application.decided_at)}; "
        "reload to see their change."
    ]
    assert (application.decision, application.decided_by) == (
        "waitlisted",
        second_international,
    )


def test_a_decision_from_a_fresh_page_replaces_the_earlier_one(
    world, client, second_international
):
    application = world.extra["application_a"]
    screening.decide_application(application, "waitlisted", actor=second_international)
    url = reverse("applications:detail", args=[world.edition.slug, application.pk])
    client.force_login(world.people["international"])
    seen = hidden(client.get(url), "decided")

    response = client.post(
        reverse("applications:decide", args=[world.edition.slug, application.pk]),
        {"decision": "rejected", "decided": seen},
        follow=True,
    )

    application.refresh_from_db()
    assert messages_of(response) == ["Decision recorded: rejected."]
    assert (application.decision, application.decided_by) == (
        "rejected",
        world.people["international"],
    )


def test_a_bulk_decision_on_a_stale_list_decides_none_of_the_chosen(
    world, client, second_international
):
    chosen = [world.extra["application_a"], world.extra["application_b"]]
    before = Application.objects.get(pk=chosen[0].pk).decision
    client.force_login(world.people["international"])
    page = client.get(reverse("applications:list", args=[world.edition.slug]))
    seen = {f"decided-{a.pk}": hidden(page, f"decided-{a.pk}") for a in chosen}
    screening.decide_application(chosen[1], "waitlisted", actor=second_international)

    response = client.post(
        reverse("applications:decide_bulk", args=[world.edition.slug]),
        {"decision": "rejected", "application": [a.pk for a in chosen], **seen},
        follow=True,
    )

    decided = Application.objects.get(pk=chosen[1].pk).decided_at
    name = chosen[1].person.full_name
    assert messages_of(response) == [
        f"Nothing decided. Anna Kowalska changed the decision on {name} at "
        f"{at(decided)}; reload to see their change."
    ]
    assert list(
        Application.objects.filter(pk__in=[a.pk for a in chosen])
        .order_by("pk")
        .values_list("decision", flat=True)
    ) == [before, "waitlisted"]


def test_a_review_saved_from_an_older_second_window_is_refused(world, client):
    application = world.extra["application_a"]
    reviewer = world.people["national_a"]
    url = reverse("applications:detail", args=[world.edition.slug, application.pk])
    review_url = reverse(
        "applications:review", args=[world.edition.slug, application.pk]
    )
    client.force_login(reviewer)
    first_window = hidden(client.get(url), "seen")
    second_window = hidden(client.get(url), "seen")
    client.post(
        review_url,
        {
            "maturity": 4,
            "motivation": 5,
            "comment": "Clear goals.",
            "seen": first_window,
        },
        follow=True,
    )

    response = client.post(
        review_url,
        {"maturity": 1, "motivation": 1, "comment": "", "seen": second_window},
        follow=True,
    )

    review = Review.objects.get(application=application, reviewer=reviewer)
    assert messages_of(response) == [
        f"You changed this review at {at(review.updated_at)} in another window; "
        "reload to see that change."
    ]
    assert (review.maturity, review.motivation, review.comment) == (
        4,
        5,
        "Clear goals.",
    )


def test_a_review_edited_from_a_fresh_page_is_saved(world, client):
    application = world.extra["application_a"]
    reviewer = world.people["national_a"]
    screening.review_application(application, actor=reviewer, maturity=2, motivation=2)
    url = reverse("applications:detail", args=[world.edition.slug, application.pk])
    client.force_login(reviewer)
    seen = hidden(client.get(url), "seen")

    response = client.post(
        reverse("applications:review", args=[world.edition.slug, application.pk]),
        {"maturity": 3, "motivation": 4, "comment": "Better", "seen": seen},
        follow=True,
    )

    assert messages_of(response) == ["Your review is saved."]
    assert list(
        Review.objects.filter(application=application).values_list(
            "maturity", "motivation", "comment"
        )
    ) == [(3, 4, "Better")]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_deciding_at_once_one_decides_and_one_is_told():
    edition = factories.make_edition()
    association = factories.make_association()
    factories.join(edition, association)
    anna, jan = (factories.make_person(n) for n in ("Anna Kowalska", "Jan Novák"))
    application = make_application(
        factories.make_member(association, "Zoë Nowak"),
        edition,
        association,
        "mentee",
        decision="",
    )

    outcomes = race(
        lambda: screening.decide_application(
            application, "waitlisted", actor=anna, seen=""
        ),
        lambda: screening.decide_application(
            application, "rejected", actor=jan, seen=""
        ),
    )

    application.refresh_from_db()
    winner = application.decided_by
    refused = [o for o in outcomes if isinstance(o, EditConflict)]
    assert [o.messages for o in refused] == [
        [
            f"{winner.full_name} changed this decision at "
            f"{at(application.decided_at)}; reload to see their change."
        ]
    ]
    assert application.decision == {anna: "waitlisted", jan: "rejected"}[winner]
    assert AuditEntry.objects.filter(object_id=str(application.pk)).count() == 1
