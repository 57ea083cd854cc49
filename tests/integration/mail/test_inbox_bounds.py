"""Mail lines out of bounds are line problems of their answer, never written, on every
database: the rest of the mail is ordered."""

from __future__ import annotations

import pytest

import bootstrap
from tests.integration.inbox_helpers import (
    AppFactory,
    answer_text,
    load_catalogue,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount


@pytest.fixture
def any_shop(make_app: AppFactory, database_url: str) -> bootstrap.App:
    app = make_app(database_url)
    load_catalogue(app)
    return app


def test_a_huge_quantity_or_a_long_po_is_a_line_problem_and_the_rest_is_ordered(
    any_shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    body = "PO: " + "P" * 200 + "\n99999999999999999999999999999 x GADGET\n1e999999 x BOLT-10\n"
    imap_user.append(mail(body + "2 x WIDGET-A\n"))
    poll(any_shop, imap_user)
    (order,) = order_rows(any_shop)
    assert order["reference"] == ""
    (reply,) = outbox_rows(any_shop, "mail_reply")
    text = answer_text(reply)
    assert "PO is 200 characters long; at most 120" in text
    assert "quantity 99999999999999999999999999999 is out of bounds" in text
    assert "quantity '1e999999' is not a number" in text
