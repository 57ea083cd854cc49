"""The files of an order's mails in its thread, and a French team and customer.

The mail that made the order uploads its order file into the new thread, a later mail
about the order its photo; a mail read again uploads nothing again. With LANGUAGE=fr
the card and the posts are worded in French when they are sent; a French customer is
told in French that a person will answer, and a rep's first answer is titled in French.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from email.header import decode_header, make_header

import pytest

from bootstrap.outbox import outbox_relay
from domain import commands as c
from l10n.translation import current_language, set_default_language
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.inbox_helpers import answer_text, mail, outbox_rows
from tests.integration.threads.conftest import (
    CHANNEL,
    in_thread,
    posts,
    read_inbox,
    relay_all,
    rendered,
    thread_ts,
)
from tests.servers.dovecot import ImapAccount


async def test_an_order_mails_files_are_uploaded_into_its_thread_once(
    rig: SlackRig, imap_user: ImapAccount
) -> None:
    app, api = rig.app, rig.api
    relay = outbox_relay(app, log_passes=False)
    sheet = b"Product;Quantity\nWIDGET-A;4\n"
    order = mail("See attached.", attachments=[("po.csv", "text/csv", sheet)])
    imap_user.append(order)
    assert await read_inbox(app, imap_user) == {"ordered": 1}
    await relay_all(relay)
    parent_ts = thread_ts(app, "order:SO-00001")
    assert api.uploads == [sheet]  # the order file, in the order's thread
    [done] = api.of("files.completeUploadExternal")
    assert done["thread_ts"] == parent_ts

    photo = b"\x89PNG the damaged box\n"
    status = mail(
        "status SO-00001\n",
        subject="Where is it?",
        message_id="<m2@acme.test>",
        attachments=[("box.png", "image/png", photo)],
    )
    imap_user.append(status)
    assert await read_inbox(app, imap_user) == {"answered": 1}
    await relay_all(relay)
    assert api.uploads == [sheet, photo]
    assert [u["thread_ts"] for u in api.of("files.completeUploadExternal")] == [parent_ts] * 2

    for again in (order, status):  # read again: nothing uploaded again
        imap_user.append(again)
    assert await read_inbox(app, imap_user) == {"duplicate": 2}
    assert await relay_all(relay) == 0
    assert api.uploads == [sheet, photo]


@pytest.fixture
def french_team() -> Iterator[None]:
    """LANGUAGE=fr for the test."""
    before = current_language()
    set_default_language("fr")
    try:
        yield
    finally:
        set_default_language(before)


@pytest.mark.usefixtures("french_team")
async def test_a_french_team_and_a_french_customer(rig: SlackRig, imap_user: ImapAccount) -> None:
    app, api = rig.app, rig.api
    app.bus.handle(c.SetCustomer(code="ACME", language="fr"))
    relay = outbox_relay(app, log_passes=False)
    imap_user.append(mail("10 x WIDGET-A\n", message_id="<m1@acme.test>"))
    assert await read_inbox(app, imap_user) == {"ordered": 1}
    await relay_all(relay)
    [card] = [p for p in posts(api) if p.get("channel") == CHANNEL and not p.get("thread_ts")]
    head = str(card["text"])  # states in French words, the amount the French way
    assert head.startswith("SO-00001 pour Acme SA (ACME) : ")
    assert "non expédiée, 150,00\xa0€" in head
    assert "Lignes : 1" in str(card["blocks"])
    parent_ts = thread_ts(app, "order:SO-00001")
    assert in_thread(api, parent_ts) == ["orderbot a confirmé la commande au client par mail."]

    question = mail(
        "Pouvez-vous livrer vendredi ?\n",
        subject="Re: Commande [SO-00001]",
        message_id="<m2@acme.test>",
        headers={"In-Reply-To": "<m1@acme.test>"},
    )
    imap_user.append(question)
    assert await read_inbox(app, imap_user) == {"answered": 1}
    told = outbox_rows(app, "mail_reply")[-1]
    assert told["payload"]["reply_kind"] == "handed_over"
    assert "une personne vous répondra" in answer_text(told)
    await relay_all(relay)
    assert any(" a écrit : Re: Commande [SO-00001]" in t for t in in_thread(api, parent_ts))

    # a French rep answers by /order reply: the thread says so in French
    await rig.run("/order", "reply SO-00001 Oui, vendredi.")
    [reply] = outbox_rows(app, "customer_reply")
    assert "[SO-00001]" in rendered(reply)["Subject"]
    await relay_all(relay)
    assert any(t.startswith("Envoyé au client par") for t in in_thread(api, parent_ts))


async def test_a_first_answer_is_titled_in_the_customers_language(rig: SlackRig) -> None:
    app = rig.app
    app.bus.handle(c.SetCustomer(code="ACME", language="da"))
    app.bus.handle(
        c.CreateOrder(customer="ACME", lines=(c.LineInput(product="GADGET", quantity=Decimal(1)),))
    )
    await rig.run("/order", "reply SO-00001 Tak for ordren.")
    [reply] = outbox_rows(app, "customer_reply")
    subject = str(make_header(decode_header(rendered(reply)["Subject"])))
    assert subject == "Angående din ordre [SO-00001]"
