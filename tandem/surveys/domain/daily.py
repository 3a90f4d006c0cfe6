"""The surveys app's periodic job: invitations, reminders and pulse checks."""

from dataclasses import dataclass

from tandem.core import clock
from tandem.mentoring.domain.reminders import mentoring_open
from tandem.programs.models import Edition
from tandem.surveys.domain.invitations import invite_all
from tandem.surveys.domain.pulse import create_checks


@dataclass
class DailyReport:
    emails: int = 0
    pulse_checks: int = 0


def run_daily(*, today=None, editions=None):
    """Safe to run twice a day: every e-mail and check is recorded once."""
    today = today or clock.today()
    editions = list(editions if editions is not None else Edition.objects.all())
    report = DailyReport(emails=invite_all(today=today, editions=editions))
    for edition in editions:
        if mentoring_open(edition, today):
            report.pulse_checks += create_checks(edition, today=today)
    return report
