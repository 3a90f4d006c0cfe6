"""Prefilling an application from the data export LinkedIn lets members download.

The archive is read in memory and checked before anything is unpacked: a ZIP can
claim a small size and expand to gigabytes, so the declared sizes are added up and
each member is read with a cap.
"""

import csv
import io
import re
import zipfile

from tandem.core import clock

MAX_UNPACKED = 20 * 2**20
WANTED = ("Profile.csv", "Positions.csv", "Skills.csv", "Languages.csv")
_YEAR = re.compile(r"(\d{4})")


class ExportRefused(Exception):
    pass


def read_linkedin_export(data):
    """Answers for the application form, from whichever of the four files exist."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ExportRefused("not a ZIP archive") from exc
    members = {info.filename.rsplit("/", 1)[-1]: info for info in archive.infolist()}
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        raise ExportRefused("the archive unpacks to more than 20 MB")
    found = {name: _rows(archive, members[name]) for name in WANTED if name in members}
    if not found:
        raise ExportRefused(
            "no Profile.csv, Positions.csv, Skills.csv or Languages.csv inside"
        )
    return _answers(found)


def _rows(archive, info):
    with archive.open(info) as handle:
        raw = handle.read(MAX_UNPACKED + 1)
    if len(raw) > MAX_UNPACKED:
        raise ExportRefused(f"{info.filename} is larger than it claims")
    text = raw.decode("utf-8-sig", errors="replace")
    return list(csv.DictReader(io.StringIO(text)))


def _answers(found):
    answers = {}
    profile = (found.get("Profile.csv") or [{}])[0]
    if profile.get("Industry"):
        answers["industry"] = profile["Industry"].strip()
    if profile.get("Geo Location"):
        answers["city"] = profile["Geo Location"].split(",")[0].strip()
    positions = found.get("Positions.csv") or []
    current = next((p for p in positions if not p.get("Finished On")), None)
    if current:
        answers["employer"] = (current.get("Company Name") or "").strip()
        answers["function"] = (current.get("Title") or "").strip()
    years = [
        int(m.group(1))
        for p in positions
        if (m := _YEAR.search(p.get("Started On") or ""))
    ]
    if years:
        answers["years_experience"] = clock.today().year - min(years)
    skills = [s.get("Name", "").strip() for s in found.get("Skills.csv") or []]
    if skills:
        answers["tags"] = [s for s in skills if s][:20]
    languages = [
        lang.get("Name", "").strip() for lang in found.get("Languages.csv") or []
    ]
    if languages:
        answers["other_languages"] = [name for name in languages if name]
    return answers
