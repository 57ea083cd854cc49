"""Mails as customers write them in their own words, through dovecot into the database:
the way a person asks where their order is, in English, French and Danish, is answered
with that order's status."""

from __future__ import annotations

import pytest

import bootstrap
from domain import commands as c
from tests.integration.inbox_helpers import (
    AppFactory,
    answer_text,
    load_catalogue,
    mail,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount


@pytest.fixture
def shop(make_app: AppFactory, sqlite_url: str) -> bootstrap.App:
    """The shop with its catalogue and ACME, whose contact is the sender."""
    app = make_app(sqlite_url)
    load_catalogue(app)
    return app


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("Bonjour,\n\nOù en est ma commande SO-00001 ?\n\nMerci\nZoé\n", "SO-00001 est confirmée"),
        ("Hi,\n\nwhere is my order SO-00001?\n\nThanks\nBob\n", "SO-00001 is confirmed"),
        ("Hej,\n\nhvor bliver min ordre SO-00001 af?\n\nMvh\nMette\n", "SO-00001 er bekræftet"),
    ],
)
def test_a_customer_asking_in_their_words_gets_the_status(
    shop: bootstrap.App, imap_user: ImapAccount, body: str, said: str
) -> None:
    imap_user.append(mail("10 x WIDGET-A\n"))
    poll(shop, imap_user)
    shop.bus.handle(c.ConfirmOrder(code="SO-00001"))
    imap_user.append(mail(body, subject="?", message_id="<ask@acme.test>"))
    assert poll(shop, imap_user).outcomes == {"answered": 1}
    answer = outbox_rows(shop, "mail_reply")[1]
    assert (answer["payload"]["reply_kind"], answer["payload"]["status"]) == (
        "status",
        "confirmed",
    )
    assert said in answer_text(answer)
