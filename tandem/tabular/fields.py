"""The application fields an import can fill, and the headers that usually mean them.

Synonyms are whole headers as the corpus' tools and coordinators write them (English,
Polish, Czech, Hungarian, Swedish); keywords are phrases that suggest a field when
no synonym fits. Both are compared after `header_key`.
"""

import re
from dataclasses import dataclass

from .values import fold


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


def header_key(text: str) -> str:
    """Compare headers without case, accents, hyphens or punctuation."""
    return re.sub(
        r"\s+", " ", re.sub(r"[^\w\s]", " ", fold(text).replace("-", ""))
    ).strip()


FIELDS = (
    Field(
        "submitted_at",
        "Submitted at",
        "when",
        synonyms=(
            "Timestamp",
            "Sygnatura czasowa",
            "Submit Date (UTC)",
            "Submitted",
            "Submitted on",
            "Datum přihlášky",
            "Completion time",
            "Recorded Date",
            "Időbélyeg",
            "Tidstämpel",
        ),
        keywords=("timestamp",),
    ),
    Field(
        "full_name",
        "Full name",
        "name",
        required=True,
        synonyms=(
            "Full name",
            "Name",
            "Your name",
            "What's your full name?",
            "Jméno a příjmení",
            "Imię i nazwisko",
            "Név",
            "Namn",
            "Full name (as in your membership records)",
        ),
        keywords=("full name", "your name"),
    ),
    Field(
        "first_name",
        "First name",
        "name",
        synonyms=("First name", "Imię", "Förnamn", "Given name", "Keresztnév", "Jméno"),
        keywords=("first name",),
    ),
    Field(
        "last_name",
        "Last name",
        "name",
        synonyms=("Last name", "Nazwisko", "Efternamn", "Surname", "Family name"),
        keywords=("last name", "surname"),
    ),
    Field(
        "native_script_name",
        "Name in native script",
        "text",
        synonyms=(
            "Full name (native script)",
            "Full Name (Arabic)",
            "Native script name",
        ),
        keywords=("native script",),
    ),
    Field(
        "email",
        "E-mail",
        "email",
        required=True,
        synonyms=(
            "E-mail",
            "Email",
            "E-mail address",
            "Email address",
            "Adres e-mail",
            "E-post",
            "E-mail cím",
            "What's your email address?",
        ),
        keywords=("e-mail address", "email address", "e-mail", "email", "e-post"),
    ),
    Field(
        "association",
        "Association",
        "association",
        required=True,
        synonyms=(
            "Association",
            "Your association",
            "Asociace",
            "Stowarzyszenie",
            "Förening",
            "Egyesület",
            "Which association are you a member of?",
        ),
        keywords=("association",),
    ),
    Field(
        "member_number",
        "Member number",
        "member_number",
        synonyms=(
            "Member number",
            "Membership number",
            "Member no.",
            "Member ID",
            "Členské číslo",
            "Nr członkowski",
            "Tagszám",
            "Medlemsnummer",
            "Your membership number",
        ),
        keywords=("membership number", "member number"),
    ),
    Field(
        "role",
        "Role",
        "role",
        required=True,
        synonyms=("Role", "Rola", "Would you like to be a mentor or a mentee?"),
        keywords=("mentor or a mentee", "mentor or mentee"),
    ),
    Field(
        "preference",
        "Pair preference",
        "preference",
        required=True,
        synonyms=(
            "Pair preference",
            "Preference dvojice",
            "Which pair would you prefer?",
            "What kind of pair would you like?",
            "Preferred type of pair",
        ),
        keywords=("pair",),
    ),
    Field(
        "native_language",
        "Native language",
        "language",
        required=True,
        synonyms=(
            "Native language",
            "Your native language",
            "Rodný jazyk",
            "Język ojczysty",
            "Modersmål",
            "Anyanyelv",
            "What is your native language?",
        ),
        keywords=("native language", "mother tongue"),
    ),
    Field(
        "other_languages",
        "Other languages",
        "languages",
        synonyms=("Other languages", "Další jazyky", "Other working languages"),
        keywords=("other languages", "other working languages"),
    ),
    Field(
        "city",
        "City",
        "text",
        synonyms=(
            "City",
            "Město",
            "Miasto",
            "Stad",
            "Város",
            "Where do you live? (city)",
        ),
        keywords=("city",),
    ),
    Field(
        "country",
        "Country",
        "country",
        synonyms=("Country", "Country of residence", "Země", "Kraj", "Land", "Ország"),
        keywords=("country of residence",),
    ),
    Field(
        "time_zone",
        "Time zone",
        "time_zone",
        synonyms=("Time zone", "Your time zone", "Časové pásmo", "Strefa czasowa"),
        keywords=("time zone", "timezone"),
    ),
    Field(
        "industry",
        "Industry",
        "text",
        synonyms=("Industry", "Obor", "Branża", "Bransch"),
        keywords=("industry",),
    ),
    Field(
        "function",
        "Function",
        "text",
        synonyms=("Function", "Current function", "Funkce", "Funkcja"),
        keywords=("function",),
    ),
    Field(
        "years_experience",
        "Years of experience",
        "years",
        synonyms=(
            "Years of experience",
            "Years of professional experience",
            "Roky praxe",
        ),
        keywords=("years of professional experience", "years of experience"),
    ),
    Field(
        "employer",
        "Employer",
        "text",
        synonyms=("Employer", "Current employer", "Zaměstnavatel", "Pracodawca"),
        keywords=("employer",),
    ),
    Field(
        "expertise",
        "Expertise",
        "text",
        synonyms=("Expertise", "What expertise can you offer?"),
        keywords=("expertise",),
    ),
    Field(
        "goals",
        "Goals",
        "text",
        synonyms=("Goals", "Cíle v programu", "Your goals for the programme"),
        keywords=("goals",),
    ),
    Field(
        "expertise_or_goals",
        "Expertise (mentors) or goals (mentees)",
        "text",
        synonyms=("Expertise or goals", "Expertise / goals"),
    ),
    Field(
        "linkedin",
        "LinkedIn",
        "linkedin",
        synonyms=("LinkedIn", "LinkedIn profile", "LinkedIn profile URL"),
        keywords=("linkedin",),
    ),
    Field(
        "availability",
        "Availability",
        "choices",
        synonyms=("Availability", "Dostupnost", "When can you usually meet?"),
        keywords=("available", "availability"),
    ),
    Field(
        "capacity",
        "Capacity (mentors)",
        "capacity",
        synonyms=("Capacity", "Kapacita"),
        keywords=("how many mentees",),
    ),
    Field(
        "motivation",
        "Motivation",
        "text",
        synonyms=("Motivation", "Motivace", "Motywacja"),
        keywords=("why do you want",),
    ),
    Field(
        "consent",
        "Consent",
        "consent",
        required=True,
        synonyms=("Consent", "Privacy notice", "Souhlas se zpracováním údajů", "Zgoda"),
        keywords=("consent", "privacy notice", "souhlas"),
    ),
    Field(
        "phone",
        "Phone",
        "phone",
        synonyms=("Phone", "Telefon", "Phone number"),
        keywords=("phone",),
    ),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}
REQUIRED_FIELDS = tuple(f.name for f in FIELDS if f.required)
MENTOR_REQUIRED_FIELDS = ("capacity",)
