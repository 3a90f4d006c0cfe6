"""Hard rules: which mentor-mentee pairs may be proposed at all.

The language and pair-type rule is written once for a single pair
(`language_rule`) and applied to every distinct language profile, so the
vectorised tables the solver uses cannot drift from the scalar definition.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .profiles import EngineInputError, Mentee, Mentor

IGNORED_EMPLOYERS = {"", "self-employed", "self employed", "selfemployed", "none"}
_LEGAL_SUFFIX = re.compile(
    r"\b(inc|ltd|llc|plc|gmbh|ag|sa|s a|as|a s|sro|s r o|spa|bv|nv|co|corp)\b"
)

# Stage codes for the structural conflicts of a pair, in the order reports name them.
EMPLOYER, SAME_PERSON, VETO = 1, 2, 3
CONFLICT_NAMES = {EMPLOYER: "same employer", SAME_PERSON: "same person", VETO: "veto"}


# Profiles repeat a few industries, functions, languages and employers many
# times over, so the normal forms are cached.
@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    return " ".join(str(text).lower().split())


@lru_cache(maxsize=1 << 16)
def norm_employer(text: str) -> str:
    """Lower-case, drop punctuation and legal suffixes ('ACME Ltd.' == 'acme')."""
    plain = norm(re.sub(r"[^\w\s-]", " ", str(text)))
    if plain in IGNORED_EMPLOYERS:
        return ""
    return " ".join(_LEGAL_SUFFIX.sub(" ", plain).split())


@dataclass(frozen=True)
class LanguageProfile:
    native: str
    languages: frozenset[str]
    preference: str


def language_profile(p) -> LanguageProfile:
    native = norm(p.native_language)
    others = {norm(x) for x in p.other_languages if norm(x)}
    return LanguageProfile(native, frozenset(others | {native}), p.preference)


def pair_language(mentee: LanguageProfile, mentor: LanguageProfile) -> str:
    """The language a pair works in: a native one first, then the first shared."""
    if mentee.native == mentor.native:
        return mentee.native
    for lang in (mentee.native, mentor.native):
        if lang in mentee.languages and lang in mentor.languages:
            return lang
    return min(mentee.languages & mentor.languages, default="")


def language_rule(mentee: LanguageProfile, mentor: LanguageProfile) -> str | None:
    """Return the broken rule's name, or None when language and pair type fit.

    A pair is local when both share the native language, otherwise international
    and then needs one common language among native and working languages. The
    pair type must be allowed by both people's preference ('either' allows both).
    """
    if mentee.native == mentor.native:
        kind = "local"
    elif mentee.languages & mentor.languages:
        kind = "international"
    else:
        return "no shared language"
    if {mentee.preference, mentor.preference} - {kind, "either"}:
        return "pair-type preference"
    return None


def pair_kind(mentee: LanguageProfile, mentor: LanguageProfile) -> str:
    return "local" if mentee.native == mentor.native else "international"


def pair_violation(mentor: Mentor, mentee: Mentee) -> str | None:
    """The first hard rule a single pair breaks (vetoes and capacity aside)."""
    if mentor.person_id == mentee.person_id:
        return "same person"
    broken = language_rule(language_profile(mentee), language_profile(mentor))
    if broken:
        return broken
    employer = norm_employer(mentor.employer)
    if employer and employer == norm_employer(mentee.employer):
        return "same employer"
    return None


def check_pins_and_vetoes(mentors, mentees, pins, vetoes) -> None:
    """Refuse pins and vetoes that name unknown people or contradict the rules."""
    by_mentor = {m.id: m for m in mentors}
    by_mentee = {m.id: m for m in mentees}
    for kind, pairs in (("pin", pins), ("veto", vetoes)):
        for mentor_id, mentee_id in pairs:
            if mentor_id not in by_mentor or mentee_id not in by_mentee:
                raise EngineInputError(
                    kind,
                    f"{kind} ({mentor_id}, {mentee_id}) names an unknown mentor "
                    "or mentee",
                    (mentor_id, mentee_id),
                )
    both = sorted(set(map(tuple, pins)) & set(map(tuple, vetoes)))
    if both:
        mentor_id, mentee_id = both[0]
        raise EngineInputError(
            "pin and veto",
            f"mentor {mentor_id} and mentee {mentee_id} are both pinned and vetoed",
            (mentor_id, mentee_id),
        )
    load: dict[str, int] = {}
    pinned_mentee: dict[str, str] = {}
    for mentor_id, mentee_id in pins:
        if mentee_id in pinned_mentee:
            raise EngineInputError(
                "one mentor per mentee",
                f"mentee {mentee_id} is pinned to mentors {pinned_mentee[mentee_id]} "
                f"and {mentor_id}",
                (mentee_id, pinned_mentee[mentee_id], mentor_id),
            )
        pinned_mentee[mentee_id] = mentor_id
        broken = pair_violation(by_mentor[mentor_id], by_mentee[mentee_id])
        if broken:
            raise EngineInputError(
                broken,
                f"pin of mentor {mentor_id} and mentee {mentee_id} breaks the rule "
                f"'{broken}'",
                (mentor_id, mentee_id),
            )
        load[mentor_id] = load.get(mentor_id, 0) + 1
        if load[mentor_id] > by_mentor[mentor_id].capacity:
            raise EngineInputError(
                "capacity",
                f"mentor {mentor_id} has {load[mentor_id]} pins but capacity "
                f"{by_mentor[mentor_id].capacity}",
                (mentor_id,),
            )


def _canonical(value):
    """A sort key for values that have no natural order (sets, language profiles)."""
    if isinstance(value, LanguageProfile):
        return (value.native, tuple(sorted(value.languages)), value.preference)
    if isinstance(value, frozenset):
        return tuple(sorted(value))
    return value


def encode(values_a, values_b) -> tuple[np.ndarray, np.ndarray, list]:
    """Integer codes over the union of two value lists, sorted for determinism."""
    vocab = sorted(set(values_a) | set(values_b), key=_canonical)
    index = {v: i for i, v in enumerate(vocab)}
    codes_a = np.fromiter((index[v] for v in values_a), np.int64, len(values_a))
    codes_b = np.fromiter((index[v] for v in values_b), np.int64, len(values_b))
    return codes_a, codes_b, vocab


def _same_code_pairs(codes_a, codes_b):
    """All (i, j) with codes_a[i] == codes_b[j], without a dense comparison."""
    order_b = np.argsort(codes_b, kind="stable")
    sorted_b = codes_b[order_b]
    lo = np.searchsorted(sorted_b, codes_a, "left")
    hi = np.searchsorted(sorted_b, codes_a, "right")
    counts = hi - lo
    rows = np.repeat(np.arange(len(codes_a)), counts)
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
    cols = order_b[starts + np.arange(counts.sum())]
    return rows, cols


def employer_codes(mentees, mentors) -> tuple[np.ndarray, np.ndarray]:
    """Normalised employer codes, equal exactly for a same-employer pair.

    Blank employers get -1 (mentees) and -2 (mentors), so they never match.
    Pairs compare these codes block by block instead of listing same-employer
    pairs, which for a few large employers would be tens of millions.
    """
    codes_a, codes_b, vocab = encode(
        [norm_employer(p.employer) for p in mentees],
        [norm_employer(p.employer) for p in mentors],
    )
    if "" in vocab:
        blank = vocab.index("")
        codes_a = np.where(codes_a == blank, -1, codes_a)
        codes_b = np.where(codes_b == blank, -2, codes_b)
    return codes_a.astype(np.int32), codes_b.astype(np.int32)


def conflict_matrix(mentees, mentors, vetoes=()) -> sp.csr_matrix:
    """Sparse mentee x mentor matrix of same-person and veto conflict codes.

    Same-employer conflicts are not listed here; see `employer_codes`.
    """
    n, m = len(mentees), len(mentors)
    per_a, per_b, _ = encode(
        [p.person_id for p in mentees], [p.person_id for p in mentors]
    )
    parts = [(_same_code_pairs(per_a, per_b), SAME_PERSON)]
    if vetoes:
        mentee_ix = {p.id: i for i, p in enumerate(mentees)}
        mentor_ix = {p.id: j for j, p in enumerate(mentors)}
        vr = np.array([mentee_ix[b] for _, b in vetoes], np.int64)
        vc = np.array([mentor_ix[a] for a, _ in vetoes], np.int64)
        parts.append(((vr, vc), VETO))
    rows = np.concatenate([p[0][0] for p in parts])
    cols = np.concatenate([p[0][1] for p in parts])
    codes = np.concatenate([np.full(len(p[0][0]), p[1], np.int8) for p in parts])
    return conflicts_from_pairs(rows, cols, codes, (n, m))


def conflicts_from_pairs(rows, cols, codes, shape) -> sp.csr_matrix:
    """Build the conflict matrix keeping the highest code where pairs repeat."""
    tagged = np.sort((rows.astype(np.int64) * shape[1] + cols) * 4 + codes)
    keys = tagged // 4
    last = np.r_[keys[1:] != keys[:-1], True] if len(keys) else np.zeros(0, bool)
    keys, codes = keys[last], tagged[last] % 4
    return sp.csr_matrix(
        (codes.astype(np.int8), (keys // shape[1], keys % shape[1])), shape=shape
    )
