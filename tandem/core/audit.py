"""The audit trail: who did what to which object, and when."""

import contextvars
import uuid

from tandem.core.models import AuditEntry

current_request_id = contextvars.ContextVar("tandem_request_id", default="")


def new_request_id():
    return uuid.uuid4().hex


def record(action, obj=None, *, actor, association=None, edition=None):
    """Add a row to the audit trail inside the caller's transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        association=association,
        edition=edition,
        request_id=current_request_id.get(),
    )
