"""Delivering queued e-mail: each row is claimed once, sent once, and settled.

A row is claimed by moving it from queued to sending in one conditional UPDATE, so
two workers never hand the same message to the mail server. A failure before the
server accepted the message puts it back in the queue with a growing pause; a
permanent refusal of the address, or too many attempts, marks it failed.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.utils import timezone

from tandem.core.mail import StoredMessage
from tandem.core.models import OutboxMessage

logger = logging.getLogger(__name__)

TRANSPORT = "transport"
BATCH = 100
# A row left in "sending" this long belongs to a worker that died mid-send. Whether
# the server took the message is unknown, so it is marked failed, never resent.
STALE_CLAIM = timedelta(minutes=15)


@dataclass
class Outcome:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_queued(limit=BATCH):
    """Send what is due, at most ``limit`` messages; return what happened."""
    _give_up_stale_claims()
    outcome = Outcome()
    due = OutboxMessage.objects.filter(
        state=OutboxMessage.State.QUEUED, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    for pk in list(due):
        row = _claim(pk)
        if row is not None:
            _send(row, outcome)
    return outcome


def _claim(pk):
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=pk, state=OutboxMessage.State.QUEUED
    ).update(state=OutboxMessage.State.SENDING, claimed_at=now)
    if not claimed:
        return None
    return OutboxMessage.objects.get(pk=pk)


def _send(row, outcome):
    row.attempts += 1
    try:
        with mailers[TRANSPORT] as transport:
            transport.send_messages([StoredMessage(row)])
    except smtplib.SMTPAuthenticationError as error:
        # Our credentials, not this message: keep it for when they are fixed.
        _retry_later(row, outcome, f"{type(error).__name__} {error.smtp_code}")
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        _failed(row, outcome, "SMTPRecipientsRefused", codes[0] if codes else None)
    except smtplib.SMTPResponseException as error:
        _failed(row, outcome, type(error).__name__, error.smtp_code)
    except (smtplib.SMTPException, OSError) as error:
        _retry_later(row, outcome, type(error).__name__)
    else:
        # The message has left; Tandem keeps no copy of what it said.
        _settle(row, OutboxMessage.State.SENT, "", sent_at=timezone.now(), content=b"")
        outcome.sent += 1
        logger.info("outbox.sent message=%s attempts=%s", row.pk, row.attempts)


def _failed(row, outcome, name, code):
    """A server's answer: 4xx is worth another try, 5xx is final."""
    label = f"{name} {code}" if code else name
    if code is not None and 400 <= code < 500:
        _retry_later(row, outcome, label)
        return
    _settle(row, OutboxMessage.State.FAILED, label)
    outcome.failed += 1
    logger.warning("outbox.refused message=%s error=%s", row.pk, label)


def _retry_later(row, outcome, label):
    if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _settle(row, OutboxMessage.State.FAILED, label)
        outcome.failed += 1
        logger.warning("outbox.gave_up message=%s error=%s", row.pk, label)
        return
    pause = settings.OUTBOX_RETRY_SECONDS * 2 ** (row.attempts - 1)
    _settle(
        row,
        OutboxMessage.State.QUEUED,
        label,
        next_attempt_at=timezone.now() + timedelta(seconds=pause),
    )
    outcome.retrying += 1
    logger.info(
        "outbox.retry message=%s attempts=%s error=%s", row.pk, row.attempts, label
    )


def _settle(row, state, label, **fields):
    values = {"state": state, "attempts": row.attempts, "last_error": label[:80]}
    values.update(fields)
    OutboxMessage.objects.filter(pk=row.pk, state=OutboxMessage.State.SENDING).update(
        **values
    )


def _give_up_stale_claims():
    stale = OutboxMessage.objects.filter(
        state=OutboxMessage.State.SENDING,
        claimed_at__lt=timezone.now() - STALE_CLAIM,
    ).update(state=OutboxMessage.State.FAILED, last_error="interrupted")
    if stale:
        logger.warning("outbox.interrupted count=%s", stale)
