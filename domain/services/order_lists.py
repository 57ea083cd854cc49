"""Services of order lists: a page of orders with the query of the next one, and every
order of a list written to a sheet (what the words mean: `domain.orders.listing`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from domain import commands as c
from domain.errors import DomainError, NotFound, ValidationFailed
from domain.orders.factory import reference_key
from domain.orders.listing import SHEET_HEADER, Cell, OrderSelection, OrderSheets, sheet_row
from domain.orders.order import OrderStatus
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import Listing, OrdersExported
from domain.texts import _

EXPORT_BATCH = 500
"""Orders read at a time while exporting (every one is read, a batch at a time)."""
MOST_ON_A_PAGE = 200
SHEET_KINDS = ("xlsx", "csv")


def list_orders(cmd: c.ListOrders, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """A page of the list, newest first, and the query of the next page if it goes on."""
    if not 1 <= cmd.limit <= MOST_ON_A_PAGE:
        raise ValidationFailed.field(
            "limit",
            _("{limit}: a page holds 1 to {most} orders", limit=cmd.limit, most=MOST_ON_A_PAGE),
            "order.page_size",
        )
    selection = select_orders(cmd, uow, ctx)
    found = list(uow.orders.page(selection, cmd.after, cmd.limit + 1))
    shown = found[: cmd.limit]
    more = cmd.model_copy(update={"after": shown[-1].code}) if len(found) > cmd.limit else None
    title = _("Orders after {code}", code=cmd.after) if cmd.after else _("Orders")
    return Listing("orders", tuple(shown), title, more=more, query=cmd)


def export_orders(cmd: c.ExportOrders, uow: UnitOfWork, ctx: ServiceContext) -> OrdersExported:
    """Every order of the list (not a page) written to `cmd.path`, newest first."""
    if cmd.kind not in SHEET_KINDS:
        raise ValidationFailed.field(
            "kind",
            _("{kind}: orders are exported as xlsx or csv", kind=repr(cmd.kind)),
            "order.export_kind",
        )
    if not cmd.path:
        raise ValidationFailed.field("path", _("say where to write the file"), "order.export_path")
    sheets = _sheets(ctx)
    selection = select_orders(cmd, uow, ctx)
    count = sheets.write(cmd.path, cmd.kind, _rows(selection, uow))
    return OrdersExported(cmd.path, cmd.kind, count)


def _rows(selection: OrderSelection, uow: UnitOfWork) -> Iterator[tuple[Cell, ...]]:
    yield SHEET_HEADER
    after: str | None = None
    while True:
        batch = uow.orders.page(selection, after, EXPORT_BATCH)
        for order in batch:
            yield sheet_row(order)
        if len(batch) < EXPORT_BATCH:
            return
        after = batch[-1].code


def _sheets(ctx: ServiceContext) -> OrderSheets:
    sheets = ctx.adapters.order_sheets
    if sheets is None:
        raise DomainError("order.export_unavailable", _("Exporting orders is not set up here."))
    return sheets


def select_orders(cmd: c.OrderListing, uow: UnitOfWork, ctx: ServiceContext) -> OrderSelection:
    """The selection a list command asks for, its words checked and its days made
    instants in the business's zone."""
    status: OrderStatus | None = None
    if cmd.status is not None:
        if cmd.status.lower() not in {s.value for s in OrderStatus}:
            names = ", ".join(s.value for s in OrderStatus)
            raise ValidationFailed.field(
                "status",
                _("{status}: use {names}", status=repr(cmd.status), names=names),
                "order.status_invalid",
            )
        status = OrderStatus(cmd.status.lower())
    if cmd.since and cmd.until and cmd.since > cmd.until:
        raise ValidationFailed.field(
            "until",
            _(
                "{until} is before since: {since}",
                until=cmd.until.isoformat(),
                since=cmd.since.isoformat(),
            ),
            "order.dates_reversed",
        )
    if cmd.customer is not None and uow.customers.find(cmd.customer) is None:
        raise NotFound("customer", cmd.customer)
    zone = ctx.policy.zone
    return OrderSelection(
        customer=cmd.customer,
        status=status,
        to_ship=cmd.to_ship,
        to_invoice=cmd.to_invoice,
        overdue_on=ctx.now.astimezone(zone).date() if cmd.overdue else None,
        reference=reference_key(cmd.reference) if cmd.reference else None,
        created_from=_start_of(cmd.since, ctx) if cmd.since else None,
        created_before=_start_of(cmd.until + timedelta(days=1), ctx) if cmd.until else None,
    )


def _start_of(day: date, ctx: ServiceContext) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ctx.policy.zone)
