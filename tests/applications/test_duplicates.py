"""Stored applications flagged as one person: merged or kept apart, never silently."""

import pytest
from django.urls import reverse

from tandem.applications.models import (
    Application,
    DuplicateResolution,
    PrivacyConsent,
    Review,
)
from tandem.core.models import AuditEntry
from tests import factories


def apply(world, name, email, *, association=None, role="mentee", **answers):
    person = factories.make_person(name, email=email)
    return Application.objects.create(
        person=person,
        edition=world.edition,
        association=association or world.association_a,
        role=role,
        state=Application.State.SUBMITTED,
        source=Application.Source.FORM,
        preference=answers.pop("preference", "either"),
        native_language="Polish",
        **answers,
    )


@pytest.fixture
def flagged(world):
    b = world.association_b
    return {
        "gmail": apply(world, "Anna Kowal", "anna.kowal@gmail.com", city="Kraków"),
        "gmail_plus": apply(
            world, "Anna K.", "annakowal+tandem@googlemail.com", employer="Orlen"
        ),
        "accented": apply(world, "Małgorzata Źrebiec", "m.z@example.pl"),
        "plain": apply(world, "Malgorzata Zrebiec", "gosia@example.com"),
        "linkedin_1": apply(
            world,
            "Piotr Lis",
            "piotr@example.pl",
            role="mentor",
            linkedin_url="https://www.linkedin.com/in/piotr-lis",
        ),
        "linkedin_2": apply(
            world,
            "P. Lis",
            "lis@work.example",
            role="mentor",
            linkedin_url="https://www.linkedin.com/in/piotr-lis",
        ),
        "other_domain_1": apply(world, "Ewa Nowak", "ewa.nowak@example.com"),
        "other_domain_2": apply(world, "Ewa Nowakowska", "ewa.nowak@example.org"),
        "same_name_b": apply(world, "Anna Kowal", "anna@b.example", association=b),
    }


def duplicates_page(client, world, person):
    client.force_login(world.people[person])
    return client.get(reverse("applications:duplicates", args=[world.edition.slug]))


def resolve(client, world, survivor, other, action):
    url = reverse(
        "applications:duplicate_resolve",
        args=[world.edition.slug, survivor.pk, other.pk],
    )
    return client.post(url, {"action": action, "reason": "flagged"}, follow=True)


def test_the_page_lists_each_flagged_pair_with_its_reason(world, flagged, client):
    response = duplicates_page(client, world, "national_a")

    ours = {a.pk for a in flagged.values()}
    pairs = [
        (p.first.person.email, p.second.person.email, p.reason)
        for p in response.context["pairs"]
        if p.first.pk in ours
    ]
    assert pairs == [
        (
            "anna.kowal@gmail.com",
            "annakowal+tandem@googlemail.com",
            "same Gmail address (Gmail ignores dots and +tags)",
        ),
        (
            "m.z@example.pl",
            "gosia@example.com",
            "same name with and without diacritics in the same association",
        ),
        ("piotr@example.pl", "lis@work.example", "same LinkedIn profile"),
    ]


def test_the_other_associations_coordinator_sees_none_of_them(world, flagged, client):
    response = duplicates_page(client, world, "national_b")

    # The shared world holds association B's own look-alikes; none of A's may show.
    shown = {
        app.pk
        for pair in response.context["pairs"]
        for app in (pair.first, pair.second)
    }
    in_a = {
        app.pk
        for app in flagged.values()
        if app.association_id == world.association_a.pk
    }
    assert in_a
    assert shown.isdisjoint(in_a)
    assert "anna.kowal@gmail.com" not in response.content.decode()


def test_merging_keeps_the_duplicate_as_history_and_moves_what_it_had(
    world, flagged, client
):
    survivor, duplicate = flagged["gmail"], flagged["gmail_plus"]
    reviewer = world.people["national_a"]
    Review.objects.create(
        application=duplicate, reviewer=reviewer, maturity=4, motivation=5
    )
    PrivacyConsent.objects.create(
        application=duplicate, version="1", given_at=duplicate.created_at
    )
    client.force_login(reviewer)

    response = resolve(client, world, survivor, duplicate, "merge")

    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert [str(m) for m in response.context["messages"]] == [
        "Anna K.'s application is merged into Anna Kowal's."
    ]
    assert (survivor.city, survivor.employer) == ("Kraków", "Orlen")
    assert (duplicate.state, duplicate.merged_into) == ("withdrawn", survivor)
    assert list(survivor.reviews.values_list("maturity", "motivation")) == [(4, 5)]
    assert survivor.consents.count() == 1
    resolution = DuplicateResolution.objects.get()
    assert (resolution.outcome, resolution.decided_by) == ("merged", reviewer)
    assert sorted(
        AuditEntry.objects.filter(action="application.merged").values_list(
            "object_id", flat=True
        )
    ) == sorted([str(survivor.pk), str(duplicate.pk)])
    assert flagged["gmail"] not in {p.first for p in response.context["pairs"]}


def test_keeping_apart_changes_neither_and_stops_the_flag(world, flagged, client):
    one, other = flagged["accented"], flagged["plain"]
    client.force_login(world.people["international"])

    response = resolve(client, world, one, other, "keep")

    assert (
        Application.objects.filter(
            pk__in=[one.pk, other.pk], state="submitted", merged_into=None
        ).count()
        == 2
    )
    assert DuplicateResolution.objects.get().outcome == "kept_apart"
    assert AuditEntry.objects.filter(action="applications.kept_apart").count() == 1
    ours = {a.pk for a in flagged.values()}
    remaining = {p.reason for p in response.context["pairs"] if p.first.pk in ours}
    assert remaining == {
        "same Gmail address (Gmail ignores dots and +tags)",
        "same LinkedIn profile",
    }


def test_another_associations_coordinator_cannot_merge(world, flagged, client):
    client.force_login(world.people["national_b"])

    response = resolve(client, world, flagged["gmail"], flagged["gmail_plus"], "merge")

    assert response.status_code == 404
    assert DuplicateResolution.objects.count() == 0
    assert Application.objects.get(pk=flagged["gmail_plus"].pk).merged_into is None


def test_a_mentor_and_a_mentee_are_never_merged(world, flagged, client):
    client.force_login(world.people["international"])

    response = resolve(client, world, flagged["gmail"], flagged["linkedin_1"], "merge")

    assert [str(m) for m in response.context["messages"]] == [
        "A mentor's and a mentee's application are not merged."
    ]
    assert DuplicateResolution.objects.count() == 0


def test_the_page_takes_the_same_queries_for_few_and_many_pairs(
    world, client, django_assert_num_queries
):
    client.force_login(world.people["international"])
    url = reverse("applications:duplicates", args=[world.edition.slug])
    client.get(url)
    with django_assert_num_queries(_count(client, url)) as few:
        before = client.get(url).content.decode().count('class="duplicate-pair"')
    for index in range(15):
        apply(world, f"Iga Bąk {index}", f"iga.bak{index}@gmail.com")
        apply(world, f"I. Bąk {index}", f"igabak{index}+x@gmail.com")

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count('class="duplicate-pair"') == before + 15


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)
