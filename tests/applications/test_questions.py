"""Extra questions: the international coordinator edits them, applicants answer them."""

from django.urls import reverse

from tandem.applications.models import Application, Question

KINDS = [
    ("short_text", "Your nickname", ""),
    ("long_text", "What should your mentor know about you?", ""),
    ("single_choice", "How did you hear about us?", "Newsletter\nA friend"),
    ("multiple_choice", "Topics", "Career change\nLeadership, teams\nStarting up"),
    ("scale", "How confident are you in English?", ""),
    ("yes_no", "Did you take part before?", ""),
    ("consent", "You may share my photo from the trainings.", ""),
]


def formset_data(rows, prefix="questions"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        "privacy_notice": "We keep your answers for one year.",
        "privacy_version": "2023-2",
    }
    for index, (kind, text, options) in enumerate(rows):
        data |= {
            f"{prefix}-{index}-position": str(len(rows) - index),
            f"{prefix}-{index}-kind": kind,
            f"{prefix}-{index}-text": text,
            f"{prefix}-{index}-options_text": options,
            f"{prefix}-{index}-required": "on" if kind != "long_text" else "",
        }
    return data


def edit_questions(client, world, rows):
    client.force_login(world.people["international"])
    url = reverse("applications:form_edit", args=[world.edition.slug, "mentee"])
    return client.post(url, formset_data(rows))


def test_the_coordinator_adds_every_kind_in_the_order_given(open_window, client):
    response = edit_questions(client, open_window, KINDS)

    questions = Question.objects.filter(form__role="mentee")
    assert response.status_code == 302
    assert [q.kind for q in questions] == [kind for kind, _, _ in reversed(KINDS)]
    assert questions.get(kind="multiple_choice").options == [
        "Career change",
        "Leadership, teams",
        "Starting up",
    ]
    assert questions.get(kind="long_text").required is False
    assert questions.first().form.privacy_version == "2023-2"


def test_a_choice_question_needs_two_options(open_window, client):
    response = edit_questions(
        client, open_window, [("single_choice", "Pick one", "Only")]
    )

    assert response.status_code == 200
    assert "A choice question needs two options." in response.content.decode()
    assert Question.objects.count() == 0


def test_the_apply_page_renders_each_kind_with_its_widget(open_window, client):
    edit_questions(client, open_window, KINDS)
    client.force_login(open_window.people["member_a"])
    page = client.get(apply_url(open_window)).content.decode()

    keys = {q.kind: q.key for q in Question.objects.all()}
    assert f'<input type="text" name="{keys["short_text"]}"' in page
    assert f'<textarea name="{keys["long_text"]}"' in page
    assert f'<select name="{keys["single_choice"]}"' in page
    assert page.count(f'type="checkbox" name="{keys["multiple_choice"]}"') == 3
    assert 'value="Leadership, teams"' in page
    assert page.count('<option value="') >= 5 + 2 + 2
    assert f'<select name="{keys["yes_no"]}"' in page
    assert f'<input type="checkbox" name="{keys["consent"]}"' in page
    assert page.index("Topics") < page.index("Your nickname")


def test_answers_are_validated_and_stored_by_question_text(open_window, client):
    edit_questions(client, open_window, KINDS)
    keys = {q.kind: q.key for q in Question.objects.all()}
    client.force_login(open_window.people["member_a"])
    base = {
        "association": open_window.association_a.pk,
        "preference": "either",
        "native_language": "Polish",
        "consent": "on",
        "action": "submit",
    }

    refused = client.post(
        apply_url(open_window),
        base | {keys["single_choice"]: "Radio", keys["scale"]: "7"},
    )
    accepted = client.post(
        apply_url(open_window),
        base
        | {
            keys["short_text"]: "Łukasz",
            keys["single_choice"]: "A friend",
            keys["multiple_choice"]: ["Leadership, teams", "Starting up"],
            keys["scale"]: "4",
            keys["yes_no"]: "no",
            keys["consent"]: "on",
        },
    )

    errors = refused.context["form"].errors
    assert sorted(errors) == sorted(
        [keys[k] for k in ("short_text", "single_choice", "multiple_choice")]
        + [keys[k] for k in ("scale", "yes_no", "consent")]
    )
    assert (
        "Select a valid choice. Radio is not one of the available choices."
        in (errors[keys["single_choice"]])
    )
    assert accepted.status_code == 302
    mine = Application.objects.get(person=open_window.people["member_a"])
    assert mine.extra_answers == {
        "Your nickname": "Łukasz",
        "What should your mentor know about you?": "",
        "How did you hear about us?": "A friend",
        "Topics": ["Leadership, teams", "Starting up"],
        "How confident are you in English?": 4,
        "Did you take part before?": False,
        "You may share my photo from the trainings.": True,
    }


def apply_url(world):
    return reverse("applications:apply", args=[world.edition.slug, "mentee"])


def test_a_multiple_choice_question_is_a_fieldset_with_a_legend(open_window, client):
    edit_questions(client, open_window, KINDS)
    client.force_login(open_window.people["member_a"])

    page = client.get(apply_url(open_window)).content.decode()

    assert '<label for="">' not in page
    assert "<fieldset><legend>Topics" in page
