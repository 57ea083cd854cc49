"""An order mail with a line that cannot be, or an order the order factory refuses, is
answered in the customer's language through the real intake (dovecot, SQLite): a French
customer reads why a line of nothing was not taken, a Danish one the same in Danish, and
the rest of the mail is ordered; an order refused whole is answered and nothing is
written (the mail is not retried as if it had failed)."""

from __future__ import annotations

import pytest

import bootstrap
from domain import commands as c
from tests.integration.inbox_helpers import (
    answer_text,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount


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


@pytest.mark.parametrize(
    ("language", "greeting", "said"),
    [
        ("en", "Hello", "is more than an order line may amount to (at most 12 digits"),
        ("fr", "Bonjour", "dépasse le montant permis pour une ligne de commande (au plus 12"),
        ("da", "Hej", "er mere end en ordrelinje må beløbe sig til (højst 12 cifre"),
    ],
)
def test_an_order_the_factory_refuses_is_answered_and_nothing_is_written(
    shop: bootstrap.App, imap_user: ImapAccount, language: str, greeting: str, said: str
) -> None:
    # The mail reads well; the order factory refuses a line amount over its bound.
    shop.bus.handle(c.SetCustomer(code="ACME", language=language))
    lines = "".join("99999999999 x WIDGET-A\n" for _ in range(2))
    imap_user.append(mail(f"{greeting},\n\n{lines}"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert order_rows(shop) == []
    [reply] = outbox_rows(shop, "mail_reply")
    text = answer_text(reply)
    assert text.startswith(f"{greeting} Acme SA,")
    assert said in text


def test_a_file_whose_order_the_factory_refuses_makes_no_order_at_all(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    # Every row reads well and PO-1 alone could be made; PO-2's lines add up past the
    # largest amount an order may hold, so the file is refused whole and said why.
    rows = "PO-1;GADGET;1\nPO-2;WIDGET-A;79999999999\nPO-2;GADGET;99999999999\n"
    csv = ("Order reference;Product;Quantity\n" + rows).encode()
    imap_user.append(mail("See attached.", attachments=[("po.csv", "text/csv", csv)]))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    assert order_rows(shop) == []
    [reply] = outbox_rows(shop, "mail_reply")
    [problem] = reply["payload"]["problems"]
    assert (problem["severity"], problem["text"]) == ("red", "po.csv")
    assert "more than an order may amount to" in problem["reason"]
