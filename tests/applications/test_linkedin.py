"""Prefilling the form from LinkedIn's data export, and refusing dangerous archives."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.applications.domain import linkedin

PROFILE = (
    "First Name,Last Name,Headline,Industry,Geo Location\n"
    "Łukasz,Wójcik,Engineering lead,IT Services and IT Consulting,"
    '"Kraków, Małopolskie, Poland"\n'
)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    "Tatrzańska Grupa IT S.A.,Head of Engineering,,Kraków,Mar 2017,\n"
    "Software House,Developer,,Katowice,Sep 2009,Feb 2017\n"
)
SKILLS = "Name\nCode review\nArchitecture\n\nMentoring\n"
LANGUAGES = "Name,Proficiency\nPolish,Native\nEnglish,Full professional\n"


def export_zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture
def linkedin_export():
    return export_zip(
        {
            "Basic_LinkedInDataExport_10-20-2023/Profile.csv": "\ufeff" + PROFILE,
            "Basic_LinkedInDataExport_10-20-2023/Positions.csv": POSITIONS,
            "Basic_LinkedInDataExport_10-20-2023/Skills.csv": SKILLS,
            "Basic_LinkedInDataExport_10-20-2023/Languages.csv": LANGUAGES,
            "Basic_LinkedInDataExport_10-20-2023/Connections.csv": "First Name\nA\n",
        }
    )


def test_the_four_files_fill_the_answers(settings, linkedin_export):
    settings.TANDEM_TODAY = "2023-10-20"

    answers = linkedin.read_linkedin_export(linkedin_export)

    assert answers == {
        "industry": "IT Services and IT Consulting",
        "city": "Kraków",
        "employer": "Tatrzańska Grupa IT S.A.",
        "function": "Head of Engineering",
        "years_experience": 14,
        "tags": ["Code review", "Architecture", "Mentoring"],
        "other_languages": ["Polish", "English"],
    }


def test_the_apply_page_starts_from_the_export(open_window, client, linkedin_export):
    world = open_window
    client.force_login(world.people["member_a"])
    args = [world.edition.slug, "mentor"]

    response = client.post(
        reverse("applications:linkedin", args=args),
        {"archive": SimpleUploadedFile("export.zip", linkedin_export)},
        follow=True,
    )

    initial = response.context["form"].initial
    assert [str(m) for m in response.context["messages"]] == [
        "Filled in from your LinkedIn export; check it."
    ]
    assert {key: initial[key] for key in ("employer", "function", "city")} == {
        "employer": "Tatrzańska Grupa IT S.A.",
        "function": "Head of Engineering",
        "city": "Kraków",
    }
    assert initial["tags_text"] == "Code review, Architecture, Mentoring"
    assert initial["other_languages_text"] == "Polish, English"
    assert 'value="Tatrzańska Grupa IT S.A."' in response.content.decode()


def test_a_zip_bomb_is_refused_naming_the_file_and_the_reason(open_window, client):
    world = open_window
    client.force_login(world.people["member_a"])
    bomb = export_zip({"Profile.csv": "Industry\n" + "0" * (21 * 2**20)})

    response = client.post(
        reverse("applications:linkedin", args=[world.edition.slug, "mentee"]),
        {"archive": SimpleUploadedFile("bomb.zip", bomb)},
        follow=True,
    )

    assert len(bomb) < 100_000
    assert [str(m) for m in response.context["messages"]] == [
        "bomb.zip: the archive unpacks to more than 20 MB"
    ]
    assert "tags_text" not in response.context["form"].initial


def test_an_oversize_archive_is_refused_before_it_is_opened(open_window, client):
    world = open_window
    client.force_login(world.people["member_a"])
    big = b"PK" + b"\0" * (5 * 2**20)

    response = client.post(
        reverse("applications:linkedin", args=[world.edition.slug, "mentee"]),
        {"archive": SimpleUploadedFile("huge.zip", big)},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "huge.zip: the archive is larger than 5 MB."
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a zip", "not a ZIP archive"),
        (
            export_zip({"Connections.csv": "First Name\nA\n"}),
            "no Profile.csv, Positions.csv, Skills.csv or Languages.csv inside",
        ),
    ],
)
def test_an_archive_without_the_export_is_refused(data, reason):
    with pytest.raises(linkedin.ExportRefused) as refusal:
        linkedin.read_linkedin_export(data)

    assert str(refusal.value) == reason
