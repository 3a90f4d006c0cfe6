"""Input records of the engine: profiles, weights, options and the input error.

Profiles are frozen dataclasses so that a run can never change what its caller
handed in; everything the engine derives lives in separate arrays.
"""

from dataclasses import dataclass, field

PREFERENCES = ("local", "international", "either")
FAIRNESS_MODES = ("none", "max_min", "fair_share")
MAX_CAPACITY = 3


class EngineInputError(ValueError):
    """Input the engine refuses, naming the rule and the people concerned."""

    def __init__(self, rule: str, message: str, people: tuple[str, ...] = ()):
        super().__init__(message)
        self.rule = rule
        self.people = tuple(people)
        self.message = message

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


@dataclass(frozen=True, kw_only=True)
class Profile:
    id: str
    person_id: str
    association: str
    preference: str = "either"
    native_language: str
    other_languages: tuple[str, ...] = ()
    country: str = ""
    time_zone: str = "UTC"
    industry: str = ""
    function: str = ""
    years_experience: int = 0
    employer: str = ""
    availability: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Mentor(Profile):
    expertise: str = ""
    expertise_tags: tuple[str, ...] = ()
    capacity: int = 1

    @property
    def text(self) -> str:
        return self.expertise

    @property
    def tags(self) -> tuple[str, ...]:
        return self.expertise_tags


@dataclass(frozen=True, kw_only=True)
class Mentee(Profile):
    goals: str = ""
    goal_tags: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.goals

    @property
    def tags(self) -> tuple[str, ...]:
        return self.goal_tags


@dataclass(frozen=True)
class Weights:
    """Relative weights of the score parts; the total divides by their sum."""

    text: float = 0.35
    industry: float = 0.15
    function: float = 0.10
    seniority: float = 0.15
    pair_type: float = 0.10
    time_zone: float = 0.10
    availability: float = 0.05

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Options:
    seed: int = 0
    fairness: str = "none"
    candidate_k: int = 8


@dataclass(frozen=True)
class MatchInput:
    """Everything one match run needs; pins and vetoes are (mentor_id, mentee_id)."""

    mentors: tuple[Mentor, ...]
    mentees: tuple[Mentee, ...]
    weights: Weights = field(default_factory=Weights)
    pins: tuple[tuple[str, str], ...] = ()
    vetoes: tuple[tuple[str, str], ...] = ()
    options: Options = field(default_factory=Options)


def _check_profile(p: Profile, role: str) -> None:
    if not p.id or not p.person_id:
        raise EngineInputError("identity", f"a {role} has no id or person id", (p.id,))
    if not str(p.native_language).strip():
        raise EngineInputError(
            "language", f"{role} {p.id} has no native language", (p.id,)
        )
    if p.preference not in PREFERENCES:
        raise EngineInputError(
            "preference",
            f"{role} {p.id} has preference {p.preference!r}; "
            f"expected one of {', '.join(PREFERENCES)}",
            (p.id,),
        )
    if not isinstance(p.years_experience, int) or p.years_experience < 0:
        raise EngineInputError(
            "experience", f"{role} {p.id} has invalid years of experience", (p.id,)
        )


def validate_profiles(mentors, mentees) -> None:
    """Refuse profiles the engine cannot use; raise on the first problem found."""
    seen: set[str] = set()
    for role, people in (("mentor", mentors), ("mentee", mentees)):
        for p in people:
            _check_profile(p, role)
            if p.id in seen:
                raise EngineInputError("identity", f"id {p.id} is used twice", (p.id,))
            seen.add(p.id)
    for m in mentors:
        if not isinstance(m.capacity, int) or not 0 <= m.capacity <= MAX_CAPACITY:
            raise EngineInputError(
                "capacity",
                f"mentor {m.id} has capacity {m.capacity}; allowed 0 to {MAX_CAPACITY}",
                (m.id,),
            )


def validate_weights(weights: Weights) -> None:
    values = weights.as_dict()
    if any(v < 0 for v in values.values()) or sum(values.values()) <= 0:
        raise EngineInputError(
            "weights", "weights must be non-negative and not all zero"
        )


def validate_options(options: Options) -> None:
    if options.fairness not in FAIRNESS_MODES:
        raise EngineInputError(
            "options",
            f"fairness {options.fairness!r}; "
            f"expected one of {', '.join(FAIRNESS_MODES)}",
        )
    if options.candidate_k < 1:
        raise EngineInputError("options", "candidate_k must be at least 1")
