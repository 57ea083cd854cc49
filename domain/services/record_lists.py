"""Lists of records across orders: invoices, credit notes, work orders, returns."""

from __future__ import annotations

from dataclasses import replace

from domain import commands as c
from domain.errors import ValidationFailed
from domain.orders.documents import Invoice
from domain.ports import UnitOfWork
from domain.records.invoices import is_overdue
from domain.records.ports import RecordSelection
from domain.records.statuses import InvoiceStatus, RecordKind, ReturnStatus, WorkOrderStatus
from domain.services.context import ServiceContext
from domain.services.views import Listing
from domain.texts import Text, _

OVERDUE = "overdue"

_KINDS: dict[type[c.ListRecords], tuple[RecordKind, tuple[str, ...], Text]] = {
    c.ListInvoices: (RecordKind.INVOICE, (*InvoiceStatus, OVERDUE), _("Invoices")),
    c.ListCreditNotes: (RecordKind.CREDIT_NOTE, (), _("Credit notes")),
    c.ListWorkOrders: (RecordKind.WORK_ORDER, tuple(WorkOrderStatus), _("Work orders")),
    c.ListReturns: (RecordKind.RETURN, tuple(ReturnStatus), _("Returns")),
}

STATUS_REFUSED = {
    RecordKind.INVOICE: _("{given} is not a status of invoices; they are: {known}"),
    RecordKind.WORK_ORDER: _("{given} is not a status of work orders; they are: {known}"),
    RecordKind.RETURN: _("{given} is not a status of returns; they are: {known}"),
}
"""A status a list does not know, by the kind listed."""

TITLES = {
    (False, False): _("{what}"),
    (True, False): _("{what} of {who}"),
    (False, True): _("{what} ({status})"),
    (True, True): _("{what} of {who} ({status})"),
}
"""A list's title, by (whose, which status)."""


def list_records(cmd: c.ListRecords, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """The newest records of a kind, of a customer or order, of a status."""
    kind, statuses, title = _KINDS[type(cmd)]
    status = (cmd.status or "").strip().lower() or None
    if status is not None and status not in statuses:
        problem = (
            _(STATUS_REFUSED[kind].msgid, given=repr(cmd.status), known=", ".join(statuses))
            if statuses
            else _("credit notes have no status; list them without status:")
        )
        raise ValidationFailed.field("status", problem, "records.status_invalid")
    overdue = status == OVERDUE
    selection = RecordSelection(
        kind,
        who=cmd.who,
        status=None if overdue else status,
        overdue_on=ctx.policy.today(ctx.now) if overdue else None,
    )
    today = ctx.policy.today(ctx.now)
    rows = tuple(
        replace(row, overdue=True)
        if isinstance(row.record, Invoice) and is_overdue(row.record, today)
        else row
        for row in uow.records.rows(selection)
    )
    said = {"what": title, "who": cmd.who, "status": status}
    heading = _(TITLES[bool(cmd.who), bool(status)].msgid, **said)
    return Listing(kind.value, rows, heading, query=cmd)
