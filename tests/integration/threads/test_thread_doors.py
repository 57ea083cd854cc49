"""The other doors of the order threads: the card's *Reply to customer* form, `/order
reply`, and a customer's mail that belongs to no order (the customer's own thread)."""

from __future__ import annotations

from typing import Any

from bootstrap.outbox import outbox_relay
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons
from tests.integration.inbox_helpers import mail, outbox_rows
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


def submission(code: str, text: str, view_id: str = "V1") -> dict[str, Any]:
    return {
        "type": "view_submission",
        "user": {"id": "UREP", "username": "Rita Rep"},
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": "thread_reply",
            "private_metadata": code,
            "state": {"values": {"reply_text": {"reply_text": {"value": text}}}},
        },
    }


async def test_the_card_button_and_the_slash_command_mail_the_customer(
    rig: SlackRig, imap_user: ImapAccount
) -> None:
    app, api = rig.app, rig.api
    imap_user.append(mail("10 x WIDGET-A\n", message_id="<m1@acme.test>"))
    assert await read_inbox(app, imap_user) == {"ordered": 1}
    await relay_all(outbox_relay(app, log_passes=False))
    [card] = [p for p in posts(api) if p.get("blocks")]
    button = buttons(card)["Reply to customer"]
    status, _ = await rig.client.click(button)
    assert status == 200
    await rig.drain()
    [opened] = api.of("views.open")
    assert "thread_reply" in str(opened["view"])

    for _ in range(2):  # a double submission mails once
        status, _ = await rig.client.interaction(submission("SO-00001", "Friday it is."))
        assert status == 200
        await rig.drain()
    answer = await rig.run("/order", "reply SO-00001 We'll call you tomorrow.")
    assert "buyer@acme.test" in str(answer)
    replies = outbox_rows(app, "customer_reply")
    assert len(replies) == 2
    first, second = (rendered(r) for r in replies)
    assert first["In-Reply-To"] is None  # the customer has not written in the thread yet
    assert "[SO-00001]" in second["Subject"]
    text = next(p for p in second.walk() if p.get_content_type() == "text/plain")
    assert "We'll call you tomorrow." in text.get_payload(decode=True).decode()


async def test_a_mail_about_no_order_goes_to_the_customers_thread(
    rig: SlackRig, imap_user: ImapAccount
) -> None:
    app, api = rig.app, rig.api
    photo = b"%PDF-1.4 the widget we would like\n"
    imap_user.append(
        mail(
            "Do you sell blue widgets too?\n",
            subject="Question",
            attachments=[("widget.pdf", "application/pdf", photo)],
        )
    )
    assert await read_inbox(app, imap_user) == {"answered": 1}
    kinds = [r["payload"]["reply_kind"] for r in outbox_rows(app, "mail_reply")]
    assert kinds == ["handed_over"]  # not "we found no order in your mail"
    await relay_all(outbox_relay(app, log_passes=False))
    ts = thread_ts(app, "customer:ACME")
    [parent] = [p for p in posts(api) if p.get("channel") == CHANNEL and not p.get("thread_ts")]
    assert "Acme SA" in str(parent["text"])
    assert any("Do you sell blue widgets too?" in t for t in in_thread(api, ts))
    assert api.uploads == [photo]  # the mail's file, uploaded into the customer's thread
    [done] = api.of("files.completeUploadExternal")
    assert done["thread_ts"] == ts
