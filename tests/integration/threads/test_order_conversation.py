"""One order's conversation through dovecot and the Slack stand-in, both ways, once.

An order mail makes the order's thread (its card as the parent message); the customer's
question lands in that thread and is not answered with the order's status; a rep's
thread message is mailed only through the *Send to customer* shortcut, in the
customer's mail thread; the customer's answer to it lands in the same thread. Reading
the mailbox again and delivering every Slack request twice changes nothing.
"""

from __future__ import annotations

from typing import Any

from bootstrap.outbox import outbox_relay
from mail.outbound.render import message_id
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.inbox_helpers import OWN, mail, outbox_rows
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


def thread_message(text: str, parent: str) -> dict[str, Any]:
    """A rep's message in the thread, as Slack shows it in events and shortcuts."""
    return {
        "type": "message",
        "channel": CHANNEL,
        "channel_type": "channel",
        "user": "UREP",
        "text": text,
        "ts": "1700000500.000100",
        "thread_ts": parent,
        "client_msg_id": "cm-1",
    }


def shortcut(message: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "message_action",
        "callback_id": "send_to_customer",
        "trigger_id": "trigger.s1",
        "user": {"id": "UREP", "username": "Rita Rep"},
        "channel": {"id": CHANNEL},
        "message": message,
        "message_ts": message["ts"],
        "response_url": "http://127.0.0.1:1/response/s1",
    }


async def test_an_order_conversation_both_ways_once(rig: SlackRig, imap_user: ImapAccount) -> None:
    app, api = rig.app, rig.api
    relay = outbox_relay(app, log_passes=False)

    imap_user.append(mail("10 x WIDGET-A\n", message_id="<m1@acme.test>"))
    assert await read_inbox(app, imap_user) == {"ordered": 1}
    await relay_all(relay)
    parents = [p for p in posts(api) if p.get("channel") == CHANNEL and not p.get("thread_ts")]
    assert len(parents) == 1
    assert "SO-00001" in str(parents[0]["text"])
    assert parents[0]["blocks"]
    parent_ts = thread_ts(app, "order:SO-00001")
    assert in_thread(api, parent_ts) == ["orderbot confirmed the order to the customer by mail."]

    # the customer's follow-up question: into the thread, no automatic order answer
    question = mail(
        "Can you deliver Friday?\n",
        subject="Re: Order [SO-00001]",
        message_id="<m2@acme.test>",
        headers={"In-Reply-To": "<m1@acme.test>", "References": "<m1@acme.test>"},
    )
    imap_user.append(question)
    assert await read_inbox(app, imap_user) == {"answered": 1}
    kinds = [r["payload"]["reply_kind"] for r in outbox_rows(app, "mail_reply")]
    assert kinds == ["order", "handed_over"]  # no status answer, only "a person will answer"
    await relay_all(relay)
    assert any("Can you deliver Friday?" in t for t in in_thread(api, parent_ts))

    # a plain thread message, delivered twice, stays internal
    said = thread_message("Yes, Friday works.", parent_ts)
    for retry in (None, 1):
        status, _ = await rig.client.event(said, "Ev-1", retry=retry)
        assert status == 200
    await rig.drain()
    assert outbox_rows(app, "customer_reply") == []

    # the shortcut sends it, once however often it is delivered
    for _ in range(2):
        status, _ = await rig.client.interaction(shortcut(said))
        assert status == 200
        await rig.drain()
    replies = outbox_rows(app, "customer_reply")
    assert len(replies) == 1
    sent = rendered(replies[0])
    assert sent["In-Reply-To"] == "<m2@acme.test>"
    assert sent["References"] == "<m1@acme.test> <m2@acme.test>"
    assert "[SO-00001]" in sent["Subject"]
    assert OWN in sent["Reply-To"]
    text = next(p for p in sent.walk() if p.get_content_type() == "text/plain")
    assert "Yes, Friday works." in text.get_payload(decode=True).decode()
    assert "Rita Rep" in text.get_payload(decode=True).decode()
    assert any(p.get_content_type() == "text/html" for p in sent.walk())
    await relay_all(relay)
    assert any("Sent to the customer by Rita Rep" in t for t in in_thread(api, parent_ts))

    # the customer's answer to the rep's mail lands in the same thread, without a new ack
    ours = message_id(replies[0]["id"], "shop.test")
    answer = mail(
        "Perfect, thank you.\n",
        subject="Re: Order [SO-00001]",
        message_id="<m3@acme.test>",
        headers={"In-Reply-To": ours, "References": f"<m1@acme.test> <m2@acme.test> {ours}"},
    )
    imap_user.append(answer)
    assert await read_inbox(app, imap_user) == {"answered": 1}
    await relay_all(relay)
    assert any("Perfect, thank you." in t for t in in_thread(api, parent_ts))
    kinds = [r["payload"]["reply_kind"] for r in outbox_rows(app, "mail_reply")]
    assert kinds == ["order", "handed_over"]  # one "a person will answer" a day

    # everything again: the same mails read again, every Slack request delivered again
    calls, rows = len(api.calls), len(outbox_rows(app))
    for again in (question, answer):
        imap_user.append(again)
    assert await read_inbox(app, imap_user) == {"duplicate": 2}
    await rig.client.event(said, "Ev-1", retry=2)
    await rig.client.interaction(shortcut(said))
    await rig.drain()
    assert await relay_all(relay) == 0
    assert len(outbox_rows(app)) == rows
    assert [c.method for c in api.calls[calls:]] == []
