"""The forgiving grammar at the email door: a numeric product code of the catalogue is
ordered, a mistyped one gets the "did you mean" every door gives, and status requests
know the order codes' prefix of the settings."""

from __future__ import annotations

from decimal import Decimal

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
from tests.integration.mail.test_inbox import lines_of
from tests.servers.dovecot import ImapAccount


def test_numeric_codes_and_did_you_mean_by_email(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    shop = make_app(sqlite_url)
    load_catalogue(shop)
    shop.bus.handle(c.CreateProduct(code="1234", name="Bolt", price=Decimal("0.35")))
    imap_user.append(mail("Hello,\n\n10 x WIDGT-A\n1234 x 2\nPO: 88\n"))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    assert lines_of(shop, "SO-00001") == [("1234", Decimal(2)), ("WIDGET-A", Decimal(10))]
    (reply,) = outbox_rows(shop, "mail_reply")
    assert (
        "line 3: \"10 x WIDGT-A\" - unknown product 'WIDGT-A'; did you mean WIDGET-A? "
        "Taken as WIDGET-A (Widget A)" in answer_text(reply)
    )


def test_status_requests_with_the_prefix_of_the_settings(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    shop = make_app(sqlite_url, order_number_prefix="ORD/", order_number_width=3)
    load_catalogue(shop)
    imap_user.append(mail("3 x GADGET"))
    poll(shop, imap_user)
    assert [row["code"] for row in order_rows(shop)] == ["ORD/001"]
    imap_user.append(mail("status ord/001 please", message_id="<s1@acme.test>"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    status = outbox_rows(shop, "mail_reply")[1]
    assert status["payload"]["reply_kind"] == "status"
    assert "Order ORD/001 is being prepared" in answer_text(status)
