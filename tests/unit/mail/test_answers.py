"""Answers to mailed orders drawn from their outbox rows: words per language, text and HTML."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from email.message import Message
from typing import Any

import pytest

from domain import commands as c
from domain.inbox.mail import ForwardedMail, IntakeRules, MailAttachment, MailIn
from domain.orders.factory import reference_taken
from domain.outbox.messages import Channel, OutboxMessage
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from mail.outbound.render import Renderer
from tests.unit.fakes import FakeClock, FakeStore

D = Decimal
RULES = IntakeRules(rep_channel="#orders", answers_per_hour=50, max_mb=10)


@pytest.fixture
def world() -> tuple[FakeStore, MessageBus]:
    store = FakeStore()
    factory: Any = store.uow_factory
    bus = MessageBus(factory, FakeClock(), Policy(), sleep=lambda _: None)
    bus.handle(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET-A", name="Widget A", price=D("12.50"), tax="VAT20"))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=D("3.99"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.test"))
    bus.handle(
        c.CreateCustomer(code="DUPONT", name="Dupont", email="achat@dupont.test", language="fr")
    )
    return store, bus


def answers(
    world: tuple[FakeStore, MessageBus], *bodies: str, sender: str = "buyer@acme.test", **kw: Any
) -> list[Message]:
    """The mails of the answers to one mail per body, as the relay would send them."""
    store, bus = world
    start = len(store.state.outbox)
    mails = tuple(
        MailIn(
            message_id=f"<m{start + n}@x.test>",
            from_address=sender,
            subject="Order",
            body=body,
            uid=start + n,
            **kw,
        )
        for n, body in enumerate(bodies)
    )
    bus.handle(c.IntakeMails(mails=mails, rules=RULES))
    rows = [m for m in store.state.outbox[start:] if m.kind == "mail_reply"]
    renderer = Renderer("orderbot <bot@shop.test>")
    for n, row in enumerate(rows, start=start + 1):
        row.id = n
    return [renderer.render(row) for row in rows]


def parts(msg: Message) -> tuple[str, str]:
    """The text and HTML parts."""
    found = {
        p.get_content_type(): p.get_payload(decode=True).decode()  # type: ignore[union-attr]
        for p in msg.walk()
        if not p.is_multipart()
    }
    return found["text/plain"], found["text/html"]


def test_an_order_answer_lists_lines_totals_and_problems(world: Any) -> None:
    (msg,) = answers(world, "10 x WIDGT-A\nGADGET: 3\nFOO 2\nPO: 77")
    assert msg["Subject"] == "Re: Order [SO-00001]"
    assert (msg["In-Reply-To"], msg["Auto-Submitted"]) == ("<m0@x.test>", "auto-replied")
    text, html = parts(msg)
    assert text.startswith(
        "Hello Acme SA,\n\n"
        "Thank you, your order SO-00001 is received (draft, to be confirmed) for your PO 77.\n\n"
        "  3 x GADGET  Gadget  @ €3.99 = €11.97\n"
        "  10 x WIDGET-A  Widget A  @ €12.50 = €125.00\n"
        "Net €136.97 · Tax €27.39 · Total €164.36\n\n"
        "Please check these lines:\n"
        "  [taken with a change] line 1: \"10 x WIDGT-A\" - unknown product 'WIDGT-A'; "
        "did you mean WIDGET-A? Taken as WIDGET-A (Widget A)\n"
        "  [not taken] line 3: \"FOO 2\" - unknown product 'FOO'\n"
    )
    assert text.endswith(
        "-- \norderbot (automatic answer: replies to this mail reach the sales team's inbox)\n"
    )
    assert '<html lang="en">' in html
    assert "<table" in html
    assert "€164.36" in html
    assert '<li class="red" style="color: #b42318;"><strong>not taken</strong>' in html


def test_a_french_customer_reads_french_with_french_amounts(world: Any) -> None:
    (order, status) = answers(
        world, "1000 x GADGET\nFOO 1", "statut SO-00001", sender="achat@dupont.test"
    )
    text, html = parts(order)
    assert text.startswith("Bonjour Dupont,\n\nMerci, votre commande SO-00001 est reçue")
    assert "  1\u202f000 x GADGET  Gadget  @ 3,99\xa0€ = 3\u202f990,00\xa0€\n" in text
    assert "Total TTC 4\u202f788,00\xa0€" in text
    assert '  [non prise] ligne 2 : "FOO 1"' in text
    assert '<html lang="fr">' in html
    text, _ = parts(status)
    assert "La commande SO-00001 est en préparation ; expédition : non expédiée" in text


@pytest.mark.parametrize(
    ("body", "fields", "expected"),
    [
        ("Hello, how are you?", {}, ["We found no order in your mail.", "`10 x WIDGET-A`",
                                    "write `status SO-00042`."]),
        ("status SO-00009", {}, ["We found no order SO-00009 for your account.",
                                 "write `status SO-00042`."]),
        ("", {"too_large": True}, ["Your mail is larger than 10 MB"]),
        ("FOO 3", {}, ["We could not take any line of your order.", "`10 x WIDGET-A`",
                       '[not taken] line 1: "FOO 3"']),
    ],
)  # fmt: skip
def test_each_kind_of_answer_has_its_words(
    world: Any, body: str, fields: dict[str, Any], expected: list[str]
) -> None:
    (msg,) = answers(world, body, **fields)
    text, html = parts(msg)
    for words in expected:
        assert words in text
    assert expected[0] in html


def test_an_unknown_sender_and_a_duplicate_po(world: Any) -> None:
    (stranger,) = answers(world, "10 x GADGET", sender="who@else.test")
    assert "The address who@else.test is not registered with us" in parts(stranger)[0]
    assert parts(stranger)[0].startswith("Hello,\n\n")
    _, again = answers(world, "GADGET 1\nPO: 9", "GADGET 2\nPO: 9")
    assert again["Subject"] == "Re: Order [SO-00001]"
    # in English, the order factory's own words for the rule (as the console refuses it)
    rule = reference_taken("9", "SO-00001", "ACME")
    assert f"We did not create this order a second time: {rule}." in parts(again)[0]


def test_an_answer_queued_by_an_earlier_version_is_sent_as_it_is() -> None:
    row = OutboxMessage(
        channel=Channel.EMAIL,
        kind="mail_reply",
        recipient="buyer@acme.test",
        created_at=datetime(2026, 11, 23, 9, tzinfo=UTC),
        payload={
            "to": "buyer@acme.test",
            "subject": "Re: Order [SO-00001]",
            "in_reply_to": "<m1@acme.test>",
            "references": ["<m1@acme.test>"],
            "headers": {"Auto-Submitted": "auto-replied"},
            "reply_kind": "order",
            "order_code": "SO-00001",
            "text": "Hello,\n\nThank you, your order SO-00001 is confirmed.\n",
            "html": "<html><body><p>Hello,</p><p>Thank you.</p></body></html>",
        },
        id=7,
    )
    msg = Renderer("orderbot <bot@shop.test>").render(row)
    text, html = parts(msg)
    assert text == "Hello,\n\nThank you, your order SO-00001 is confirmed.\n"
    assert "<p>Thank you.</p>" in html
    assert (msg["Subject"], msg["In-Reply-To"], msg["References"]) == (
        "Re: Order [SO-00001]",
        "<m1@acme.test>",
        "<m1@acme.test>",
    )
    assert msg["Auto-Submitted"] == "auto-replied"


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ("buyer@acme.test", "could not read the order in it. A person will look at it"),
        ("achat@dupont.test", "n'avons pas pu lire la commande qu'il contient. Une personne"),
    ],
)
def test_a_quarantined_mail_is_answered_in_the_customers_language(
    world: Any, sender: str, expected: str
) -> None:
    store, bus = world
    mail = MailIn(message_id="<q@x.test>", from_address=sender, subject="Order", body="", uid=1)
    bus.handle(c.QuarantineMail(mail=mail, attempts=3, error="boom", rules=RULES))
    (row,) = [m for m in store.state.outbox if m.kind == "mail_reply"]
    row.id = 1
    text, html = parts(Renderer("orderbot <bot@shop.test>").render(row))
    assert expected in text.replace("\n", " ")
    assert expected.split(". ")[0] in html


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        (
            "buyer@acme.test",
            (
                "Your mail carried 13 spreadsheets; we read at most 2 per mail. These were not "
                "read: c.csv, d.csv, e.csv, f.csv, g.csv, h.csv, i.csv, j.csv, k.csv, l.csv and "
                "1 more. Please send them in another mail."
            ),
        ),
        (
            "achat@dupont.test",
            (
                "Votre message contenait 13 tableurs ; nous en lisons 2 au plus par message. "
                "Ceux-ci n'ont pas été lus : c.csv, d.csv, e.csv, f.csv, g.csv, h.csv, i.csv, "
                "j.csv, k.csv, l.csv et 1 de plus. Merci de les envoyer dans un autre message."
            ),
        ),
    ],
)
def test_the_attachments_left_unread_are_named_in_the_answer(
    world: Any, sender: str, expected: str
) -> None:
    files = tuple(
        MailAttachment(filename=f"{chr(97 + n)}.csv", kind="csv", data=b"x") for n in range(13)
    )
    store, bus = world
    mail = MailIn(message_id="<a@x.test>", from_address=sender, body="", attachments=files)
    rules = RULES.model_copy(update={"max_attachments": 2})
    bus.handle(c.IntakeMails(mails=(mail,), rules=rules))
    (row,) = [m for m in store.state.outbox if m.kind == "mail_reply"]
    row.id = 1
    text, html = parts(Renderer("orderbot <bot@shop.test>").render(row))
    assert expected in text.replace("\n", " ")
    assert expected.split(";")[0] in html


def test_every_mail_we_send_names_us_in_x_loop(world: Any) -> None:
    (msg,) = answers(world, "10 x GADGET")
    assert msg["X-Loop"] == "bot@shop.test"
    (stranger,) = answers(world, "10 x GADGET", sender="who@else.test")
    assert (stranger["X-Loop"], stranger["Subject"]) == ("bot@shop.test", "Re: your mail")


def test_an_order_read_from_a_forwarded_mail_says_so(world: Any) -> None:
    jeanne = ForwardedMail(body="3 x GADGET\nPO: F-1", sender="Jeanne <j@acme.test>")
    (msg,) = answers(world, "Jeanne's order, see below.", forwarded=(jeanne,))
    text, html = parts(msg)
    assert text.startswith(
        "Hello Acme SA,\n\n"
        "Thank you, your order SO-00001 is received (draft, to be confirmed) for your PO F-1.\n"
        "We read this order from the mail you forwarded, from Jeanne <j@acme.test>.\n\n"
        "  3 x GADGET"
    )
    assert (
        "<p>We read this order from the mail you forwarded, from Jeanne &lt;j@acme.test&gt;."
        in html
    )
    foo = ForwardedMail(body="FOO 1")
    (msg,) = answers(world, "", forwarded=(foo,), sender="achat@dupont.test")
    text, _ = parts(msg)
    assert text.startswith(
        "Bonjour Dupont,\n\nNous n'avons pu prendre aucune ligne de votre commande.\n"
        "Nous avons lu cette commande dans le message que vous avez transféré.\n"
    )
    (msg,) = answers(world, "1 x GADGET", forwarded=(ForwardedMail(body="2 x GADGET"),))
    assert "forwarded" not in parts(msg)[0]  # the sender's own lines were the order


def test_a_french_customer_reads_the_problems_of_their_lines_in_french(world: Any) -> None:
    body = "10 x WIDGT-A\nFOO 2\nGADGET x 1,000\nDate souhaitée : bientôt\n3 x GADGET"
    (msg,) = answers(world, body, sender="achat@dupont.test")
    text, html = parts(msg)
    assert (
        '  [prise avec une modification] ligne 1 : "10 x WIDGT-A" - produit inconnu « WIDGT-A » ; '
        "vouliez-vous dire WIDGET-A ? Pris comme WIDGET-A (Widget A)\n"
    ) in text
    assert '  [non prise] ligne 2 : "FOO 2" - produit inconnu « FOO »\n' in text
    assert (
        '  [non prise] ligne 3 : "GADGET x 1,000" - GADGET : la quantité « 1,000 » est ambiguë '
        "(milliers ou décimales ?) ; écrivez-la sans séparateur\n"
    ) in text
    assert (
        '"Date souhaitée : bientôt" - impossible de lire la date souhaitée « bientôt » '
        "(écrivez par ex. 2026-12-03 ou 03/12/2026)\n"
    ) in text
    assert "impossible de lire la date souhaitée « bientôt »" in html
    assert "unknown" not in text
    assert "cannot read" not in text


def test_problems_queued_in_english_by_an_earlier_version_are_said_as_they_are(
    world: Any,
) -> None:
    store, _ = world
    answers(world, "FOO 2\n3 x GADGET", sender="achat@dupont.test")
    (row,) = [m for m in store.state.outbox if m.kind == "mail_reply"]
    (problem,) = row.payload["problems"]
    assert problem["reason_said"] == {"msgid": "unknown product '{product}'",
                                      "params": {"product": "FOO"}}  # fmt: skip
    # a row written before sentences were kept has the English reason only
    row.payload["problems"] = [{k: v for k, v in problem.items() if k != "reason_said"}]
    text, _html = parts(Renderer("orderbot <bot@shop.test>").render(row))
    assert "  [non prise] ligne 1 : \"FOO 2\" - unknown product 'FOO'\n" in text
