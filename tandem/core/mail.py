"""E-mail through the database: queued in the sender's transaction, sent later.

``OutboxBackend`` is the default mailer. It stores one row per recipient, so a
server that rejects one address holds up nobody else, and asks for a delivery run
once the transaction commits: a rolled-back action leaves no row and sends nothing.

It is also the one place that keeps e-mail from people who withdrew their
consent (and from erased accounts, which count as withdrawn): whatever part of
Tandem writes to them, their address never reaches the queue.
"""

import email
import email.policy
import email.utils
import logging
import re

from django.contrib.auth import get_user_model
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from tandem.core.models import OutboxMessage

logger = logging.getLogger(__name__)


def one_line(text):
    """A subject built from what people typed: headers refuse line breaks, and a
    name stored before the forms collapsed white space may still hold one."""
    return re.sub(r"\s+", " ", text).strip()


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        rows = []
        for message in email_messages:
            recipients = message.recipients()
            silenced = withdrawn_addresses(recipients)
            content = message.message(policy=email.policy.SMTP).as_bytes()
            rows += [
                OutboxMessage(
                    from_email=message.from_email, recipient=address, content=content
                )
                for address in recipients
                if _bare(address) not in silenced
            ]
        OutboxMessage.objects.bulk_create(rows)
        if rows:
            transaction.on_commit(_deliver_soon)
        return len(email_messages)


def _bare(address):
    return email.utils.parseaddr(address)[1].strip().lower()


def withdrawn_addresses(addresses):
    """The addresses among ``addresses`` of people who withdrew their consent."""
    found = dict(
        get_user_model()
        .objects.filter(
            email__in={_bare(address) for address in addresses},
            consent_withdrawn_at__isnull=False,
        )
        .values_list("email", "pk")
    )
    for person_id in found.values():
        logger.info("outbox.dropped person=%s reason=consent_withdrawn", person_id)
    return set(found)


def _deliver_soon():
    from tandem.core.tasks import send_queued_mail

    send_queued_mail.enqueue()


class StoredMessage:
    """What a transport mailer needs of a message, rebuilt from an outbox row."""

    def __init__(self, row):
        self.from_email = row.from_email
        self.to = [row.recipient]
        self._content = bytes(row.content)

    def recipients(self):
        return self.to

    def message(self, *, policy=email.policy.SMTP):
        return email.message_from_bytes(self._content, policy=policy)
