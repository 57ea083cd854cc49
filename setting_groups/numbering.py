"""Settings of the group "Orders" that say how documents are numbered (docs/settings.md).

Each kind of document (order, invoice, work order, return, credit note) has a prefix and
a width: the code is the prefix, then the kind's counter padded with zeros to the width
(`SO-` and 5: SO-00042). They shape only the codes made from then on; codes already given
never change. `domain.numbering` holds the rule and its bounds.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

_PREFIX = r"^[A-Za-z0-9._/-]{0,12}$"


def _prefix(default: str, kind: str) -> Any:
    description = (
        f"Prefix of new {kind} codes (at most 12 letters, digits, `-`, `_`, `/` or `.`; "
        "upper-cased); existing codes keep theirs."
    )
    return Field(
        default=default,
        pattern=_PREFIX,
        description=description,
        json_schema_extra={"group": "Orders"},
    )


def _width(kind: str) -> Any:
    description = (
        f"Digits the number of new {kind} codes is padded to with zeros (1 to 10; a larger "
        "number is written whole)."
    )
    return Field(
        default=5, ge=1, le=10, description=description, json_schema_extra={"group": "Orders"}
    )


class NumberingSettings(BaseModel):
    """The prefix and width of each kind of document's codes."""

    order_number_prefix: str = _prefix("SO-", "order")
    order_number_width: int = _width("order")
    invoice_number_prefix: str = _prefix("INV-", "invoice")
    invoice_number_width: int = _width("invoice")
    work_order_number_prefix: str = _prefix("WO-", "work order")
    work_order_number_width: int = _width("work order")
    return_number_prefix: str = _prefix("RMA-", "return")
    return_number_width: int = _width("return")
    credit_note_number_prefix: str = _prefix("CN-", "credit note")
    credit_note_number_width: int = _width("credit note")
