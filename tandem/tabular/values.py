"""Normalisers for single answers: each returns (value, error, warning).

An error blocks the import of the file; a warning is shown and never blocks. Every
normaliser receives the cell as text and never evaluates it.
"""

import re
import unicodedata
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from email_validator import EmailNotValidError, validate_email


class Normalised(NamedTuple):
    value: Any
    error: str | None = None
    warning: str | None = None


NONE_WORDS = frozenset(
    {"", "-", "–", "n/a", "na", "none", "no", "brak", "nie", "nincs"}
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
YES_WORDS = frozenset(
    {"1", "x", "yes", "y", "true", "ano", "áno", "igen", "tak", "ja", "da", "oui"}
)
YES_PREFIXES = ("i agree", "i accept", "i consent", "agree", "souhlasím", "zgadzam")
GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})

_SPACES = re.compile(r"\s+")
_YEARS = re.compile(r"^\d{1,2}(?:[.,]\d+)?$")
_WHOLE = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
_URL_START = re.compile(r"https?://|(?<![/\w.])(?:www\.|linkedin\.com)")


def clean_text(raw: str) -> str:
    """Free text is kept verbatim apart from white space around it."""
    return raw.strip()


def fold(text: str) -> str:
    """Lowercase without diacritics, for comparisons only (Łukasz → lukasz)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()


def normalise_email(raw: str) -> Normalised:
    text = raw.strip()
    if not text:
        return Normalised(None)
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return Normalised(None, "not an e-mail address")
    return Normalised(text.lower())


def email_key(email: str) -> str:
    """What makes two e-mail cells the same address: case and white space do not."""
    return email.strip().lower()


def gmail_key(email: str) -> str:
    """Gmail ignores dots and a +tag in the local part; used to flag, never to merge."""
    local, _, domain = email_key(email).rpartition("@")
    if domain not in GMAIL_DOMAINS:
        return email_key(email)
    return f"{local.split('+', 1)[0].replace('.', '')}@gmail.com"


def normalise_name(raw: str) -> Normalised:
    text = _SPACES.sub(" ", raw).strip()
    if not text:
        return Normalised(None)
    if text.startswith(FORMULA_STARTS):
        message = f"not a name (starts with '{text[0]}'; "
        return Normalised(None, message + "a name cannot start with =, +, - or @)")
    return Normalised(text)


def normalise_phone(raw: str) -> Normalised:
    """Typeform writes phone answers as `'+32 …` so spreadsheets keep the plus."""
    text = raw.strip()
    return Normalised(text[1:] if text.startswith("'") else text or None)


def normalise_years(raw: str) -> Normalised:
    text = raw.strip().replace(" ", "")
    if not text:
        return Normalised(None)
    if not _YEARS.match(text):
        return Normalised(None, "not a number of years")
    return Normalised(_number(text))


def normalise_capacity(raw: str) -> Normalised:
    text = raw.strip()
    if not text:
        return Normalised(None)
    if _DECIMAL.match(text):
        if float(text.replace(",", ".")).is_integer():
            text = text.split(",")[0].split(".")[0]
        else:
            return Normalised(None, "not a whole number; capacity must be 1, 2 or 3")
    if not _WHOLE.match(text):
        return Normalised(None, "not a number 1–3; capacity must be 1, 2 or 3")
    number = int(text)
    if number < 1:
        return Normalised(None, "less than 1; capacity must be 1, 2 or 3")
    if number > 3:
        return Normalised(None, "more than 3; capacity must be 1, 2 or 3")
    return Normalised(number)


def _number(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def normalise_consent(raw: str) -> Normalised:
    text = fold(raw)
    if not text:
        return Normalised(None)
    if text in YES_WORDS or text.startswith(YES_PREFIXES):
        return Normalised(True)
    return Normalised(None, "not a recorded consent")


def split_choices(raw: str, options: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Split a multi-select answer, trusting the question's own options first.

    An option may itself contain the separator (`Weekday evenings, after 18:00`), so
    known options are taken whole before the rest is split on `;` or `,`. A trailing
    `;` (Microsoft Forms) leaves no empty item.
    """
    text = raw.strip()
    separator = ";" if ";" in text else ","
    longest_first = sorted(options, key=len, reverse=True)
    items = []
    while text:
        item = _leading_option(text, longest_first)
        if item is None:
            item = text.split(separator, 1)[0]
        text = text[len(item) :].lstrip(separator).lstrip()
        if item.strip():
            items.append(item.strip())
    return items


def _leading_option(text: str, options: list[str]) -> str | None:
    for option in options:
        rest = text[len(option) :]
        if text.startswith(option) and (not rest or rest[0] in ",;"):
            return option
    return None


def normalise_linkedin(raw: str) -> Normalised:
    """`https://www.linkedin.com/in/<slug>`, or a warning with the raw text kept."""
    text = raw.strip()
    if fold(text) in NONE_WORDS:
        return Normalised(None)
    if len(_URL_START.findall(text)) > 1:
        return Normalised(None, warning="more than one URL in the cell")
    if text.startswith(FORMULA_STARTS) or re.search(r"\s", text) or "." not in text:
        return Normalised(None, warning="not a URL")
    url = text if re.match(r"^[a-z]+://", text, re.I) else f"https://{text}"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host == "lnkd.in":
        warning = "a lnkd.in short link, not a linkedin.com/in/ profile URL"
        return Normalised(None, warning=warning)
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return Normalised(None, warning="not a LinkedIn URL")
    segments = [s for s in parts.path.split("/") if s]
    if segments[:1] == ["company"]:
        warning = "a company page, not a personal profile (linkedin.com/company/…)"
        return Normalised(None, warning=warning)
    if segments[:1] != ["in"]:
        return Normalised(
            None, warning="not a personal-profile URL (linkedin.com/in/…)"
        )
    if len(segments) < 2:
        return Normalised(None, warning="profile URL without a profile name")
    slug = unquote(segments[1]).lower()
    return Normalised(f"https://www.linkedin.com/in/{slug}")
