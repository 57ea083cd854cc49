"""Services of customer service cases: open, show, note, change, list and close.

The priorities cases may have are data (`domain.services.case_priorities`); a case
takes its alert from the priority it is given.
"""

from __future__ import annotations

from domain import commands as c
from domain.cases.case import Case
from domain.cases.priorities import pick
from domain.errors import ValidationFailed
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.views import CaseView, Listing
from domain.texts import _


def open_case(cmd: c.OpenCase, uow: UnitOfWork, ctx: ServiceContext) -> CaseView:
    """Open a case for a customer."""
    customer = uow.customers.get(cmd.customer)
    priority = pick(uow.cases.priorities(), cmd.priority)
    case = Case.open(customer.code, priority, cmd.title, ctx.now, cmd.actor)
    uow.cases.add(case)
    uow.flush()
    case.announce()
    said = {"id": case.id, "customer": customer.code}
    note = (
        _("Case {id} opened for {customer}. It is an active alert.", **said)
        if case.alert
        else _("Case {id} opened for {customer}.", **said)
    )
    return CaseView(case, note)


def show_case(cmd: c.ShowCase, uow: UnitOfWork, ctx: ServiceContext) -> CaseView:
    """A case with its notes and changes."""
    return CaseView(uow.cases.get(cmd.case_id))


def add_case_note(cmd: c.AddCaseNote, uow: UnitOfWork, ctx: ServiceContext) -> CaseView:
    """A note on a case, by who wrote it."""
    case = uow.cases.get(cmd.case_id)
    case.add_note(cmd.text, cmd.actor, ctx.now)
    return CaseView(case, _("Note added to case {id}.", id=case.id))


def set_case(cmd: c.SetCase, uow: UnitOfWork, ctx: ServiceContext) -> CaseView:
    """Another title or priority for a case; the priority brings or takes its alert."""
    if cmd.priority is None and cmd.title is None:
        raise ValidationFailed.field(
            "case", _("say what to change: priority: or title:"), "case.set_empty"
        )
    case = uow.cases.get(cmd.case_id)
    changes = []
    if cmd.title is not None:
        changes.append(case.retitle(cmd.title, cmd.actor, ctx.now))
    if cmd.priority is not None:
        priority = pick(uow.cases.priorities(), cmd.priority)
        changes.append(case.set_priority(priority, cmd.actor, ctx.now))
    said = [change for change in changes if change is not None]
    if not said:
        return CaseView(case, _("Case {id}: nothing changed.", id=case.id))
    if len(said) == 2:
        return CaseView(
            case, _("Case {id}: {first}; {second}.", id=case.id, first=said[0], second=said[1])
        )
    return CaseView(case, _("Case {id}: {changes}.", id=case.id, changes=said[0]))


def list_cases(cmd: c.ListCases, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Cases, open alerts first."""
    if cmd.customer:
        uow.customers.get(cmd.customer)
    cases = sorted(
        uow.cases.list(cmd.customer),
        key=lambda cs: (not cs.active_alert, cs.status != "open", -(cs.id or 0)),
    )
    return Listing("cases", tuple(cases), _("Cases"))


def close_case(cmd: c.CloseCase, uow: UnitOfWork, ctx: ServiceContext) -> CaseView:
    """Close a case."""
    case = uow.cases.get(cmd.case_id)
    case.close(ctx.now, cmd.actor)
    return CaseView(case, _("Case {id} closed.", id=case.id))
