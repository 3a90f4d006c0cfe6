"""Seeded cohorts for tests and the benchmark.

'uniform' draws every attribute independently. 'realistic' imitates a real
edition: mentors are scarce and come mostly from two associations and their
languages, a few large employers account for many people, some people insist
on local pairs, goals and expertise are free text from shared vocabularies, and
the cohort carries pins and vetoes. That is the kind where keeping only each
person's best few options loses the optimum.
"""

import numpy as np

from .profiles import MatchInput, Mentee, Mentor, Options
from .rules import pair_violation

ASSOCIATIONS = {
    "CZ": ("czech", "Europe/Prague"),
    "SK": ("slovak", "Europe/Bratislava"),
    "PL": ("polish", "Europe/Warsaw"),
    "DE": ("german", "Europe/Berlin"),
    "FR": ("french", "Europe/Paris"),
    "ES": ("spanish", "Europe/Madrid"),
    "PT": ("portuguese", "Europe/Lisbon"),
    "GR": ("greek", "Europe/Athens"),
    "UK": ("english", "Europe/London"),
    "US": ("english", "America/New_York"),
}
INDUSTRIES = [
    "banking",
    "insurance",
    "software",
    "telecom",
    "energy",
    "retail",
    "pharma",
    "consulting",
    "public sector",
    "manufacturing",
    "media",
    "logistics",
]
FUNCTIONS = [
    "finance",
    "engineering",
    "sales",
    "marketing",
    "hr",
    "legal",
    "operations",
    "product",
    "data",
    "risk",
]
TOPICS = [
    "lead a team",
    "public speaking",
    "career change",
    "negotiation",
    "strategy",
    "product management",
    "data analysis",
    "people management",
    "networking",
    "work life balance",
    "budgeting",
    "stakeholder management",
    "hiring",
    "startup funding",
    "digital transformation",
    "coaching",
    "project delivery",
    "cloud migration",
    "risk modelling",
    "brand building",
]
WORDS = [
    "grow",
    "confidence",
    "leadership",
    "team",
    "manage",
    "conflict",
    "feedback",
    "presentation",
    "board",
    "funding",
    "investors",
    "pricing",
    "market",
    "customers",
    "agile",
    "delivery",
    "roadmap",
    "analytics",
    "python",
    "models",
    "compliance",
    "regulation",
    "audit",
    "hiring",
    "culture",
    "mentoring",
    "promotion",
    "visibility",
    "negotiation",
    "salary",
    "strategy",
    "planning",
    "operations",
    "supply",
    "chain",
    "cloud",
    "security",
    "architecture",
    "brand",
    "campaign",
    "sales",
    "pipeline",
    "partners",
    "international",
    "expansion",
    "remote",
    "teams",
    "wellbeing",
]
SLOTS = [f"{d} {h}" for d in ("mon", "tue", "wed", "thu", "fri") for h in ("am", "pm")]


def _text(rng, topics, extra=6) -> str:
    words = list(topics) + rng.choice(WORDS, size=extra).tolist()
    return " ".join(words)


def _employers(rng, n, realistic):
    if realistic:
        pool = [f"Employer {k} Ltd" for k in range(40)]
        weights = 1.0 / np.arange(1, 41) ** 1.1
        picks = rng.choice(40, size=n, p=weights / weights.sum())
        names = [pool[k] for k in picks]
        free = rng.random(n) < 0.08
        return ["self-employed" if f else x for f, x in zip(free, names, strict=False)]
    return [f"Company {k}" for k in rng.integers(0, max(n // 3, 5), size=n)]


def _people(rng, n, role, realistic, prefix):
    codes = list(ASSOCIATIONS)
    if realistic and role == "mentor":
        weights = np.array([8, 1, 1, 6, 1, 1, 0.5, 0.5, 1, 1.0])
    elif realistic:
        weights = np.array([3, 2, 3, 2, 2, 2, 1, 1, 1, 1.0])
    else:
        weights = np.ones(len(codes))
    assoc = rng.choice(len(codes), size=n, p=weights / weights.sum())
    employers = _employers(rng, n, realistic)
    prefs = rng.choice(
        ["local", "international", "either"],
        size=n,
        p=[0.25, 0.15, 0.6] if realistic else [0.1, 0.1, 0.8],
    )
    people = []
    for k in range(n):
        code = codes[assoc[k]]
        native, zone = ASSOCIATIONS[code]
        if realistic:
            others = [
                x for x, p in (("english", 0.6), ("german", 0.15)) if rng.random() < p
            ]
        else:
            others = rng.choice(
                ["english", "german", "french", "spanish"], size=rng.integers(0, 3)
            ).tolist()
        topics = rng.choice(TOPICS, size=rng.integers(1, 4), replace=False).tolist()
        common = {
            "id": f"{prefix}{k}",
            "person_id": f"{prefix}p{k}",
            "association": code,
            "preference": str(prefs[k]),
            "native_language": native,
            "other_languages": tuple(sorted(set(others) - {native})),
            "country": code,
            "time_zone": zone if rng.random() < 0.9 else f"UTC{rng.integers(-8, 9):+d}",
            "industry": str(rng.choice(INDUSTRIES[: 6 if realistic else 12])),
            "function": str(rng.choice(FUNCTIONS)),
            "employer": employers[k],
            "availability": tuple(
                sorted(rng.choice(SLOTS, size=rng.integers(1, 5), replace=False))
            ),
        }
        if role == "mentor":
            capacity = int(rng.choice([0, 1, 2, 3], p=[0.05, 0.35, 0.4, 0.2]))
            people.append(
                Mentor(
                    **common,
                    years_experience=int(rng.integers(6, 35)),
                    expertise=_text(rng, topics),
                    expertise_tags=tuple(topics),
                    capacity=capacity,
                )
            )
        else:
            people.append(
                Mentee(
                    **common,
                    years_experience=int(rng.integers(0, 15)),
                    goals=_text(rng, topics[:2], 4),
                    goal_tags=tuple(topics[:2]),
                )
            )
    return people


def generate(n_mentees: int, n_mentors: int, kind: str = "uniform", seed: int = 0):
    """A MatchInput with n_mentees and n_mentors of the given kind."""
    rng = np.random.default_rng(seed)
    realistic = kind == "realistic"
    mentors = _people(rng, n_mentors, "mentor", realistic, "r")
    mentees = _people(rng, n_mentees, "mentee", realistic, "e")
    if n_mentors and n_mentees > 4:
        # One person applies on both sides: the engine must never pair them.
        twin = mentees[0]
        mentors[0] = Mentor(**{**mentors[0].__dict__, "person_id": twin.person_id})
    pins, vetoes = [], []
    if realistic:
        pins, vetoes = _pins_and_vetoes(rng, mentors, mentees)
    return MatchInput(
        tuple(mentors),
        tuple(mentees),
        pins=tuple(pins),
        vetoes=tuple(vetoes),
        options=Options(seed=seed),
    )


def _pins_and_vetoes(rng, mentors, mentees):
    load: dict[str, int] = {}
    pins, taken = [], set()
    want = max(1, len(mentees) // 200)
    for _ in range(want * 20):
        if len(pins) >= want:
            break
        mentor = mentors[int(rng.integers(len(mentors)))]
        mentee = mentees[int(rng.integers(len(mentees)))]
        if (
            mentee.id in taken
            or load.get(mentor.id, 0) >= mentor.capacity
            or pair_violation(mentor, mentee)
        ):
            continue
        pins.append((mentor.id, mentee.id))
        taken.add(mentee.id)
        load[mentor.id] = load.get(mentor.id, 0) + 1
    vetoes = set()
    for _ in range(max(1, len(mentees) // 100)):
        pair = (
            mentors[int(rng.integers(len(mentors)))].id,
            mentees[int(rng.integers(len(mentees)))].id,
        )
        if pair not in pins:
            vetoes.add(pair)
    return pins, sorted(vetoes)
