"""Background work of applications: thin tasks that take ids."""

from django.tasks import task

from tandem.applications.domain import jobs


@task
def commit_import_job(job_id):
    jobs.run_job(job_id)
