"""Background work of certificates: thin tasks that take ids."""

from django.tasks import task

from tandem.certificates.domain import issuing


@task
def run_issue_job(job_id):
    issuing.run_job(job_id)
