"""The inbox against abuse, end to end on a real dovecot and a real SQLite database: a mail
of 300 attachments, forged and unknown senders, mail loops, and the whole shared corpus
of real-world mail, each one of which ends decided with its reason."""

from __future__ import annotations

import bootstrap
from domain import commands as c
from domain.inbox.mail import IntakeRules, MailKey
from mail.inbound.parse import parse_message
from mail.inbound.reading import to_mail_in
from tests.integration.inbox_helpers import (
    AUTHSERV,
    BUYER,
    HANDLED,
    OWN,
    AppFactory,
    answer_text,
    inbound_rows,
    load_catalogue,
    mail,
    order_rows,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount
from tests.unit.mail.test_mail_corpus import FILES, name

FORGED = f"{AUTHSERV}; spf=fail smtp.mailfrom=else.test; dmarc=fail header.from=else.test"


def _shop(make_app: AppFactory, sqlite_url: str) -> bootstrap.App:
    app = make_app(sqlite_url)
    load_catalogue(app)
    return app


def test_a_mail_of_300_spreadsheets_reads_only_the_first_ten(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    shop = _shop(make_app, sqlite_url)
    sheets = [(f"po-{n:03d}.csv", "text/csv", b"Product;Quantity\nGADGET;1\n") for n in range(300)]
    imap_user.append(mail("1 x WIDGET-A", attachments=sheets))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    assert len(order_rows(shop)) == 11  # the text's order and the first 10 files'
    (reply,) = outbox_rows(shop, "mail_reply")
    text = answer_text(reply).replace("\n", " ")
    assert "Your mail carried 300 spreadsheets; we read at most 10 per mail." in text
    assert "These were not read: po-010.csv, po-011.csv," in text
    assert "po-019.csv and 280 more." in text
    (alert,) = outbox_rows(shop, "rep_alert")
    assert alert["payload"]["reason"] == "attachments_unread"
    (row,) = inbound_rows(shop)
    assert row["reason"] == "order (290 unread attachments)"
    assert imap_user.flags(1) >= HANDLED


def test_forged_and_unknown_senders_get_no_answer_nor_their_words_back(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    shop = _shop(make_app, sqlite_url)
    forged = {"Authentication-Results": FORGED}
    imap_user.append(mail(sender="who@else.test", message_id="<f1@else.test>", headers=forged))
    imap_user.append(mail("status SO-00001", message_id="<f2@acme.test>", headers=forged))
    spam = "Cheap pills at evil.test"
    imap_user.append(mail(sender="Visit evil.test <who@else.test>", subject=spam))
    assert poll(shop, imap_user).outcomes == {"answered": 3}
    (reply,) = outbox_rows(shop, "mail_reply")  # the third only: DMARC passed or was absent
    assert (reply["recipient"], reply["payload"]["subject"]) == ("who@else.test", "Re: your mail")
    text = answer_text(reply)
    assert text.startswith("Hello,\n\n")
    assert "evil.test" not in text.replace("who@else.test", "")
    reasons = [r["reason"] for r in inbound_rows(shop)]
    assert reasons == [
        "unknown sender (not answered: the mail failed DMARC on our server)",
        "status of unknown order (not answered: the mail failed DMARC on our server)",
        "unknown sender",
    ]


def test_strangers_are_answered_at_most_n_times_an_hour_in_all(
    make_app: AppFactory, database_url: str, imap_user: ImapAccount
) -> None:
    """On SQLite and PostgreSQL: the count is the database's."""
    shop = _shop(make_app, database_url)
    for n in range(4):
        imap_user.append(mail(sender=f"s{n}@else.test", message_id=f"<s{n}@else.test>"))
    rules = IntakeRules(rep_channel="#orders", stranger_answers_per_hour=2)
    poll(shop, imap_user, rules=rules, batch_size=3)  # two batches, one count
    assert [r["recipient"] for r in outbox_rows(shop, "mail_reply")] == [
        "s0@else.test",
        "s1@else.test",
    ]
    assert [r["answered"] for r in inbound_rows(shop)] == [True, True, False, False]


def test_a_mail_naming_us_in_x_loop_is_ignored_with_its_reason(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    shop = _shop(make_app, sqlite_url)
    imap_user.append(mail(headers={"X-Loop": OWN}))
    imap_user.append(mail(message_id="<m2@acme.test>", headers={"X-Loop": "robot@acme.test"}))
    assert poll(shop, imap_user).outcomes == {"ignored": 1, "ordered": 1}
    assert [(r["outcome"], r["reason"]) for r in inbound_rows(shop)] == [
        ("ignored", "x_loop"),
        ("ordered", "order"),
    ]
    assert [r["recipient"] for r in outbox_rows(shop, "mail_reply")] == [BUYER]


def test_every_corpus_mail_ends_decided_with_its_reason(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    """Each file of the shared corpus becomes one decided outcome with a reason; a copy of
    a mail already handled is a duplicate of it, decided too, never nothing."""
    shop = _shop(make_app, sqlite_url)
    raws = {imap_user.append(path.read_bytes() or _EMPTY): path for path in FILES}
    keys = {uid: _key(path.read_bytes() or _EMPTY, uid) for uid, path in raws.items()}
    senders = sorted({k.sender for k in keys.values() if "@" in k.sender})
    for n, sender in enumerate(senders[::2]):
        shop.bus.handle(c.CreateCustomer(code=f"C{n}", name=f"Customer {n}", email=sender))
    report = poll(shop, imap_user, rules=IntakeRules(rep_channel="#orders"))
    assert sum(report.outcomes.values()) == len(FILES) == len(report.decided)
    rows = {r["uid"]: r for r in inbound_rows(shop)}
    stored = {MailKey(r["message_id"], r["sender_key"], r["content_hash"]) for r in rows.values()}
    for uid, path in raws.items():
        outcome, reason = report.decided[uid]
        assert reason, name(path)
        assert imap_user.flags(uid) >= HANDLED, name(path)
        if outcome == "duplicate":  # a copy: the mail it copies holds the record
            assert uid not in rows, name(path)
            assert keys[uid] in stored, name(path)
            assert keys[uid] in [k for u, k in keys.items() if u < uid], name(path)
            continue
        assert (rows[uid]["outcome"], rows[uid]["reason"]) == (outcome, reason), name(path)
    duplicates = [name(raws[u]) for u, (o, _) in report.decided.items() if o == "duplicate"]
    assert len(rows) + len(duplicates) == len(FILES)
    assert len(duplicates) == len(FILES) - len(set(keys.values()))
    assert set(report.outcomes) >= {"answered", "ignored", "held", "duplicate"}


# dovecot refuses an empty APPEND: the corpus's empty file goes in as a header-less blank
_EMPTY = b"\r\n"


def _key(raw: bytes, uid: int) -> MailKey:
    return to_mail_in(parse_message(raw, {OWN}, AUTHSERV), uid, "INBOX").identity
