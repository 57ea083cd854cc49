"""Handled mails from before the key held the sender and a content hash still count.

The database is built at the revision before, a mail is recorded the old way (its
Message-ID as the key), then upgraded: a re-read of that mail is still a duplicate,
while another sender's mail with the same Message-ID is held, not dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import column, insert, select, table

import bootstrap
from domain import commands as c
from domain.inbox.mail import IntakeRules, MailIn, Outcome
from settings import Settings
from store.engine import make_engine
from store.migrate import is_current, upgrade
from store.tables.inbox import inbound_messages

BUYER = "buyer@acme.test"


def test_a_mail_recorded_before_the_new_key_is_still_a_duplicate(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0006")
    values = {
        "message_key": "<m1@acme.test>",  # the key as it was: the Message-ID alone
        "received_at": datetime.now(UTC),
        "sender": BUYER,
        "subject": "Order",
        "outcome": "ordered",
        "reason": "order",
        "answered": True,
        "folder": "INBOX",
        "uid": 1,
    }
    old = table("inbound_messages", *(column(name) for name in values))
    with engine.begin() as conn:
        conn.execute(insert(old).values(values))
    upgrade(engine)
    assert is_current(engine)
    with engine.connect() as conn:
        row = conn.execute(select(inbound_messages)).mappings().one()
    assert (row["message_id"], row["sender_key"], row["content_hash"]) == (
        "<m1@acme.test>",
        BUYER,
        "",
    )
    engine.dispose()
    app = bootstrap.build(Settings(database_url=database_url, _env_file=None))
    try:
        app.bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal(1)))
        app.bus.handle(c.CreateCustomer(code="ACME", name="Acme", email=BUYER))
        app.bus.handle(c.CreateCustomer(code="OTHER", name="Other", email="o@other.test"))
        reread = MailIn(
            message_id="<m1@acme.test>", from_address=BUYER, body="1 x GADGET", uid=1
        ).model_copy(update={"content_hash": "a" * 64})
        other = reread.model_copy(
            update={"from_address": "o@other.test", "uid": 2, "content_hash": "b" * 64}
        )
        rules = IntakeRules(rep_channel="#orders")
        report = app.bus.handle(c.IntakeMails(mails=(reread, other), rules=rules))
        assert [o.outcome for o in report.outcomes] == [Outcome.DUPLICATE, Outcome.HELD]
    finally:
        app.engine.dispose()
