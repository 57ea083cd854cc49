"""Who is answered in which language, through the real intake (dovecot, SQLite): a
customer whose language nobody chose is answered in the language their order mail is
written in, and keeps it; a customer whose language was chosen keeps theirs."""

from __future__ import annotations

import pytest

import bootstrap
from domain import commands as c
from tests.integration.inbox_helpers import (
    answer_text,
    mail,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount

FRENCH = (
    "Bonjour,\n\nMerci de nous livrer la commande suivante dès que possible, nous en avons "
    "besoin pour la semaine prochaine.\n\nProduit : GADGET ; Quantité : 4\n\nCordialement,\n"
    "Zoé\n"
)
DANISH = (
    "Hej,\n\nVi vil gerne bestille følgende varer og beder om levering hurtigst muligt, da vi "
    "skal bruge dem i næste uge.\n\nVare: GADGET; Antal: 4\n\nMed venlig hilsen\nMette\n"
)
ENGLISH = (
    "Hello,\n\nPlease deliver the following order as soon as you can, we need it for next "
    "week.\n\n4 x GADGET\n\nKind regards,\nBob\n"
)


def _language(app: bootstrap.App) -> str | None:
    language: str | None = app.bus.handle(c.ShowCustomer(code="ACME")).customer.language
    return language


@pytest.mark.parametrize(
    ("body", "language", "greeting"),
    [(FRENCH, "fr", "Bonjour Acme SA"), (DANISH, "da", "Hej Acme SA"),
     (ENGLISH, "en", "Hello Acme SA")],
)  # fmt: skip
def test_a_customer_with_no_language_is_answered_in_the_mails_and_keeps_it(
    shop: bootstrap.App, imap_user: ImapAccount, body: str, language: str, greeting: str
) -> None:
    assert _language(shop) is None
    imap_user.append(mail(body))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [reply] = outbox_rows(shop, "mail_reply")
    assert reply["payload"]["language"] == language
    assert answer_text(reply).startswith(greeting)
    assert _language(shop) == language
    # The next mail, in another language, is answered in the one the customer now has.
    other = ENGLISH if language != "en" else FRENCH
    imap_user.append(mail(other, message_id="<second@acme.test>"))
    poll(shop, imap_user)
    assert [r["payload"]["language"] for r in outbox_rows(shop, "mail_reply")] == [language] * 2
    assert _language(shop) == language


def test_a_chosen_language_is_kept_whatever_the_mail_is_written_in(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    shop.bus.handle(c.SetCustomer(code="ACME", language="da"))
    imap_user.append(mail(FRENCH))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [reply] = outbox_rows(shop, "mail_reply")
    assert reply["payload"]["language"] == "da"
    assert answer_text(reply).startswith("Hej Acme SA")
    assert _language(shop) == "da"


def test_a_mail_too_short_to_tell_is_answered_in_the_default_language_and_sets_none(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    imap_user.append(mail("4 x GADGET\n", subject="PO 12"))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [reply] = outbox_rows(shop, "mail_reply")
    assert reply["payload"]["language"] is None
    assert answer_text(reply).startswith("Hello Acme SA")
    assert _language(shop) is None
