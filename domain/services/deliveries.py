"""Deliveries from doors that may repeat (Slack events retried with X-Slack-Retry-Num).

A door claims a delivery before acting on it: the first claim wins, a repeat (or a
concurrent twin, which loses on the unique key and is retried by the bus) sees False.
"""

from __future__ import annotations

from domain import commands as c
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext


def claim_delivery(cmd: c.ClaimDelivery, uow: UnitOfWork, ctx: ServiceContext) -> bool:
    """True the first time `cmd.key` is claimed, False ever after."""
    key = f"delivery:{cmd.key}"
    if uow.idempotency.get(key) is not None:
        return False
    uow.idempotency.put(key, f"claimed {ctx.now.isoformat()}")
    return True
