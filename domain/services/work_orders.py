"""Services of work orders once made: show, done, cancel."""

from __future__ import annotations

from domain import commands as c
from domain.ports import UnitOfWork
from domain.records import workorders
from domain.records.statuses import RecordKind
from domain.services.context import ServiceContext
from domain.services.invoices import order_holding, record_view
from domain.services.record_views import RecordView


def show_work_order(cmd: c.ShowWorkOrder, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """A work order with its order."""
    order = order_holding(uow, RecordKind.WORK_ORDER, cmd.code)
    return record_view(order, uow, ctx, workorders.work_order_of(order, cmd.code))


def finish_work_order(cmd: c.FinishWorkOrder, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """An open work order is prepared."""
    order = order_holding(uow, RecordKind.WORK_ORDER, cmd.code)
    done = workorders.finish(order, cmd.code, ctx.now)
    return record_view(order, uow, ctx, done, f"{done.code} is done.")


def cancel_work_order(cmd: c.CancelWorkOrder, uow: UnitOfWork, ctx: ServiceContext) -> RecordView:
    """An open work order will not be prepared; its goods may be asked for again."""
    order = order_holding(uow, RecordKind.WORK_ORDER, cmd.code)
    gone = workorders.cancel(order, cmd.code, ctx.now)
    return record_view(order, uow, ctx, gone, f"{gone.code} is cancelled.")
