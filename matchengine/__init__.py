"""Tandem's matching engine: profiles in, a proven optimal assignment out.

No Django import anywhere in this package; the web app is one caller among
others (the command line, the benchmark, the tests).
"""

from .generator import generate
from .profiles import EngineInputError, MatchInput, Mentee, Mentor, Options, Weights
from .report import MatchResult, PairResult, Unmatched
from .scoring import PARTS, part_formulas
from .session import MatchSession, run

__all__ = [
    "PARTS",
    "EngineInputError",
    "MatchInput",
    "MatchResult",
    "MatchSession",
    "Mentee",
    "Mentor",
    "Options",
    "PairResult",
    "Unmatched",
    "Weights",
    "generate",
    "part_formulas",
    "run",
]
