"""Withdrawing consent: from that moment Tandem writes to the person no more.

The flag is what the rest of Tandem reads: the outbox drops every e-mail to the
person (``tandem.core.mail``), and surveys neither invite, remind nor count them
(``tandem.surveys.domain.answering.participants``). Giving consent again is not
offered here: a person who wants to take part again applies to a new edition,
and a coordinator would clear the flag in the admin.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from tandem.core import clock
from tandem.privacy.domain.trail import record_for_person

logger = logging.getLogger(__name__)


@transaction.atomic
def withdraw_consent(person, *, actor):
    """Record the withdrawal once; a second call changes nothing and returns False."""
    person = get_user_model().objects.select_for_update().get(pk=person.pk)
    if person.consent_withdrawn_at is not None:
        return False
    person.consent_withdrawn_at = clock.now()
    person.save(update_fields=["consent_withdrawn_at"])
    record_for_person("consent.withdrawn", person, actor=actor)
    logger.info("consent.withdrawn person=%s", person.pk)
    return True
