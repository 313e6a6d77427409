"""What the audit trail keeps of a person's action on an officer
(``audittrail.services.audit_record``): the officer as subject, and their fields as plain
values (a post by its code, an agency by its name)."""

from __future__ import annotations

from typing import Any

from audittrail.services import audit_record

from .models import User


def officer_audit(
    *,
    actor: User | None,
    action: str,
    officer: User,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """An entry for ``action`` ("officer.<action>") on ``officer`` by ``actor``. Nothing for
    the system (``actor`` None: demo data, scripts, a node's own set-up): the trail is of what
    people do. Precondition: inside the action's ``transaction.atomic()``."""
    if actor is None:
        return
    audit_record(
        actor=actor,
        action=f"officer.{action}",
        officer=officer,
        subject=f"officer:{officer.uuid}",
        before=before,
        after=after,
    )


def officer_fields(user: User, names: list[str]) -> dict[str, Any]:
    """``user``'s fields ``names`` as the audit trail keeps them."""
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(user, name)
        if name == "post":
            value = value.code if value is not None else ""
        elif name == "agency":
            value = str(value) if value is not None else ""
        values[name] = value
    return values
