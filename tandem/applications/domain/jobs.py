"""Import jobs: an upload on its way through mapping and preview to a commit."""

import contextlib
import logging

from django.db import transaction

from tandem.applications.domain import importing
from tandem.applications.models import ImportJob
from tandem.core import audit
from tandem.tabular.errors import DayOrderQuestion, EncodingQuestion, FileRefused
from tandem.tabular.mapping import Mapping

logger = logging.getLogger(__name__)


def create_job(edition, upload_name, data, *, actor, association=None):
    """Store an upload that the library can read; raises FileRefused otherwise.

    An EncodingQuestion is not a refusal: the job is kept and the mapping page asks.
    """
    with contextlib.suppress(EncodingQuestion):
        importing.read_upload(data, upload_name, association=association)
    job = ImportJob.objects.create(
        edition=edition,
        association=association,
        uploaded_by=actor,
        filename=upload_name,
        data=data,
    )
    audit.record(
        "import_job.uploaded",
        job,
        actor=actor,
        association=association,
        edition=edition,
    )
    return job


def table_of(job):
    return importing.read_upload(
        bytes(job.data),
        job.filename,
        association=job.association,
        legacy_encoding=job.legacy_encoding,
        sheet=job.sheet,
    )


def mapping_of(job, table):
    if job.mapping:
        return Mapping.from_json(job.mapping)
    return importing.mapping_for(table, job.association)


def preview_of(job):
    table = table_of(job)
    return importing.preview_import(
        job.edition, table, mapping_of(job, table), scope=job.association
    )


@transaction.atomic
def start_commit(job, decisions, *, actor):
    """Queue the commit; the task runs after this transaction commits."""
    from tandem.applications.tasks import commit_import_job

    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.state not in (ImportJob.State.UPLOADED, ImportJob.State.FAILED):
        raise importing.ImportRefused(["this import is already running or done"])
    job.decisions = decisions
    job.state = ImportJob.State.QUEUED
    job.done = 0
    job.save(update_fields=["decisions", "state", "done"])
    audit.record(
        "import_job.queued",
        job,
        actor=actor,
        association=job.association,
        edition=job.edition,
    )
    transaction.on_commit(lambda: commit_import_job.enqueue(job.pk))
    return job


def run_job(job_id):
    """Preview again from the stored bytes and commit; the job records the outcome."""
    job = ImportJob.objects.select_related("edition", "association", "uploaded_by").get(
        pk=job_id
    )
    _set(job, state=ImportJob.State.RUNNING)
    try:
        preview = preview_of(job)
        _set(job, total=len(preview.rows))
        result = importing.commit_import(
            job.edition,
            preview,
            actor=job.uploaded_by,
            decisions=job.decisions,
            scope=job.association,
            job=job,
        )
    except (
        importing.ImportRefused,
        FileRefused,
        EncodingQuestion,
        DayOrderQuestion,
    ) as exc:
        _set(job, state=ImportJob.State.FAILED, report={"refused": _messages(exc)})
        logger.info("import_job.refused id=%s", job.pk)
        return job
    report = {
        "created": result.created,
        "updated": result.updated,
        "people_created": result.people_created,
        "skipped": result.skipped,
    }
    _set(job, state=ImportJob.State.DONE, done=job.total, report=report)
    logger.info("import_job.done id=%s", job.pk)
    return job


def _messages(exc):
    return getattr(exc, "messages", None) or [str(exc)]


def _set(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields)
