"""Services of customer service cases."""

from __future__ import annotations

from domain import commands as c
from domain.cases.case import Case, parse_priority
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import CaseView, Listing


def open_case(cmd: c.OpenCase, uow: UnitOfWork, ctx: ServiceContext) -> CaseView:
    """Open a case for a customer."""
    customer = uow.customers.get(cmd.customer)
    case = Case.open(
        customer.code, parse_priority(cmd.priority), cmd.title, ctx.now, ctx.policy.alert_priorities
    )
    uow.cases.add(case)
    uow.flush()
    case.announce()
    alert = " It is an active alert." if case.alert else ""
    return CaseView(case, f"Case {case.id} opened for {customer.code}.{alert}")


def list_cases(cmd: c.ListCases, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Cases, open alerts first."""
    if cmd.customer:
        uow.customers.get(cmd.customer)
    cases = sorted(
        uow.cases.list(cmd.customer),
        key=lambda cs: (not cs.active_alert, cs.status != "open", -(cs.id or 0)),
    )
    return Listing("cases", tuple(cases), "Cases")


def close_case(cmd: c.CloseCase, uow: UnitOfWork, ctx: ServiceContext) -> CaseView:
    """Close a case."""
    case = uow.cases.get(cmd.case_id)
    case.close(ctx.now)
    return CaseView(case, f"Case {case.id} closed.")
