"""The `/order new` modal: its view, and its submission read back into a CreateOrder.

The customer picker is an external select searched with FindCustomers, its options
marked with the customers' active alerts, which show in full once one is picked. Lines
are typed one per row as on the command line (`WIDGET-A 10 @12.50`), so the modal and
the slash command share one reading of lines. Errors point at the field that holds them:
those of the reading here, and a customer or product that does not exist
(bot.slack.modal_checks), so the modal stays open with what was typed.
A box allows a reference already on another order of the customer, as
`--allow-duplicate-ref` does on the command line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.language.grammar import Door
from bot.language.order_lines import read_lines
from bot.language.words import UsageError
from domain import commands as c
from domain.cases.case import Case
from l10n.translation import gettext

CALLBACK_ID = "order_new"
CUSTOMER_PICK = "customer_pick"
ALERTS = "alerts"  # the block of the picked customer's active alerts


def duplicate_ref_option() -> str:
    """The box that allows a reference already on another order of the customer."""
    return gettext("Allow a reference already on another order")


def hint_for(code: str) -> str | None:
    """What a refused submission adds, by the refusal's code."""
    if code == "order.reference_taken":
        return gettext('Tick "{option}" to create it all the same.', option=duplicate_ref_option())
    return None


class ModalErrors(Exception):
    """Field errors of a submission, by block id, as Slack shows them under each field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _text_input(
    block_id: str, label: str, placeholder: str, multiline: bool = False
) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": block_id != "lines",
        "label": {"type": "plain_text", "text": label},
        "element": {
            "type": "plain_text_input",
            "action_id": "value",
            "multiline": multiline,
            "placeholder": {"type": "plain_text", "text": placeholder},
        },
    }


def _lines_input() -> dict[str, Any]:
    # Typing dispatches an action (after a pause), answered with the products' stock.
    block = _text_input(
        "lines", gettext("Lines (one per row)"), "WIDGET-A 10 @12.50\nGADGET 3", multiline=True
    )
    block["dispatch_action"] = True
    block["element"]["dispatch_action_config"] = {"trigger_actions_on": ["on_character_entered"]}
    return block


def _date_input(block_id: str, label: str) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": {"type": "plain_text", "text": label},
        "element": {"type": "datepicker", "action_id": "value"},
    }


def alerts_block(alerts: Sequence[Case]) -> dict[str, Any]:
    """The picked customer's active alerts, under the picker."""
    rows = [
        "• "
        + gettext(
            "Case #{id} ({priority}): {title}", id=case.id, priority=case.priority, title=case.title
        )
        for case in alerts
    ]
    text = ":warning: " + gettext("*Active alerts*") + "\n" + "\n".join(rows)
    return {"type": "section", "block_id": ALERTS, "text": {"type": "mrkdwn", "text": text[:2900]}}


def order_modal(
    channel: str,
    customer: tuple[str, str] | None = None,
    alerts: Sequence[Case] = (),
    stock: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The modal view; `customer` (code, label) preselects the picker, and the customer's
    active `alerts` show under it, and the `stock` block (bot.slack.modal_stock) under the
    lines. Picking a customer or typing lines dispatches an action, answered by updating
    the view (the fields typed so far are kept, as every input keeps its block and action
    ids)."""
    picker: dict[str, Any] = {
        "type": "external_select",
        "action_id": CUSTOMER_PICK,
        "min_query_length": 1,
        "placeholder": {
            "type": "plain_text",
            "text": gettext("Code, name, VAT number, email or phone"),
        },
    }
    if customer is not None:
        picker["initial_option"] = _option(*customer)
    customer_block = {
        "type": "input",
        "block_id": "customer",
        "dispatch_action": True,
        "label": {"type": "plain_text", "text": gettext("Customer")},
        "element": picker,
    }
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": json.dumps({"channel": channel}),
        "title": {"type": "plain_text", "text": gettext("New sales order")},
        "submit": {"type": "plain_text", "text": gettext("Create")},
        "close": {"type": "plain_text", "text": gettext("Cancel")},
        "blocks": [
            customer_block,
            *([alerts_block(alerts)] if alerts else []),
            _lines_input(),
            *([stock] if stock else []),
            _text_input("ref", gettext("Customer reference (PO)"), "PO-77"),
            _box("dup_ref", gettext("Same reference again"), duplicate_ref_option()),
            _date_input("req", gettext("Requested date")),
            _date_input("due", gettext("Due date")),
            _text_input("ship_to", gettext("Delivery address code"), "HQ"),
            _text_input("bill_to", gettext("Billing address code"), "HQ"),
            _box("confirm", gettext("Status"), gettext("Confirm the order at once")),
        ],
    }


def _box(block_id: str, label: str, option: str) -> dict[str, Any]:
    """An optional block of one checkbox (value "yes" when ticked)."""
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": {"type": "plain_text", "text": label},
        "element": {
            "type": "checkboxes",
            "action_id": "value",
            "options": [_option("yes", option)],
        },
    }


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": label[:75]}, "value": value[:150]}


def customer_options(matches: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Picker options for (code, name) pairs (a name may carry an alert mark)."""
    return [_option(code, f"{code} · {name}") for code, name in matches[:100]]


def picked_option(body: dict[str, Any]) -> tuple[str, str] | None:
    """(code, label) of the customer a block action picked, or None when it cleared it."""
    action = (body.get("actions") or [{}])[0]
    option = action.get("selected_option") or {}
    code = str(option.get("value", "")).strip()
    label = str((option.get("text") or {}).get("text", "")) or code
    return (code, label) if code else None


def _value(values: dict[str, Any], block_id: str, action_id: str = "value") -> Any:
    return values.get(block_id, {}).get(action_id, {})


def _date(values: dict[str, Any], block_id: str) -> date | None:
    text = _value(values, block_id).get("selected_date")
    return date.fromisoformat(text) if text else None


def channel_of(view: dict[str, Any]) -> str:
    """The channel the modal was opened from (where the answer goes)."""
    try:
        return str(json.loads(view.get("private_metadata") or "{}").get("channel", ""))
    except ValueError:
        return ""


def read_submission(view: dict[str, Any], door: Door) -> c.CreateOrder:
    """The CreateOrder a submitted modal asks for; ModalErrors naming each wrong field."""
    values = view.get("state", {}).get("values", {})
    errors: dict[str, str] = {}
    picked = _value(values, "customer", CUSTOMER_PICK).get("selected_option") or {}
    customer = str(picked.get("value", "")).strip()
    if not customer:
        errors["customer"] = gettext("Pick a customer.")
    text = str(_value(values, "lines").get("value") or "")
    lines: tuple[c.LineInput, ...] = ()
    try:
        lines = read_lines(text.split())
    except UsageError as error:
        errors["lines"] = gettext(
            "{problem} (one PRODUCT QTY [@PRICE] per row)", problem=error.message
        )
    if not lines and "lines" not in errors:
        errors["lines"] = gettext("Type at least one line: PRODUCT QTY [@PRICE].")
    if errors:
        raise ModalErrors(errors)
    fields: dict[str, Any] = {}
    for block, name in (("ref", "reference"), ("ship_to", "ship_to"), ("bill_to", "bill_to")):
        value = str(_value(values, block).get("value") or "").strip()
        if value:
            fields[name] = value
    confirm = bool(_value(values, "confirm").get("selected_options"))
    return c.CreateOrder(
        customer=customer,
        lines=lines,
        requested_date=_date(values, "req"),
        due_date=_date(values, "due"),
        source=door.source,
        confirm=confirm,
        allow_duplicate_ref=bool(_value(values, "dup_ref").get("selected_options")),
        actor=door.actor,
        actor_name=door.actor_name,
        actor_door=door.source,
        manager=door.manager,
        **fields,
    )
