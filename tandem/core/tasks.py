"""Background work of the platform itself."""

import logging

from django.tasks import task

from tandem.core import outbox

logger = logging.getLogger(__name__)


@task
def send_queued_mail():
    """Send the e-mail that is due. Safe to run twice: each row is claimed once."""
    outcome = outbox.deliver_queued()
    return {
        "sent": outcome.sent,
        "retrying": outcome.retrying,
        "failed": outcome.failed,
    }
