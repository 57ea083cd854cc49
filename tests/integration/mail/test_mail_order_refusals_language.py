"""An order mail with a line that cannot be is answered in the customer's language, through
the real intake (dovecot, SQLite): a French customer reads why a line of nothing was not
taken, a Danish one the same in Danish, and the rest of the mail is ordered."""

from __future__ import annotations

import pytest

import bootstrap
from domain import commands as c
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
def shop(make_app: AppFactory, sqlite_url: str) -> bootstrap.App:
    app = make_app(sqlite_url)
    load_catalogue(app)
    return app


@pytest.mark.parametrize(
    ("language", "greeting", "said"),
    [
        (
            "fr",
            "Bonjour",
            '[non prise] ligne 3 : "0 x GADGET" - GADGET : la quantité doit être supérieure à 0',
        ),
        (
            "da",
            "Hej",
            '[ikke taget] linje 3: "0 x GADGET" - GADGET: antallet skal være større end 0',
        ),
    ],
)
def test_a_line_that_cannot_be_is_told_in_the_customers_language(
    shop: bootstrap.App, imap_user: ImapAccount, language: str, greeting: str, said: str
) -> None:
    shop.bus.handle(c.SetCustomer(code="ACME", language=language))
    imap_user.append(mail(f"{greeting},\n\n0 x GADGET\n2 x WIDGET-A\n"))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [order] = order_rows(shop)
    assert order["code"] == "SO-00001"
    [reply] = outbox_rows(shop, "mail_reply")
    text = answer_text(reply)
    assert text.startswith(f"{greeting} Acme SA,")
    assert said in text
    assert "must be more than" not in text
