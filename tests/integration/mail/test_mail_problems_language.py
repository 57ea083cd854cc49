"""The problems of an order mail reach the customer in their language, through the real
intake (dovecot, SQLite): a bad row of an attached spreadsheet is told in Danish to a
Danish customer, the lines of a French customer's text in French."""

from __future__ import annotations

import bootstrap
from domain import commands as c
from tests.integration.inbox_helpers import (
    answer_text,
    mail,
    outbox_rows,
    poll,
)
from tests.servers.dovecot import ImapAccount


def test_a_danish_customer_reads_a_bad_row_of_their_spreadsheet_in_danish(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    shop.bus.handle(c.SetCustomer(code="ACME", language="da"))
    csv = b"Vare;Antal\nGADGET;6\nWIDGETA;1\nBOLT-10;mange\n"
    imap_user.append(mail("Se vedhæftet.", attachments=[("ordre.csv", "text/csv", csv)]))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [reply] = outbox_rows(shop, "mail_reply")
    text = answer_text(reply)
    assert text.startswith("Hej Acme SA")
    assert '"ordre.csv, række 3" - Vare: ukendt vare WIDGETA; mente du WIDGET-A?' in text
    assert "\"ordre.csv, række 4\" - Antal: 'mange' er ikke et positivt tal" in text
    assert "unknown" not in text
    # the row keeps the English beside the sentence, for whoever reads the outbox
    first = reply["payload"]["problems"][0]
    assert first["reason"] == "Vare: unknown product WIDGETA; did you mean WIDGET-A?"


def test_a_french_customer_reads_an_unknown_product_and_an_unreadable_date_in_french(
    shop: bootstrap.App, imap_user: ImapAccount
) -> None:
    shop.bus.handle(c.SetCustomer(code="ACME", language="fr"))
    body = "Bonjour,\n\n4 x GADGET\n2 x MACHIN\nDate souhaitée : la semaine prochaine\n"
    imap_user.append(mail(body))
    assert poll(shop, imap_user).outcomes == {"ordered": 1}
    [reply] = outbox_rows(shop, "mail_reply")
    text = answer_text(reply)
    assert '"2 x MACHIN" - produit inconnu « MACHIN »' in text
    assert (
        "impossible de lire la date souhaitée « la semaine prochaine » "
        "(écrivez par ex. 2026-12-03 ou 03/12/2026)"
    ) in text
