"""The edition's mentoring contract, which the international coordinator edits."""

from django.db import transaction

from tandem.core import audit, conflicts
from tandem.core.models import AuditEntry
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
def save_contract(edition, *, actor, title, body, seen=None):
    """Save the contract text; ``seen`` is the stamp of the text the form showed.

    When someone saved the contract since, EditConflict names them (from the
    audit trail) and nothing is saved; ``None`` skips the check.
    """
    contract_for(edition)
    contract = ContractTemplate.objects.select_for_update().get(edition=edition)
    if seen is not None and conflicts.stamp(contract.updated_at) != seen:
        last = (
            AuditEntry.objects.filter(
                action="contract.saved", object_id=str(contract.pk)
            )
            .select_related("actor")
            .first()
        )
        raise conflicts.changed(
            "this contract",
            by=last.actor if last else None,
            at=contract.updated_at,
            actor=actor,
        )
    contract.title, contract.body = title, body
    contract.save()
    audit.record("contract.saved", contract, actor=actor, edition=edition)
    return contract
