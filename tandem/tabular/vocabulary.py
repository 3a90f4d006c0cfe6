"""Closed answers (association, role, preference, country, language) made canonical.

Forms spell the same answer many ways (`AIESEC Alumni CZ`, `Česko`, `Czechia`). A
mapping may carry its own vocabulary (raw text → canonical value) which is consulted
before these built-in readings.
"""

import re
from functools import lru_cache

import pycountry

from .values import Normalised, fold

ASSOCIATION_CODES = ("PL", "SE", "AE", "RU", "HU", "HR", "BE", "CZ", "SK")
ROLES = ("mentor", "mentee")
PREFERENCES = ("local", "international", "either")

# Local and colloquial names of the countries whose associations take part.
COUNTRY_ALIASES = {
    "polska": "PL",
    "sverige": "SE",
    "uae": "AE",
    "emirates": "AE",
    "الإمارات": "AE",
    "russia": "RU",
    "россия": "RU",
    "magyarorszag": "HU",
    "hrvatska": "HR",
    "belgie": "BE",
    "belgique": "BE",
    "belgien": "BE",
    "cesko": "CZ",
    "ceska republika": "CZ",
    "czech republic": "CZ",
    "slovensko": "SK",
}
COUNTRY_ALIASES = {fold(name): code for name, code in COUNTRY_ALIASES.items()}
SHORT_COUNTRY_NAMES = {"RU": "Russia"}
LANGUAGE_ALIASES = {
    "polski": "Polish",
    "cestina": "Czech",
    "cesky": "Czech",
    "slovencina": "Slovak",
    "magyar": "Hungarian",
    "svenska": "Swedish",
    "hrvatski": "Croatian",
    "русский": "Russian",
    "العربية": "Arabic",
    "nederlands": "Dutch",
    "vlaams": "Dutch",
    "flemish": "Dutch",
    "francais": "French",
    "deutsch": "German",
    "english": "English",
    "anglicky": "English",
    "angielski": "English",
    "greek": "Greek",
    "malay": "Malay",
    "konkani": "Konkani",
}
LANGUAGE_ALIASES = {fold(name): english for name, english in LANGUAGE_ALIASES.items()}
_ALUMNI_PREFIX = re.compile(r"^.*\balumni\b\s*", re.I)
_PREFERENCE_WORDS = (
    ("either", ("either", "both", "no preference", "open to both", "obojí", "oboje")),
    ("international", ("international", "english", "mezinárodní", "międzynarodow")),
    ("local", ("local", "native", "místní", "lokaln", "lokal")),
)


def country_code(text: str) -> str | None:
    """ISO alpha-2 code from a code, an English name or a local name."""
    folded = fold(text)
    if not folded:
        return None
    if folded in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[folded]
    try:
        return pycountry.countries.lookup(text.strip()).alpha_2
    except LookupError:
        return None


def normalise_association(
    raw: str, vocabulary: dict[str, str] | None = None
) -> Normalised:
    known = _in_vocabulary(raw, vocabulary)
    if known:
        return known
    text = raw.strip()
    code = country_code(_ALUMNI_PREFIX.sub("", text)) or country_code(text)
    if code not in ASSOCIATION_CODES:
        return Normalised(None, "not an association of this edition")
    return Normalised(code)


def normalise_country(raw: str) -> Normalised:
    text = raw.strip()
    if not text:
        return Normalised(None)
    code = country_code(text)
    if code is None:
        return Normalised(text, warning="not a country we know")
    name = SHORT_COUNTRY_NAMES.get(code) or pycountry.countries.get(alpha_2=code).name
    return Normalised(name)


def normalise_language(raw: str) -> Normalised:
    text = raw.strip()
    if not text:
        return Normalised(None)
    folded = fold(text)
    if folded in LANGUAGE_ALIASES:
        return Normalised(LANGUAGE_ALIASES[folded])
    return Normalised(_iso_language(folded) or text)


@lru_cache(maxsize=256)
def _iso_language(folded: str) -> str | None:
    try:
        return pycountry.languages.lookup(folded).name
    except LookupError:
        return None


def _in_vocabulary(raw: str, vocabulary: dict[str, str] | None) -> Normalised | None:
    """Empty, or the mapping's own reading of this answer; None when neither."""
    text = raw.strip()
    if not text:
        return Normalised(None)
    if vocabulary and text in vocabulary:
        return Normalised(vocabulary[text])
    return None


def normalise_preference(
    raw: str, vocabulary: dict[str, str] | None = None
) -> Normalised:
    known = _in_vocabulary(raw, vocabulary)
    if known:
        return known
    lowered = raw.strip().casefold()
    for value, words in _PREFERENCE_WORDS:
        if any(word in lowered for word in words):
            return Normalised(value)
    return Normalised(None, "not a pair preference (local, international or either)")


def normalise_role(raw: str, vocabulary: dict[str, str] | None = None) -> Normalised:
    known = _in_vocabulary(raw, vocabulary)
    if known:
        return known
    lowered = raw.strip().casefold()
    if lowered.startswith("mentee"):
        return Normalised("mentee")
    if lowered.startswith("mentor"):
        return Normalised("mentor")
    return Normalised(None, "not a role (mentor or mentee)")
