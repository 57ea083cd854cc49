"""Services of returns once made: show, received, refund (which makes a credit note)."""

from __future__ import annotations

from domain import commands as c
from domain.numbering import DocumentKind
from domain.ports import UnitOfWork
from domain.records import returns
from domain.records.statuses import RecordKind
from domain.services.context import ServiceContext
from domain.services.invoices import order_holding, record_view
from domain.services.record_views import RecordView
from domain.texts import _


def show_return(cmd: c.ShowReturn, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """A return with its order."""
    order = order_holding(uow, RecordKind.RETURN, cmd.code)
    return record_view(order, uow, ctx, returns.return_of(order, cmd.code))


def receive_return(cmd: c.ReceiveReturn, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """The returned goods are back."""
    order = order_holding(uow, RecordKind.RETURN, cmd.code)
    ret = returns.receive(order, cmd.code, ctx.now)
    return record_view(order, uow, ctx, ret, _("{code} is received.", code=ret.code))


def refund_return(cmd: c.RefundReturn, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """Refund received goods with a credit note."""
    order = order_holding(uow, RecordKind.RETURN, cmd.code)
    code = uow.numbers.next(ctx.style(DocumentKind.CREDIT_NOTE))
    note = returns.refund(order, cmd.code, code, ctx.now)
    ret = returns.return_of(order, cmd.code)
    return record_view(
        order,
        uow,
        ctx,
        ret,
        _("{code} is refunded; credit note {credit} made.", code=ret.code, credit=note.code),
    )
