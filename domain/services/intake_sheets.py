"""Spreadsheet orders attached to a mail: each file checked and written by the import engine.

Owns turning a customer's .xlsx/.csv attachment into orders inside the intake's unit of
work, so the orders commit with the mail's Message-ID record: the file is checked as a
single-order file of the sender's customer (`CheckImport`, kind orders) and confirmed at
once (`ConfirmImport`); its red and yellow rows become the answer's problem lines.
"""

from __future__ import annotations

from domain import commands as c
from domain.customers import Customer
from domain.errors import DomainError
from domain.imports import Verdict
from domain.inbox import MailAttachment
from domain.intake_reply import Problem, Severity
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.imports import check_import, confirm_import


def sheet_orders(
    attachments: tuple[MailAttachment, ...],
    customer: Customer,
    uow: UnitOfWork,
    ctx: ServiceContext,
) -> tuple[list[str], list[Problem]]:
    """The order codes made from the attached files, and the rows that need telling."""
    codes: list[str] = []
    problems: list[Problem] = []
    for sheet in attachments:
        if not sheet.path:
            problems.append(Problem("red", sheet.filename, "the file could not be read"))
            continue
        try:
            check = c.CheckImport(
                kind="orders", path=sheet.path, filename=sheet.filename, customer=customer.code
            )
            report = check_import(check, uow, ctx)
            uow.flush()  # the session row must exist before confirming it
            result = confirm_import(c.ConfirmImport(session_id=report.session_id), uow, ctx)
        except DomainError as error:
            problems.append(Problem("red", sheet.filename, error.message))
            continue
        for row in report.rows:
            if row.status in (Verdict.RED, Verdict.YELLOW):
                severity: Severity = "red" if row.status is Verdict.RED else "yellow"
                text = f"{sheet.filename}, row {row.row}"
                problems.append(Problem(severity, text, row.message))
        if not result.orders and not report.rows:
            problems.append(Problem("red", sheet.filename, "no order line found in the file"))
        codes += result.orders
    return codes, problems
