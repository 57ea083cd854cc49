"""A customer's PO already on an order: one refusal, in the same words, at every door.

The console, the mail intake (a real mailbox read by the listener) and the order
import each meet a PO that ACME's SO-00001 holds, written in another case and with
spaces around it; each refuses it naming SO-00001, in the order factory's words.
`--allow-duplicate-ref` lets it through where a person asks for it (the Slack door is
in tests/integration/bot/slack/test_slack_duplicate_reference.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bootstrap
from domain import commands as c
from domain.imports.sessions import Verdict
from domain.orders.factory import reference_taken
from tests.integration.inbox_helpers import answer_text, inbound_rows, outbox_rows
from tests.integration.orders.conftest import ShopFactory
from tests.integration.orders.doors import codes, console, email, spreadsheet, typed
from tests.servers.dovecot import ImapAccount

TYPED = "po-77"  # what the second order says: SO-00001 holds "PO-77"
RULE = reference_taken(TYPED, "SO-00001", "ACME")


@pytest.fixture
def shop(make_shop: ShopFactory, database_url: str) -> bootstrap.App:
    """The shop on SQLite and on PostgreSQL, with SO-00001 holding ACME's PO-77."""
    app = make_shop(database_url)
    assert console(app, "ref:PO-77").startswith("Created SO-00001.")
    return app


def test_the_console_refuses_it_and_says_how_to_allow_it(shop: bootstrap.App) -> None:
    refused = console(shop, f"ref:' {TYPED} '")
    assert refused.splitlines()[:2] == [
        f"Refused: reference: {RULE}.",
        "To give this customer a second order with the same reference, add --allow-duplicate-ref.",
    ]
    assert codes(shop) == ["SO-00001"]
    allowed = console(shop, f"ref:{TYPED} --allow-duplicate-ref")
    assert allowed.startswith("Created SO-00002.")
    assert shop.bus.handle(c.ShowOrder(code="SO-00002")).order.reference == TYPED


def test_the_console_refuses_it_on_order_set_too(shop: bootstrap.App) -> None:
    assert console(shop, "ref:PO-78").startswith("Created SO-00002.")
    assert typed(shop, f"order set SO-00002 ref:{TYPED}").startswith(f"Refused: reference: {RULE}.")
    allowed = typed(shop, f"order set SO-00002 ref:{TYPED} --allow-duplicate-ref")
    assert allowed.startswith("Changed reference.")
    # the order's own reference written otherwise is no duplicate
    assert typed(shop, "order set SO-00001 ref:po-77").startswith("Changed reference.")


def test_an_order_mail_is_answered_with_the_earlier_order(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    payload = email(shop, imap_user, po=f"{TYPED.upper()} ")
    assert (payload["reply_kind"], payload["order_code"]) == ("duplicate_po", "SO-00001")
    assert payload["subject"] == "Re: Order [SO-00001]"
    text = answer_text(outbox_rows(shop, "mail_reply")[-1])
    rule = reference_taken(TYPED.upper(), "SO-00001", "ACME")
    assert f"We did not create this order a second time: {rule}." in text
    assert [r["order_code"] for r in inbound_rows(shop)] == ["SO-00001"]
    assert codes(shop) == ["SO-00001"]


def test_an_order_import_row_is_red(shop: bootstrap.App, tmp_path: Path) -> None:
    report = spreadsheet(shop, tmp_path, f" {TYPED} ")
    taken = f"Order reference: {RULE}"
    assert [(r.row, r.status, tuple(map(str, r.messages))) for r in report.rows] == [
        (2, Verdict.RED, (taken,)),
        (3, Verdict.RED, (taken,)),
    ]
    assert codes(shop) == ["SO-00001"]


def test_the_console_refuses_a_po_that_came_by_email(
    make_shop: ShopFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    shop = make_shop(sqlite_url)
    assert email(shop, imap_user, po="PO-9")["reply_kind"] == "order"
    refused = console(shop, "ref:po-9")
    assert refused.startswith(f"Refused: reference: {reference_taken('po-9', 'SO-00001', 'ACME')}")


def test_a_cancelled_order_holds_no_reference(shop: bootstrap.App, tmp_path: Path) -> None:
    shop.bus.handle(c.CancelOrder(code="SO-00001"))
    assert console(shop, f"ref:{TYPED}").startswith("Created SO-00002.")
    shop.bus.handle(c.CancelOrder(code="SO-00002"))
    assert not spreadsheet(shop, tmp_path, TYPED).rows
    assert codes(shop) == ["SO-00001", "SO-00002", "SO-00003"]
