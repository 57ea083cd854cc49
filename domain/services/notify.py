"""Telling customers about status changes: pending notifications become outbox emails.

`/order notify` sends the pending ones (or, when none is pending, sends the last one
again); with `NOTIFY_AUTO` the bus calls `notify_automatically` after every status change.

Sending the last one again is refused for `REPEAT_GUARD` after it went: two reps who
click Notify at the same moment send one mail, and the second is told so. The guard
holds under concurrency because both commands change the order: the order's version
lets one commit, the other is retried by the bus and then sees the first one's
committed notification.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain import commands as c
from domain.customers.customer import Customer
from domain.errors import ValidationFailed
from domain.events import Event, NotificationsSent, OrderStatusChanged, ShipmentStatusChanged
from domain.orders.documents import Notification, NotificationState
from domain.orders.order import SalesOrder
from domain.orders.summary import order_summary
from domain.outbox.messages import Channel, OutboxMessage
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.tracking import link_of
from domain.services.views import NotifyView
from domain.texts import Text, _, ngettext

# Long enough to cover simultaneous clicks and a retried command, short enough that a
# rep who really wants the mail sent again only waits a moment.
REPEAT_GUARD = timedelta(seconds=30)


def _recipient(customer: Customer) -> str | None:
    contact = customer.default_contact()
    if contact and contact.email:
        return contact.email
    return next((ct.email for ct in customer.contacts if ct.email), None)


def _payload(
    order: SalesOrder,
    customer: Customer,
    notes: list[Notification],
    resent: bool,
    uow: UnitOfWork,
    ctx: ServiceContext,
) -> dict[str, object]:
    # Everything the mail shows is fixed now (lines, shipments, totals, the link's salt),
    # so the relay renders it at send time without reading the order again.
    token = link_of(order, uow, ctx)
    return {
        "order_code": order.code,
        "customer_code": customer.code,
        "language": customer.language,
        "resent": resent,
        "order": order_summary(order, customer),
        "tracking": {"salt": token.salt} if token is not None else None,
        "changes": [
            {
                "subject": n.subject,
                "status": n.status,
                "text": n.text,
                "shipment": n.shipment_number,
                "at": n.created_at.isoformat(),
            }
            for n in notes
        ],
    }


def send_notifications(
    order: SalesOrder,
    customer: Customer,
    uow: UnitOfWork,
    ctx: ServiceContext,
    resend_last: bool = True,
) -> tuple[list[Notification], bool, str]:
    """Put one status email for the pending notifications in the outbox.

    Returns the notifications it carries (none when it would only repeat a mail sent
    less than `REPEAT_GUARD` ago), whether it repeats the last one, and the recipient.
    """
    recipient = _recipient(customer)
    if recipient is None:
        raise ValidationFailed.field(
            "contact",
            _(
                "{customer} has no contact with an email address; add one with "
                "/customer contact {customer} NAME email:ADDRESS",
                customer=customer.code,
            ),
            "notify.no_email",
        )
    notes, resent = order.pending_notifications(), False
    if not notes and resend_last:
        notes, resent = [_last_sent(order)], True
        if _told_recently(order, ctx):
            return [], False, recipient
    if notes:
        uow.outbox.add(
            OutboxMessage(
                channel=Channel.EMAIL,
                kind="order_status",
                recipient=recipient,
                created_at=ctx.now,
                payload=_payload(order, customer, notes, resent, uow, ctx),
                order_code=order.code,
            )
        )
        order.mark_notified(notes, ctx.now)
        order.record(NotificationsSent(order.code, len(notes), resent))
    return notes, resent, recipient


def _last_sent(order: SalesOrder) -> Notification:
    sent = [n for n in order.notifications if n.state == NotificationState.SENT]
    if not sent:
        raise ValidationFailed.field(
            "order",
            _("{order} has no status change to tell yet", order=order.code),
            "notify.nothing",
        )
    return max(sent, key=lambda n: (n.created_at, n.id or 0))


def _last_told_at(order: SalesOrder) -> datetime | None:
    return max((n.sent_at for n in order.notifications if n.sent_at is not None), default=None)


def _told_recently(order: SalesOrder, ctx: ServiceContext) -> bool:
    last = _last_told_at(order)
    return last is not None and ctx.now - last < REPEAT_GUARD


def notify_order(cmd: c.NotifyOrder, uow: UnitOfWork, ctx: ServiceContext) -> NotifyView:
    """Send the pending notifications of an order, or re-send the last one."""
    order = uow.orders.get(cmd.code)
    customer = uow.customers.get(order.customer_code)
    notes, resent, recipient = send_notifications(order, customer, uow, ctx)
    if not notes:
        return NotifyView(order, customer, _nothing_sent(order, ctx), 0, False, recipient)

    said = {"recipient": recipient}
    note = (
        ngettext(
            "Re-sent {n} notification to {recipient}.",
            "Re-sent {n} notifications to {recipient}.",
            len(notes),
            **said,
        )
        if resent
        else ngettext(
            "Sent {n} notification to {recipient}.",
            "Sent {n} notifications to {recipient}.",
            len(notes),
            **said,
        )
    )
    return NotifyView(
        order,
        customer,
        note,
        len(notes),
        resent,
        recipient,
    )


def _nothing_sent(order: SalesOrder, ctx: ServiceContext) -> Text:
    last = _last_told_at(order)
    ago = int((ctx.now - last).total_seconds()) if last is not None else 0
    wait = int(REPEAT_GUARD.total_seconds())
    return _(
        "{order}: the customer was told {ago} s ago; nothing sent (a mail can be sent "
        "again {wait} s after the last one).",
        order=order.code,
        ago=ago,
        wait=wait,
    )


def notify_automatically(event: Event, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """With NOTIFY_AUTO, a status change goes out at once (when the customer has an email)."""
    if not ctx.policy.notify_auto:
        return
    if not isinstance(event, OrderStatusChanged | ShipmentStatusChanged):
        return
    order = uow.orders.get(event.order_code)
    customer = uow.customers.find(order.customer_code)
    if customer is None or _recipient(customer) is None or not order.pending_notifications():
        return
    send_notifications(order, customer, uow, ctx, resend_last=False)
