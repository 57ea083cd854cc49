"""Services of tracking links and dead outbox messages.

"View as customer" gives a rep the link the customer's mails carry (the same token,
rebuilt from its salt); revoking makes every link of an order invalid, and the next
mail or view mints a new one. (`/catalog send` is `domain.services.catalogues`'.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain import commands as c
from domain.errors import DomainError
from domain.orders.order import SalesOrder
from domain.orders.tracking import TrackingLinks, TrackingToken, current_link
from domain.outbox.messages import OutboxMessage
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import Listing
from domain.texts import _


def _links(ctx: ServiceContext) -> TrackingLinks:
    links = ctx.adapters.tracking_links
    if links is None:
        raise DomainError(
            "tracking.not_configured",
            _(
                "Tracking links are not configured in this process: SECRET_KEY is needed with "
                "PostgreSQL."
            ),
        )
    return links


def link_of(order: SalesOrder, uow: UnitOfWork, ctx: ServiceContext) -> TrackingToken | None:
    """The order's current tracking link (renewed or minted); None without the port."""
    links = ctx.adapters.tracking_links
    if links is None:
        return None
    token, new = current_link(uow.tracking.of_order(order.code), links, order.code, ctx.now)
    if new:
        uow.tracking.add(token)
    return token


@dataclass(frozen=True)
class TrackingLinkView:
    """The tracking link of an order, as the customer sees it (worded by the doors)."""

    order_code: str
    url: str
    expires_at: datetime


@dataclass(frozen=True)
class RevokedView:
    """How many links of an order were revoked (worded by the doors)."""

    order_code: str
    revoked: int


def view_as_customer(
    cmd: c.ViewAsCustomer, uow: UnitOfWork, ctx: ServiceContext
) -> TrackingLinkView:
    """The link the customer's mails carry (minted when the order has none valid)."""
    links = _links(ctx)
    order = uow.orders.get(cmd.code)
    token = link_of(order, uow, ctx)
    assert token is not None  # _links guaranteed the port
    return TrackingLinkView(order.code, links.url_for(token.salt), token.expires_at)


def revoke_tracking(cmd: c.RevokeTracking, uow: UnitOfWork, ctx: ServiceContext) -> RevokedView:
    """Revoke every valid link of an order."""
    order = uow.orders.get(cmd.code)
    valid = [t for t in uow.tracking.of_order(order.code) if t.is_valid(ctx.now)]
    for token in valid:
        token.revoke(ctx.now)
    return RevokedView(order.code, len(valid))


def list_dead_messages(cmd: c.ListDeadMessages, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Outbox messages refused for good or out of attempts, newest first."""
    rows = uow.outbox.dead(cmd.limit, cmd.since)
    return Listing("dead messages", tuple(DeadMessage.of(m) for m in rows), _("Dead messages"))


@dataclass(frozen=True)
class DeadMessage:
    """One dead outbox message, as reps and the digest show it."""

    id: int
    channel: str
    kind: str
    recipient: str
    order_code: str | None
    attempts: int
    error: str
    created_at: datetime

    @classmethod
    def of(cls, m: OutboxMessage) -> DeadMessage:
        """From an outbox row."""
        return cls(
            m.id or 0,
            str(m.channel),
            m.kind,
            m.recipient,
            m.order_code,
            m.attempts,
            m.last_error,
            m.created_at,
        )
