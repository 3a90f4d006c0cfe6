"""Write a large, seeded applications CSV in the international template.

python benchmarks/make_applications_file.py --rows 20000 --out var/big.csv
"""

import argparse
import csv
import io
import random
from pathlib import Path

HEADERS = [
    "Full name", "E-mail", "Association", "Member number", "Role", "Pair preference",
    "Native language", "Other languages", "City", "Country", "Industry", "Function",
    "Years of experience", "Employer", "Expertise or goals", "LinkedIn", "Capacity",
    "Motivation", "Consent",
]  # fmt: skip
PEOPLE = {
    "AIESEC Alumni Poland": ("Polish", "Poland", "Kraków", ["Łukasz", "Zofia"]),
    "AIESEC Alumni Hungary": ("Hungarian", "Hungary", "Pécs", ["Őrs", "Dóra"]),
    "AIESEC Alumni Czechia": ("Czech", "Czechia", "Brno", ["Matěj", "Šárka"]),
    "AIESEC Alumni Croatia": ("Croatian", "Croatia", "Split", ["Šime", "Iva"]),
    "AIESEC Alumni Sweden": ("Swedish", "Sweden", "Umeå", ["Åsa", "Zoë"]),
}
SURNAMES = ["Wójcik", "Szőke", "Dvořák", "Šimić", "Öberg", "Nowak", "Kovács"]


def application(number: int, rng: random.Random) -> list[str]:
    association = rng.choice(sorted(PEOPLE))
    language, country, city, first_names = PEOPLE[association]
    name = f"{rng.choice(first_names)} {rng.choice(SURNAMES)}"
    role = rng.choice(["mentor", "mentee"])
    slug = f"person-{number:06d}"
    return [
        name,
        f"{slug}@example.org",
        association,
        f"{number:05d}",
        role,
        rng.choice(["local", "international", "either"]),
        language,
        rng.choice(["English", "English, German", "English; French"]),
        city,
        country,
        rng.choice(["IT & software", "Consulting, audit & tax", "Public sector"]),
        rng.choice(["Finance", "Strategy", "Operations"]),
        rng.choice(["3", "7,5", "12", "20"]),
        rng.choice(['Kowalczyk, Nowak & "Partnerzy"', "self-employed"]),
        "Line one\nline two, with a comma; and a semicolon",
        rng.choice([f"https://www.linkedin.com/in/{slug}/", "", "N/A"]),
        str(rng.randint(1, 3)) if role == "mentor" else "",
        "- I had great mentors myself",
        "yes",
    ]


def make(rows: int, seed: int = 2023) -> bytes:
    rng = random.Random(seed)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for number in range(1, rows + 1):
        writer.writerow(application(number, rng))
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(make(args.rows, args.seed))


if __name__ == "__main__":
    main()
