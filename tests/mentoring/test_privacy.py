"""Private notes reach their author alone; concerns reach two coordinators alone."""

import pytest
from django.urls import reverse

from tests.permissions import ROLES
from tests.permissions.mentoring import CASES, CONCERN_MARKER, NOTE_MARKER

PAGES = [case for case in CASES if case.method == "get"]
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def read_everything(client, world, role):
    client.force_login(world.people[role])
    texts = {}
    for case in PAGES:
        url = reverse(case.url_name, args=case.args(world))
        response = client.get(url)
        if response.status_code == 200:
            texts[url] = response.content.decode("utf-8", errors="replace")
    return texts


@pytest.mark.parametrize("role", SIGNED_IN)
def test_markers_reach_only_their_readers(client, world, role):
    texts = read_everything(client, world, role)

    with_note = sorted(url for url, text in texts.items() if NOTE_MARKER in text)
    with_concern = sorted(url for url, text in texts.items() if CONCERN_MARKER in text)

    mine = reverse("mentoring:mine", args=[world.edition.slug])
    concern = reverse(
        "mentoring:case", args=[world.edition.slug, world.extra["concern"].pk]
    )
    assert with_note == ([mine] if role == "mentee_a" else [])
    assert with_concern == (
        [concern] if role in {"national_b", "international"} else []
    )


def test_the_partner_sees_the_meeting_but_not_the_note(client, world):
    client.force_login(world.people["mentor_b"])

    response = client.get(reverse("mentoring:mine", args=[world.edition.slug]))

    text = response.content.decode()
    assert "Career plan" in text
    assert NOTE_MARKER not in text


def test_the_mentors_coordinator_sees_existence_and_activity_only(client, world):
    client.force_login(world.people["national_b"])
    pair = world.extra["pair"]

    response = client.get(reverse("mentoring:pair", args=[world.edition.slug, pair.pk]))

    text = response.content.decode()
    assert response.templates[0].name == "mentoring/pairs/known.html"
    assert "Zoë Nowak" not in text
    assert "Career plan" not in text
    assert world.people["mentee_a"].email not in text
    assert '<dd class="pair-activity">active</dd>' in text
