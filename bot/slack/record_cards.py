"""Block Kit cards of records: an invoice, credit note, work order or return with the
buttons of its next statuses, and a record's line in a list with the command that
shows it. The texts are the console's (`bot.views.records`), so every door reads alike.
"""

from __future__ import annotations

from bot.slack.blocks import Block, actions, context, section
from bot.views.records import record_line, record_text
from domain.orders.documents import Invoice, ReturnOrder, WorkOrder
from domain.records.credit_notes import CreditNote
from domain.records.ports import Record, RecordRow
from domain.records.statuses import InvoiceStatus, ReturnStatus, WorkOrderStatus
from domain.services.record_views import RecordView
from l10n.formats import Formats
from l10n.translation import pgettext
from l10n.translation import render as say

SHOW = {Invoice: "invoice show", CreditNote: "invoice show", WorkOrder: "workorder show",
        ReturnOrder: "return show"}  # fmt: skip
"""The command that shows a record of each class."""


def record_buttons(record: Record, order_code: str) -> list[tuple[str, str, str | None]]:
    """The next steps a record allows, an invoice's or credit note's PDF, then its order."""
    code = record.code
    found: list[tuple[str, str, str | None]] = []
    status = getattr(record, "status", None)
    if isinstance(record, Invoice) and status == InvoiceStatus.OPEN:
        found += [
            (pgettext("button", "Paid"), f"invoice paid {code}", "primary"),
            (pgettext("button", "Void"), f"invoice void {code}", "danger"),
        ]
    if isinstance(record, WorkOrder) and status == WorkOrderStatus.OPEN:
        found += [
            (pgettext("button", "Done"), f"workorder done {code}", "primary"),
            (pgettext("button", "Cancel"), f"workorder cancel {code}", "danger"),
        ]
    if isinstance(record, ReturnOrder) and status == ReturnStatus.REQUESTED:
        found.append((pgettext("button", "Received"), f"return received {code}", "primary"))
    if isinstance(record, ReturnOrder) and status == ReturnStatus.RECEIVED:
        found.append((pgettext("button", "Refund"), f"return refund {code}", "primary"))
    if isinstance(record, Invoice | CreditNote):
        found.append((pgettext("button", "PDF"), f"invoice pdf {code}", None))
    found.append((pgettext("button", "Order"), f"order show {order_code}", None))
    return found


def record_blocks(view: RecordView, f: Formats) -> list[Block]:
    """The record card: what was done, the record as text, its buttons."""
    blocks: list[Block] = [context(say(view.note))] if view.note else []
    body = record_text(RecordView(view.order, view.customer, view.record, view.today), f)
    head, _, rest = body.partition("\n")
    blocks.append(section(f"*{head}*\n" + "\n".join(ln.strip() for ln in rest.splitlines())))
    return blocks + actions(
        record_buttons(view.record, view.order.code), f"record:{view.record.code}"
    )


def record_item(row: RecordRow, f: Formats) -> tuple[str, str]:
    """A listed record as text, with the command that shows it in full."""
    return record_line(row, f), f"{SHOW[type(row.record)]} {row.record.code}"
