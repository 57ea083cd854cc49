"""Which words of a mail are its order: the sender's, the forwarded mail's, the subject's."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.inbox.mail import ForwardedMail, MailIn
from domain.inbox.ordertext import read_mail_order
from domain.orders.textparse import parse_subject

FORWARDED = "Hello Bob,\nPO: FWD-1\nShip to: DEPOT\n6 x TEA-EARL\nTEA-GREEN x -2\n"


def fwd(body: str, sender: str = "Jeanne <j@acme.test>", subject: str = "Order") -> Any:
    return (ForwardedMail(body=body, sender=sender, subject=subject),)


def mail(body: str = "See below.", **fields: Any) -> MailIn:
    values: dict[str, Any] = {"message_id": "<m@x>", "from_address": "b@acme.test"}
    values.update(body=body, subject=fields.pop("subject", "Fwd: Order"), **fields)
    return MailIn(**values)


def test_the_forwarded_mail_is_read_when_the_sender_wrote_no_line() -> None:
    read = read_mail_order(mail(forwarded=fwd(FORWARDED)))
    assert read.forwarded == fwd(FORWARDED)[0]
    assert [(x.product, int(x.quantity)) for x in read.parsed.lines] == [("TEA-EARL", 6)]
    assert (read.parsed.po, read.parsed.ship_to) == ("FWD-1", "DEPOT")
    assert [p.code for p in read.parsed.problems] == ["line.bad_quantity"]


def test_the_sender_s_own_lines_win_and_the_forward_is_not_read() -> None:
    read = read_mail_order(mail("2 x TEA-GREEN", forwarded=fwd(FORWARDED)))
    assert read.forwarded is None
    assert [x.product for x in read.parsed.lines] == ["TEA-GREEN"]
    assert read.parsed.po is None


def test_the_sender_s_own_header_lines_win_over_the_forwarded_mail_s() -> None:
    read = read_mail_order(mail("Please take this.\nPO: MINE-7", forwarded=fwd(FORWARDED)))
    assert read.forwarded is not None
    assert (read.parsed.po, read.parsed.ship_to) == ("MINE-7", "DEPOT")


def test_a_forward_without_anything_order_like_is_not_read() -> None:
    read = read_mail_order(mail(forwarded=fwd("Lunch on Friday?")))
    assert (read.forwarded, read.parsed.is_empty) == (None, True)


def test_a_mail_about_one_of_our_orders_never_reads_its_forward_as_a_new_one() -> None:
    read = read_mail_order(mail(subject="Fwd: Order [SO-00042]", forwarded=fwd(FORWARDED)))
    assert (read.forwarded, read.parsed.lines) == (None, ())


def test_the_subject_fills_what_the_text_leaves_out() -> None:
    read = read_mail_order(mail("3 x TEA-EARL\nShip to: HQ", subject="Order - PO: SUBJ-1"))
    assert (read.parsed.po, read.parsed.ship_to) == ("SUBJ-1", "HQ")
    read = read_mail_order(mail("3 x TEA-EARL\nPO: BODY-1", subject="Order - PO: SUBJ-1"))
    assert read.parsed.po == "BODY-1"


def test_the_forwarded_mail_s_subject_comes_after_the_sender_s() -> None:
    theirs = fwd("1 x TEA-EARL", subject="Order PO: THEIRS")
    assert read_mail_order(mail(forwarded=theirs)).parsed.po == "THEIRS"
    assert read_mail_order(mail(forwarded=theirs, subject="Fwd: PO: MINE")).parsed.po == "MINE"
    assert read_mail_order(mail(subject="Fwd: Order PO: MINE")).forwarded is None


def test_in_a_chain_the_outermost_mail_with_lines_is_read() -> None:
    chain = (
        ForwardedMail(body="FYI\nPO: OUTER-1", sender="Jeanne"),
        ForwardedMail(body="4 x TEA-EARL\nShip to: DEPOT\nPO: INNER-1", sender="Paul"),
        ForwardedMail(body="9 x TEA-GREEN", sender="Ann"),
    )
    read = read_mail_order(mail(forwarded=chain))
    assert read.forwarded == chain[1]
    assert [x.product for x in read.parsed.lines] == ["TEA-EARL"]
    assert (read.parsed.po, read.parsed.ship_to) == ("INNER-1", "DEPOT")
    headers_only = (chain[0], ForwardedMail(body="Ship to: HQ"))
    read = read_mail_order(mail(forwarded=headers_only))
    assert (read.forwarded, read.parsed.po, read.parsed.ship_to) == (chain[0], "OUTER-1", "HQ")


@pytest.mark.parametrize(
    ("subject", "po", "ship_to", "requested"),
    [
        ("Order - PO: 4711", "4711", None, None),
        ("Commande Réf : PO-7800", "PO-7800", None, None),
        ("Fwd: RE: Order PO: 7800", "7800", None, None),
        ("[jeanne@acme.test: Order PO: 55]", "55", None, None),
        ("PO# 55 / Ship to: DEPOT", "55", "DEPOT", None),
        ("Order; requested date: 2026-12-03", None, None, date(2026, 12, 3)),
        ("Re: your order ref: SO-00042", None, None, None),  # our code is no PO
        ("Due: next week", None, None, None),  # unreadable: names nothing, tells nothing
        ("Order for December", None, None, None),
    ],
)
def test_subject_header_fields(
    subject: str, po: str | None, ship_to: str | None, requested: date | None
) -> None:
    parsed = parse_subject(subject)
    assert (parsed.po, parsed.ship_to, parsed.requested_date) == (po, ship_to, requested)
    assert (parsed.lines, parsed.problems) == ((), ())
