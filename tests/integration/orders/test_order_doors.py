"""One order, made at every door, is stored the same: the order factory is the only way in.

The same order for ACME (2 x WIDGET-A, 1 x GADGET) is made at the console (the ORM
writes it), by mail (the intake's bulk writer), by the subscription job (the same bulk
writer) and by an order import, on SQLite and PostgreSQL; a draft everywhere, and
confirmed at the doors that can confirm at once. Rows of every table a new order
writes are compared after leaving out what must differ: ids, codes, timestamps, the
door (source, and the timeline's words naming it) and each door's own header facts
(its reference, remarks, requested date, the subscription's link).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bootstrap
from bot.console import os_user
from domain.orders.order import Source
from domain.text_data import sentence_data
from tests.integration.inbox_helpers import BUYER
from tests.integration.orders.conftest import ShopFactory
from tests.integration.orders.doors import codes, console, email, spreadsheet, stored, subscription
from tests.servers.dovecot import ImapAccount

DOOR_FIELDS = frozenset(
    {
        "code", "created_at", "at", "source", "reference", "remarks", "requested_date",
        "parent_code", "relation", "subscription_id", "subscription_iteration",
        "actor_door", "actor_id", "actor_name",
    }
)  # fmt: skip

ACTORS = {
    Source.CONSOLE: ("console", os_user()),
    Source.EMAIL: ("email", BUYER),
    Source.SUBSCRIPTION: ("job", "subscriptions"),
    Source.IMPORT: ("unknown", ""),  # checked and confirmed by a command naming no one
}
"""Who each door's timeline names (door, id)."""


def _alike(rows: dict[str, list[dict[str, Any]]], source: str) -> dict[str, Any]:
    """The rows without what must differ from door to door."""
    alike: dict[str, Any] = {}
    for table, found in rows.items():
        alike[table] = [{k: v for k, v in row.items() if k not in DOOR_FIELDS} for row in found]
    for entry in alike["timeline"]:
        entry["text"] = entry["text"].replace(f"({source})", "(door)")
        said = sentence_data(entry["sentence"])  # the door is a value of the sentence
        if isinstance(said, dict) and said["params"].get("source") == {
            "msgid": source,
            "params": {},
        }:
            said["params"]["source"] = "door"
        entry["sentence"] = said
    return alike


def _made_at_each_door(
    shop: bootstrap.App, imap_user: ImapAccount, tmp_path: Path, confirm: bool
) -> dict[Source, str]:
    made: dict[Source, str] = {}
    assert console(shop, "confirm" if confirm else "").startswith("Created SO-00001.")
    made[Source.CONSOLE] = "SO-00001"
    answer = email(shop, imap_user, po="PO-1", confirm=confirm)
    made[Source.EMAIL] = answer["order_code"]
    subscription(shop)
    made[Source.SUBSCRIPTION] = codes(shop)[-1]
    if not confirm:  # an import makes drafts only
        assert not spreadsheet(shop, tmp_path, "PO-2").rows
        made[Source.IMPORT] = codes(shop)[-1]
    assert len(set(made.values())) == len(made) == len(codes(shop))
    return made


@pytest.mark.parametrize("confirm", [False, True], ids=["draft", "confirmed"])
def test_an_order_is_stored_alike_whatever_its_door(
    make_shop: ShopFactory,
    database_url: str,
    imap_user: ImapAccount,
    tmp_path: Path,
    confirm: bool,
) -> None:
    shop = make_shop(database_url, subscription_orders_confirmed=confirm)
    made = _made_at_each_door(shop, imap_user, tmp_path, confirm)
    rows = {door: stored(shop, code) for door, code in made.items()}
    console_rows = _alike(rows[Source.CONSOLE], "console")
    for door, found in rows.items():
        assert _alike(found, str(door)) == console_rows, door
    # what the tables hold, so that alike cannot mean empty
    order = rows[Source.SUBSCRIPTION]
    assert [ln["product_code"] for ln in order["order_lines"]] == ["WIDGET-A", "GADGET"]
    assert [(s["line_no"], s["quantity"]) for s in order["shipment_lines"]] == [(1, 2), (2, 1)]
    assert order["orders"][0]["delivery_address_code"] == "HQ"
    expected = ["created", "order_confirmed"] if confirm else ["created"]
    for door, found in rows.items():
        assert [e["kind"] for e in found["timeline"]] == expected, door
        assert found["timeline"][0]["text"] == f"Order created ({door}) with 2 line(s).", door
        # every door, the bulk writer too, keeps the sentence to say in the reader's language
        first = found["timeline"][0]["sentence"]
        assert (first.msgid, str(first.params["source"]), first.n) == (
            "Order created ({source}) with {n} line(s).",
            str(door),
            2,
        ), door
        assert [n["status"] for n in found["notifications"]] == (
            ["confirmed"] if confirm else []
        ), door
        assert found["orders"][0]["source"] == door
        actors = {(e["actor_door"], e["actor_id"]) for e in found["timeline"]}
        assert actors == {ACTORS[door]}, door
