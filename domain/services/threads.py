"""Keeping an order's Slack thread up to date: an event handler of the bus.

With an orders channel (`Policy.orders_channel`), a new order from any door opens its
thread (the card, posted by the relay), and what happens to it afterwards is posted in
that thread once, with who did it: status changes of the order and its shipments,
shipments re-planned, status mails, invoices, work orders and returns; and the card is
updated in place once per command that changed what it shows (lines, totals, dates).
The rows are written in the command's own transaction, so a post exists exactly when the
change does. Orders made before the channel was set have no thread and get no posts.
"""

from __future__ import annotations

from domain.actors import ActorDoor
from domain.events import (
    Event,
    InvoiceCreated,
    NotificationsSent,
    OrderCreated,
    OrderEvent,
    OrderStatusChanged,
    ReturnCreated,
    ShipmentPlanned,
    ShipmentStatusChanged,
    WorkOrderCreated,
)
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.texts import Text, _, ngettext
from domain.threads.posts import card_data, card_message, owner_of, thread_post
from domain.threads.thread import Thread, order_thread


def who(ctx: ServiceContext) -> str:
    """The name the thread shows for the command's actor."""
    by = ctx.by
    return by.name or by.id or str(by.door)


def post_order_events(event: Event, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """Open the thread of a new order, or post what happened into an order's thread."""
    channel = ctx.policy.orders_channel
    if not channel or not isinstance(event, OrderEvent):
        return
    if isinstance(event, OrderCreated):
        _open(event, channel, uow, ctx)
        return
    thread = uow.threads.find(order_thread(event.order_code))
    if thread is None:
        return
    if ctx.by.door == ActorDoor.SLACK and ctx.by.id and thread.owner != ctx.by.id:
        thread.owner = ctx.by.id
        uow.threads.save(thread)
    text = _said(event, ctx)
    if text is not None:
        uow.outbox.add(thread_post(thread, text, ctx.now, states=_STATES))
    if isinstance(event, _CARD_UNCHANGED) or uow.threads.card_queued(thread.key):
        return
    # the order as the command left it: an order read for new lines is not read again
    # whole (the card's facts are the whole order's either way), the customer's name alone
    order = uow.orders.current(event.order_code)
    name = uow.customers.name_of(order.customer_code)
    uow.outbox.add(card_message(thread, card_data(order, name), ctx.now))


# The values of the posts that are state codes, worded by the Slack edge.
_STATES = ("status",)
# Events that change nothing the card shows.
_CARD_UNCHANGED = (NotificationsSent, InvoiceCreated, WorkOrderCreated, ReturnCreated)


def _open(event: OrderCreated, channel: str, uow: UnitOfWork, ctx: ServiceContext) -> None:
    key = order_thread(event.order_code)
    if uow.threads.find(key) is not None:
        return
    order = uow.orders.get(event.order_code)
    customer = uow.customers.find(order.customer_code)
    thread = Thread(key, channel, order.customer_code, owner=owner_of(order))
    if not thread.owner and ctx.by.door == ActorDoor.SLACK:
        thread.owner = ctx.by.id
    uow.threads.save(thread)
    uow.threads.card_queued(key)  # the new card shows the order as this command leaves it
    message = card_message(thread, card_data(order, customer), ctx.now)
    message.key = f"thread:card:{order.code}"
    uow.outbox.add(message)


def _said(event: OrderEvent, ctx: ServiceContext) -> Text | None:
    """The sentence an event posts in the thread, None for events the thread skips."""
    if isinstance(event, OrderStatusChanged):
        return _(
            "{order} is now {status} (by {who}).",
            order=event.order_code,
            status=event.new,
            who=who(ctx),
        )
    if isinstance(event, ShipmentStatusChanged):
        return _(
            "Shipment {shipment} of {order} is now {status} (by {who}).",
            shipment=event.shipment_no,
            order=event.order_code,
            status=event.new,
            who=who(ctx),
        )
    if isinstance(event, NotificationsSent):
        return ngettext(
            "A status mail with {n} change was sent to the customer (by {who}).",
            "A status mail with {n} changes was sent to the customer (by {who}).",
            event.count,
            who=who(ctx),
        )
    if isinstance(event, InvoiceCreated):
        return _("Invoice {invoice} was made (by {who}).", invoice=event.invoice_code, who=who(ctx))
    if isinstance(event, WorkOrderCreated):
        return _(
            "Work order {work_order} was made (by {who}).",
            work_order=event.work_order_code,
            who=who(ctx),
        )
    if isinstance(event, ReturnCreated):
        return _(
            "Return {code} of {quantity} {product} was recorded (by {who}).",
            code=event.return_code,
            quantity=event.quantity,
            product=event.product_code,
            who=who(ctx),
        )
    if isinstance(event, ShipmentPlanned) and event.new is not None:
        return _(
            "Shipment {shipment} of {order} is planned for {day} (by {who}).",
            shipment=event.shipment_no,
            order=event.order_code,
            day=event.new,
            who=who(ctx),
        )
    return None
