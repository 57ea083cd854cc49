"""Services of the sales order commands: create, edit, confirm, ship, split, merge, invoice..."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from domain import commands as c
from domain.errors import ValidationFailed
from domain.numbering import DocumentKind
from domain.orders import edit_texts, timeline_texts
from domain.orders.documents import WorkOrderScope
from domain.orders.factory import OrderFactory, order_fields, reference_key
from domain.orders.merge import merge
from domain.orders.order import SalesOrder
from domain.ports import UnitOfWork
from domain.records.invoices import fix_due_date
from domain.records.workorders import make_work_orders
from domain.services.context import ServiceContext
from domain.services.order_sources import UnitSources
from domain.services.stock_follow import settle_now
from domain.services.views import (
    InvoiceView,
    MergeView,
    OrderView,
    ReturnView,
    ShipmentView,
    WorkOrdersView,
)
from domain.stock import availability
from domain.texts import Text, _, ngettext


def _view(order: SalesOrder, uow: UnitOfWork, note: Text | str = "") -> OrderView:
    related = tuple(uow.records.children_of(order.code))
    return OrderView(order, uow.customers.find(order.customer_code), note, related=related)


def factory(
    uow: UnitOfWork, ctx: ServiceContext, lines: Iterable[c.LineInput] = ()
) -> OrderFactory:
    """The order factory of one command: look-ups and numbering from its unit of work,
    the products of `lines` read at once."""
    sources = UnitSources(uow, ctx.style(DocumentKind.ORDER))
    sources.read_products(line.product for line in lines)
    return OrderFactory(ctx.now, sources, ctx.policy.money)


def create_order(cmd: c.CreateOrder, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Create a draft order (or a confirmed one when asked) with its first shipment."""
    customer = uow.customers.get(cmd.customer)
    order = factory(uow, ctx, cmd.lines).make(cmd, customer)
    uow.orders.add(order)
    return OrderView(order, customer, _("Created {order}.", order=order.code))


def set_order_terms(cmd: c.SetOrderTerms, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Change an order's header: discount, shipping, adjustment, reference, dates, addresses."""
    order = uow.orders.get(cmd.code)
    customer = uow.customers.get(order.customer_code)
    fields = order_fields(cmd, customer, order.currency)
    reference = str(fields.get("reference", ""))
    changed = reference_key(reference) not in ("", reference_key(order.reference))
    if changed and not cmd.allow_duplicate_ref:  # the rule of new orders holds here too
        factory(uow, ctx).check_reference(customer.code, reference)
    done = order.set_terms(ctx.now, **fields)
    said = edit_texts.fields_changed(done) if done else _("No change.")
    return OrderView(order, customer, said)


def add_line(cmd: c.AddLine, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Add a product line."""
    order = uow.orders.get_for_new_lines(cmd.code)
    line = order.add_line(factory(uow, ctx).spec(cmd.line), ctx.now)
    settle_now(order, uow, ctx)  # read lean, the order is not among those events follow
    return _view(order, uow, timeline_texts.line_added(line.quantity, line.product_code))


def remove_line(cmd: c.RemoveLine, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Remove a product's line."""
    order = uow.orders.get(cmd.code)
    line = order.remove_line(cmd.product, ctx.now)
    return _view(order, uow, _("Removed {product}.", product=line.product_code))


def confirm_order(cmd: c.ConfirmOrder, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Confirm a draft."""
    order = uow.orders.get(cmd.code)
    order.confirm(ctx.now)
    settle_now(order, uow, ctx)  # the answer shows what it reserved
    view = _view(order, uow, _("{order} confirmed.", order=order.code))
    return replace(view, availability=availability.of_order(uow.stock, order.code))


def cancel_order(cmd: c.CancelOrder, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Cancel a draft or confirmed order."""
    order = uow.orders.get(cmd.code)
    order.cancel(ctx.now, cmd.reason)
    return _view(order, uow, _("{order} cancelled.", order=order.code))


def close_order(cmd: c.CloseOrder, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """Close a confirmed order by hand."""
    order = uow.orders.get(cmd.code)
    order.close(ctx.now)
    return _view(order, uow, _("{order} closed.", order=order.code))


def mark_ready(cmd: c.MarkShipmentReady, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """A shipment is packed and waits for the carrier."""
    order = uow.orders.get(cmd.code)
    shipment = order.mark_ready(cmd.shipment, ctx.now)
    return ShipmentView(
        order,
        uow.customers.find(order.customer_code),
        _("Shipment {shipment} of {order} is ready.", shipment=shipment.number, order=order.code),
        shipment,
    )


def ship_order(cmd: c.ShipOrder, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Ship a shipment (the first one still in the warehouse when none is named)."""
    order = uow.orders.get(cmd.code)
    shipment = order.ship(cmd.shipment, ctx.now, cmd.carrier, cmd.tracking)
    closed = order.auto_close(ctx.policy.auto_close, ctx.now)
    said = {"shipment": shipment.number, "order": order.code}
    note = (
        _("Shipment {shipment} of {order} shipped. The order is now closed.", **said)
        if closed
        else _("Shipment {shipment} of {order} shipped.", **said)
    )
    return ShipmentView(order, uow.customers.find(order.customer_code), note, shipment)


def deliver_order(cmd: c.DeliverOrder, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Record that a shipment arrived."""
    order = uow.orders.get(cmd.code)
    shipment = order.deliver(cmd.shipment, ctx.now)
    order.auto_close(ctx.policy.auto_close, ctx.now)
    return ShipmentView(
        order,
        uow.customers.find(order.customer_code),
        _("Shipment {shipment} of {order} delivered.", shipment=shipment.number, order=order.code),
        shipment,
    )


def split_shipment(cmd: c.SplitShipment, uow: UnitOfWork, ctx: ServiceContext) -> ShipmentView:
    """Move a quantity of a product to a new shipment."""
    order = uow.orders.get(cmd.code)
    shipment = order.split(cmd.product, cmd.quantity, ctx.now, cmd.planned_date)
    return ShipmentView(
        order,
        uow.customers.find(order.customer_code),
        _(
            "Moved {quantity} x {product} to shipment {shipment}.",
            quantity=cmd.quantity,
            product=cmd.product,
            shipment=shipment.number,
        ),
        shipment,
    )


def merge_orders(cmd: c.MergeOrders, uow: UnitOfWork, ctx: ServiceContext) -> MergeView:
    """Merge two orders; the older survives."""
    first, second = uow.orders.get(cmd.first), uow.orders.get(cmd.second)
    keep, gone = merge(first, second, ctx.now)
    return MergeView(
        keep,
        uow.customers.find(keep.customer_code),
        _("{gone} merged into {kept}; {gone} is cancelled.", gone=gone.code, kept=keep.code),
        gone,
    )


def invoice_order(cmd: c.InvoiceOrder, uow: UnitOfWork, ctx: ServiceContext) -> InvoiceView:
    """Invoice all or part of what is still to invoice."""
    order = uow.orders.get(cmd.code)
    wanted = list(cmd.lines) or None
    invoice = order.invoice(uow.numbers.next(ctx.style(DocumentKind.INVOICE)), ctx.now, wanted)
    fix_due_date(invoice, order.payment_terms, ctx.policy.payment_terms, ctx.policy.today(ctx.now))
    closed = order.auto_close(ctx.policy.auto_close, ctx.now)
    said = {"invoice": invoice.code, "order": order.code}
    note = (
        _("Invoice {invoice} made for {order}. The order is now closed.", **said)
        if closed
        else _("Invoice {invoice} made for {order}.", **said)
    )
    return InvoiceView(order, uow.customers.find(order.customer_code), note, invoice)


def create_work_orders(
    cmd: c.CreateWorkOrders, uow: UnitOfWork, ctx: ServiceContext
) -> WorkOrdersView:
    """Work orders per shipment, per product, or one for all."""
    try:
        scope = WorkOrderScope(cmd.scope)
    except ValueError:
        raise ValidationFailed.field(
            "scope",
            _("{scope}: use per-shipment, per-product or all", scope=repr(cmd.scope)),
            "workorder.scope_invalid",
        ) from None
    order = uow.orders.get(cmd.code)
    batch = make_work_orders(
        order, scope, lambda: uow.numbers.next(ctx.style(DocumentKind.WORK_ORDER)), ctx.now
    )
    made = ", ".join(w.code for w in batch.made)
    replaced = ", ".join(f"{w.code} ({w.scope})" for w in batch.replaced)
    note = (
        ngettext(
            "Made {made}; it replaces the open work orders {replaced}, now cancelled.",
            "Made {made}; they replace the open work orders {replaced}, now cancelled.",
            len(batch.made),
            made=made,
            replaced=replaced,
        )
        if batch.replaced
        else _("Made {made}.", made=made)
    )
    return WorkOrdersView(order, uow.customers.find(order.customer_code), note, batch.made)


def create_return(cmd: c.CreateReturn, uow: UnitOfWork, ctx: ServiceContext) -> ReturnView:
    """A return order for shipped goods."""
    order = uow.orders.get(cmd.code)
    ret = order.create_return(
        uow.numbers.next(ctx.style(DocumentKind.RETURN)),
        cmd.product,
        cmd.quantity,
        ctx.now,
        cmd.reason,
    )
    return ReturnView(
        order, uow.customers.find(order.customer_code), _("Return {code} made.", code=ret.code), ret
    )


def show_order(cmd: c.ShowOrder, uow: UnitOfWork, ctx: ServiceContext) -> OrderView:
    """One order with its customer, and what its lines can ship now."""
    view = _view(uow.orders.get(cmd.code), uow)
    return replace(view, availability=availability.of_order(uow.stock, cmd.code))
