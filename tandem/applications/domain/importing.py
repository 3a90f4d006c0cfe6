"""Importing form exports: read, map, preview, then commit all or nothing.

``tandem.tabular`` reads and checks the file without Django; this module adds what
only the database knows (which associations take part, whose scope a row is in,
who already applied) and writes the result in one transaction.
"""

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connections, transaction
from django.utils import timezone

from tandem.applications.models import (
    Application,
    ImportJob,
    ImportPreset,
    PrivacyConsent,
)
from tandem.core import audit
from tandem.people.models import Membership, Person
from tandem.programs.models import Association
from tandem.tabular.applications import Preview, prepare_applications
from tandem.tabular.duplicates import find_duplicates
from tandem.tabular.errors import FileRefused, RowIssue
from tandem.tabular.fields import FIELD_BY_NAME
from tandem.tabular.mapping import Mapping, find_preset, suggest_mapping
from tandem.tabular.reading import Table, read_table
from tandem.tabular.values import email_key

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500
CHUNK = 900
MERGE, KEEP = "merge", "keep"
_COPIED = (
    "member_number",
    "preference",
    "native_language",
    "country",
    "city",
    "time_zone",
    "industry",
    "function",
    "employer",
    "expertise",
    "goals",
    "motivation",
)
_LISTS = ("other_languages", "availability")
_EXTRA_FIELDS = ("native_script_name", "phone")
UPDATED_FIELDS = [
    *_COPIED,
    *_LISTS,
    "association",
    "years_experience",
    "capacity",
    "linkedin_url",
    "linkedin_raw",
    "extra_answers",
    "source",
    "source_file",
    "submitted_at",
    "state",
    "updated_at",
]


class ImportRefused(Exception):
    """The preview has errors or undecided duplicates: nothing was written."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass
class ImportResult:
    created: int
    updated: int
    people_created: int
    skipped: int


def read_upload(data, filename, *, association=None, legacy_encoding="", sheet=""):
    """The file as a table; raises FileRefused or EncodingQuestion.

    The association's declared code page is tried only after strict UTF-8 fails.
    """
    declared = association.legacy_encoding if association else ""
    return read_table(
        data,
        filename,
        legacy_encoding=legacy_encoding or declared or None,
        sheet=sheet or None,
    )


def presets_for(association):
    """Saved presets a coordinator may use: its association's and the shared ones."""
    shared = ImportPreset.objects.filter(association__isnull=True)
    if association is None:
        return shared
    return shared | ImportPreset.objects.filter(association=association)


def mapping_for(table, association=None):
    """The mapping the mapping page starts from: a fitting saved preset first."""
    for preset in presets_for(association).order_by("-updated_at"):
        mapping = Mapping.from_json(preset.mapping)
        if mapping.fits(table):
            return mapping
    mapping = find_preset(table) or suggest_mapping(table)
    if association is not None and "association" not in mapping.columns.values():
        mapping.constants.setdefault("association", association.country)
    return mapping


def save_preset(association, name, mapping, *, actor):
    mapping.name = name
    preset, _ = ImportPreset.objects.update_or_create(
        association=association,
        name=name,
        defaults={"mapping": mapping.to_json(), "created_by": actor},
    )
    audit.record("import_preset.saved", preset, actor=actor, association=association)
    return preset


def preview_import(edition, table: Table, mapping: Mapping, *, scope=None) -> Preview:
    """The library's preview plus the database's checks; writes nothing.

    `scope` is the national coordinator's association: rows of another association
    are errors. Raises DayOrderQuestion when the file's dates read both ways.
    """
    if not mapping.fits(table):
        raise FileRefused(
            table.filename, "the mapping was made for a file with other columns"
        )
    preview = prepare_applications(table, mapping)
    joined = {a.country: a for a in edition.associations.all()}
    elsewhere = _applied_elsewhere(edition, preview, scope)
    for row in preview.rows:
        _check_association(row, joined, scope)
        _check_applied_elsewhere(row, elsewhere, scope)
        _check_lengths(row)
    preview.duplicate_groups = find_duplicates(
        [_entry(row) for row in preview.rows], _existing_entries(edition, preview)
    )
    return preview


def _check_association(row, joined, scope):
    code = row.values.get("association")
    if not code:
        return
    if code not in joined:
        message = f"association {code} does not take part in this edition"
        row.errors.append(RowIssue(row.row, "Association", code, message))
    elif scope is not None and code != scope.country:
        message = f"belongs to {code}; you import for {scope.country} only"
        row.errors.append(RowIssue(row.row, "Association", code, message))


def _applied_elsewhere(edition, preview, scope):
    """(e-mail key, role) -> country of the file's people who already applied in
    the edition through an association outside `scope`.

    A commit updates the application of the same e-mail and role whatever its
    association, so without this a national coordinator's file would move another
    association's applicant into their own.
    """
    if scope is None:
        return {}
    in_file = {
        email_key(r.values["email"]) for r in preview.rows if r.values.get("email")
    }
    existing = (
        Application.objects.filter(edition=edition)
        .exclude(association=scope)
        .values_list("person__email", "role", "association__country")
    )
    return {
        (email_key(email), role): country
        for email, role, country in existing.iterator()
        if email_key(email) in in_file
    }


def _check_applied_elsewhere(row, elsewhere, scope):
    email, role = row.values.get("email"), row.values.get("role")
    country = elsewhere.get((email_key(email), role)) if email and role else None
    if country:
        message = (
            f"already applied as {role} through {country}; "
            f"you import for {scope.country} only"
        )
        row.errors.append(RowIssue(row.row, "E-mail", email, message))


def _check_lengths(row):
    for name, value in row.values.items():
        field = _MODEL_FIELDS.get(name)
        limit = getattr(field, "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            label = FIELD_BY_NAME[name].label if name in FIELD_BY_NAME else name
            message = f"longer than {limit} characters"
            row.errors.append(RowIssue(row.row, label, value[:40], message))


_MODEL_FIELDS = {f.name: f for f in Application._meta.concrete_fields} | {
    "full_name": Person._meta.get_field("full_name"),
    "linkedin": Application._meta.get_field("linkedin_url"),
}


def _entry(row):
    keys = ("email", "full_name", "association", "linkedin")
    return {"ref": row.row, **{key: row.values.get(key) for key in keys}}


def _existing_entries(edition, preview):
    """Applications already in the edition, except those the file updates."""
    in_file = {
        email_key(r.values["email"]) for r in preview.rows if r.values.get("email")
    }
    existing = Application.objects.filter(edition=edition).values_list(
        "pk",
        "person__email",
        "person__full_name",
        "association__country",
        "linkedin_url",
    )
    return [
        {
            "ref": f"application {pk}",
            "email": email,
            "full_name": name,
            "association": country,
            "linkedin": linkedin or None,
        }
        for pk, email, name, country, linkedin in existing.iterator()
        if email_key(email) not in in_file
    ]


def rows_to_import(preview, decisions):
    """The rows a commit writes, after the coordinator's merge/keep decisions.

    `decisions` maps a group's index (as text) to "merge" or "keep". Merging keeps
    the group's last row of the file; a group with an application already in Tandem
    is merged by leaving that application as it is.
    """
    problems = []
    dropped = set()
    for index, group in enumerate(preview.duplicate_groups):
        decision = decisions.get(str(index))
        rows = [ref for ref in group.refs if isinstance(ref, int)]
        if decision not in (MERGE, KEEP):
            problems.append(f"rows {_listed(rows)}: {group.reason}; merge or keep")
        elif decision == KEEP and group.reason.startswith("same e-mail"):
            problems.append(
                f"rows {_listed(rows)}: one e-mail address is one application; merge"
            )
        elif decision == MERGE:
            merged_into_existing = len(rows) < len(group.refs)
            dropped.update(rows if merged_into_existing else rows[:-1])
    if problems:
        raise ImportRefused(problems)
    return [row for row in preview.rows if row.row not in dropped]


def _listed(rows):
    return ", ".join(str(r) for r in rows)


def commit_import(
    edition, preview, *, actor, decisions=None, scope=None, job=None
) -> ImportResult:
    """Write every row of a clean preview, or nothing.

    The same e-mail, edition and role updates the application already there. A new
    e-mail makes a Person (no password) and an unverified Membership. Objects are
    built first, reporting progress on `job`, then written in one transaction.
    Progress stops moving during that final write; it is not split into visible
    steps because the commit must stay all or nothing.
    """
    if not preview.committable:
        raise ImportRefused([_describe(issue) for issue in preview.errors])
    rows = rows_to_import(preview, decisions or {})
    plan = _Plan(edition, preview.filename)
    plan.preload(rows)
    for count, row in enumerate(rows, start=1):
        plan.add(row)
        if job is not None and count % PROGRESS_EVERY == 0:
            _progress(job, count)
    with transaction.atomic():
        result = plan.write()
        audit.record(
            "applications.imported",
            job,
            actor=actor,
            association=scope,
            edition=edition,
        )
    skipped = len(preview.rows) - len(rows) + len(preview.skipped)
    result.skipped = skipped
    logger.info(
        "applications.imported edition=%s created=%s updated=%s",
        edition.pk,
        result.created,
        result.updated,
    )
    return result


def _describe(issue):
    where = f"row {issue.row}, " if issue.row else ""
    return f"{where}{issue.column}: {issue.message}"


def _progress(job, done):
    ImportJob.objects.filter(pk=job.pk).update(done=done)


class _Plan:
    """New and changed objects for one commit, built before anything is written."""

    def __init__(self, edition, filename):
        self.edition, self.filename = edition, filename
        self.associations = {a.country: a for a in Association.objects.all()}
        self.people = {}
        self.new_people = {}
        self.applications = {}
        self.existing = {}
        self.new_applications = []
        self.changed_applications = []
        self.memberships = []
        self.consents = []

    def preload(self, rows):
        emails = sorted({email_key(row.values["email"]) for row in rows})
        for start in range(0, len(emails), CHUNK):
            chunk = emails[start : start + CHUNK]
            people = Person.objects.filter(email__in=chunk)
            self.people.update((p.email, p) for p in people)
            found = Application.objects.filter(edition=self.edition, person__in=people)
            for application in found.select_related("person"):
                self.existing[(application.person.email, application.role)] = (
                    application
                )

    def add(self, row):
        values = row.values
        person = self._person(values)
        association = self.associations[values["association"]]
        key = (email_key(values["email"]), values["role"])
        application = self._application(person, key)
        _fill(application, values, row.extras, association, self.filename)
        self.memberships.append((key[0], association, values.get("member_number")))
        when = application.submitted_at or timezone.now()
        self.consents.append((key, f"as recorded in {self.filename}", when))

    def _person(self, values):
        email = email_key(values["email"])
        if email not in self.people:
            person = Person(
                email=email,
                full_name=values.get("full_name") or email,
                password=_unusable_password(),
            )
            self.new_people[email] = self.people[email] = person
        return self.people[email]

    def _application(self, person, key):
        if key in self.applications:
            return self.applications[key]
        application = self.existing.get(key)
        if application is None:
            application = Application(edition=self.edition, role=key[1])
            self.new_applications.append((key[0], application))
        else:
            self.changed_applications.append(application)
        self.applications[key] = application
        return application

    def write(self):
        # Both databases return the new primary keys from bulk_create.
        Person.objects.bulk_create(self.new_people.values())
        for email, application in self.new_applications:
            application.person = self.people[email]
        Application.objects.bulk_create([a for _, a in self.new_applications])
        _update_rows(self.changed_applications, UPDATED_FIELDS)
        self._write_memberships()
        PrivacyConsent.objects.bulk_create(
            PrivacyConsent(
                application=self.applications[key], version=version, given_at=when
            )
            for key, version, when in self.consents
        )
        return ImportResult(
            created=len(self.new_applications),
            updated=len(self.changed_applications),
            people_created=len(self.new_people),
            skipped=0,
        )

    def _write_memberships(self):
        people = sorted({self.people[email].pk for email, _, _ in self.memberships})
        known = set()
        for start in range(0, len(people), CHUNK):
            chunk = Membership.objects.filter(person__in=people[start : start + CHUNK])
            known.update(chunk.values_list("person_id", "association_id"))
        new = {}
        for email, association, number in self.memberships:
            key = (self.people[email].pk, association.pk)
            if key not in known and key not in new:
                new[key] = Membership(
                    person_id=key[0],
                    association=association,
                    member_number=number or "",
                    state=Membership.State.UNVERIFIED,
                )
        Membership.objects.bulk_create(new.values())


def _update_rows(applications, names):
    """One parameterised UPDATE per application, sent with executemany.

    bulk_update builds a CASE per field over the whole batch: re-importing 20,000
    rows took minutes and a gigabyte. auto_now is not applied here, so
    `updated_at` is set by hand.
    """
    if not applications:
        return
    fields = [Application._meta.get_field(name) for name in names]
    connection = connections[Application.objects.db]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, key = quote(Application._meta.db_table), quote(Application._meta.pk.column)
    # Only the model's own table and column names are formatted in; values are
    # parameters.
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608  # nosec B608
    now = timezone.now()
    rows = []
    for application in applications:
        application.updated_at = now
        values = [
            field.get_db_prep_save(getattr(application, field.attname), connection)
            for field in fields
        ]
        rows.append([*values, application.pk])
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _unusable_password():
    """What set_unusable_password() stores, from one urandom call instead of 40.

    Building 20,000 people spent a quarter of the commit drawing characters one by
    one; the prefix is what makes the password unusable, the rest only differs.
    """
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _fill(application, values, extras, association, filename):
    for name in _COPIED:
        setattr(application, name, values.get(name) or "")
    for name in _LISTS:
        setattr(application, name, values.get(name) or [])
    application.association = association
    years = values.get("years_experience")
    application.years_experience = None if years is None else Decimal(str(years))
    application.capacity = (
        values.get("capacity") if values["role"] == "mentor" else None
    )
    application.linkedin_url = values.get("linkedin") or ""
    application.linkedin_raw = (
        values.get("linkedin_as_typed") or values.get("linkedin") or ""
    )
    answers = dict(extras)
    for name in _EXTRA_FIELDS:
        if values.get(name):
            answers[FIELD_BY_NAME[name].label] = values[name]
    application.extra_answers = answers
    application.source = Application.Source.IMPORT
    application.source_file = filename
    application.submitted_at = _as_datetime(values.get("submitted_at"))
    if application.state in ("", Application.State.DRAFT):
        application.state = Application.State.SUBMITTED


def _as_datetime(value):
    """A date-only answer is midnight of that day in the deployment's zone."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))
