import pytest

from matchengine import MatchInput, Mentee, Mentor


def mentor(id, **kw):
    base = {
        "id": id,
        "person_id": f"p-{id}",
        "association": "CZ",
        "native_language": "czech",
        "other_languages": ("english",),
        "employer": f"firm {id}",
        "years_experience": 20,
        "industry": "banking",
        "function": "finance",
        "capacity": 1,
    }
    return Mentor(**{**base, **kw})


def mentee(id, **kw):
    base = {
        "id": id,
        "person_id": f"p-{id}",
        "association": "CZ",
        "native_language": "czech",
        "other_languages": ("english",),
        "employer": f"firm {id}",
        "years_experience": 3,
        "industry": "banking",
        "function": "finance",
    }
    return Mentee(**{**base, **kw})


@pytest.fixture
def small_input():
    mentors = (
        mentor(
            "r1", expertise="lead a team of engineers", expertise_tags=("lead a team",)
        ),
        mentor("r2", native_language="german", other_languages=(), association="DE"),
    )
    mentees = (
        mentee("e1", goals="I want to lead a team", goal_tags=("lead a team",)),
        mentee("e2", native_language="german", other_languages=(), association="DE"),
        mentee("e3", native_language="greek", other_languages=(), association="GR"),
    )
    return MatchInput(mentors, mentees)
