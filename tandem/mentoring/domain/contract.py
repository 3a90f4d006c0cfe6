"""The edition's mentoring contract, which the international coordinator edits."""

from django.db import transaction

from tandem.core import audit
from tandem.mentoring.models import ContractTemplate

DEFAULT_BODY = """\
We agree to meet at least once a month from December to April, online or in
person, and to log each meeting in Tandem within a week.

We keep what we talk about between us, unless one of us asks for help from a
coordinator.

We tell each other early when we cannot make a meeting, and we tell our national
coordinator when the pair does not work.
"""


def contract_for(edition):
    contract, _ = ContractTemplate.objects.get_or_create(
        edition=edition, defaults={"body": DEFAULT_BODY}
    )
    return contract


@transaction.atomic
def save_contract(edition, *, actor, title, body):
    contract = contract_for(edition)
    contract.title, contract.body = title, body
    contract.save()
    audit.record("contract.saved", contract, actor=actor, edition=edition)
    return contract
