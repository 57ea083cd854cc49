"""Results as JSON-ready dicts, for `--json` on the command line and for scripts.

Values are never translated, but for the words of a history entry (an order's timeline,
a case's log), whose `text` is in the reader's language beside its `sentence` data."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from domain.actors import Actor
from domain.cases.case import Case
from domain.orders.documents import Invoice
from domain.orders.order import SalesOrder
from domain.records.invoices import is_overdue
from domain.services.jobs import JobLogView, JobRunView
from domain.services.record_views import RecordView
from domain.services.views import CaseView, CustomerView, Listing, OrderView
from domain.text_data import sentence_data
from domain.texts import Text
from l10n.translation import render as say


def plain(value: Any) -> Any:
    """Dataclasses, Decimals, dates and enums as JSON values (Decimals as strings)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Text):  # machine output is never translated
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name))
            for f in fields(value)
            if not f.name.startswith("_")
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def order_dict(order: SalesOrder) -> dict[str, Any]:
    """An order with its derived states and totals."""
    data: dict[str, Any] = plain(order)
    data.pop("version", None)
    data["shipping_state"] = order.shipping_state.value
    data["invoicing_state"] = order.invoicing_state.value
    data["totals"] = plain(order.totals)
    data["absorbed"] = order.absorbed_codes
    data["backorder_lines"] = plain(order.backorder_lines())
    for line, raw in zip(data["lines"], order.lines, strict=True):
        line["amount"] = plain(raw.amount)
        line["net"] = plain(raw.net)
    for entry, raw_entry in zip(data["timeline"], order.timeline, strict=True):
        for name in ("actor_door", "actor_id", "actor_name"):
            entry.pop(name)
        entry["actor"] = actor_dict(raw_entry.actor)
        entry.update(said_dict(raw_entry.said))
    return data


def said_dict(said: Text | str) -> dict[str, Any]:
    """A history entry's words: `text` in the reader's language (as stored for an entry
    written before sentences were kept) and `sentence`, its message id and values (None
    for such an entry), for a script that says it its own way."""
    sentence = sentence_data(said) if isinstance(said, Text) else None
    return {"text": say(said), "sentence": sentence}


def record_dict(view: RecordView) -> dict[str, Any]:
    """A record with its order's and customer's codes and its credit notes."""
    data: dict[str, Any] = plain(view.record)
    data["order_code"] = view.order.code
    data["customer_code"] = view.order.customer_code
    data["credit_notes"] = plain(view.credit_notes)
    if isinstance(view.record, Invoice):
        data["overdue"] = is_overdue(view.record, view.today)
    return data


def case_dict(case: Case) -> dict[str, Any]:
    """A case with its log, each line's words as `said_dict` gives them."""
    data: dict[str, Any] = plain(case)
    for entry, raw_entry in zip(data["notes"], case.notes, strict=True):
        entry.update(said_dict(raw_entry.said))
    return data


def actor_dict(actor: Actor) -> dict[str, str]:
    """Who did it: door, id and name (`unknown` door for entries made before actors)."""
    return {"door": str(actor.door), "id": actor.id, "name": actor.name}


def to_json(result: object) -> Any:
    """Any service result as JSON-ready data."""
    if isinstance(result, JobLogView):
        return [plain(run) for run in result.runs]
    if isinstance(result, JobRunView):
        return {**plain(result.run), "note": str(result.note)}
    if isinstance(result, OrderView):
        return {
            **order_dict(result.order),
            "related_orders": plain(result.related),
            "availability": [
                {**plain(a), "state": str(a.state), "missing": plain(a.missing)}
                for a in result.availability
            ],
        }
    if isinstance(result, RecordView):
        return record_dict(result)
    if isinstance(result, CustomerView):
        data: dict[str, Any] = plain(result.customer)
        data["alerts"] = [case_dict(case) for case in result.alerts]
        data["history"] = plain(result.history)
        data["backorders"] = [{"order": code, **plain(b)} for code, b in result.backorders]
        data["statistics"] = plain(result.statistics)
        for name in ("recent_orders", "invoiced_orders", "archived_orders", "related_orders"):
            data[name] = [o.code for o in getattr(result, name)]
        return data
    if isinstance(result, CaseView):
        return {"case": case_dict(result.case), "note": plain(result.note)}
    if isinstance(result, Listing):
        return [order_dict(i) if isinstance(i, SalesOrder) else plain(i) for i in result.items]
    return plain(result)
