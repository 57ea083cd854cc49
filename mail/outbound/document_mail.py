"""The mail that carries a document to the customer: a quote, an order confirmation, an
invoice, its PDF attached.

The outbox row says which document (kind and code), in which language, for which total,
with which tracking link, and in which thread (`thread`: the Message-IDs it answers,
oldest first; our own documents' mails are named by their keys, made Message-IDs here
with MAIL_FROM's domain). The PDF is drawn now, from the order as it is at send time,
through the documents port; a document that cannot be drawn (a quote of an order
confirmed since) makes the row fail as any mail that cannot be rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mail.outbound.wording import N_, Wording

# (kind, code, language) -> (file name, PDF bytes)
DocumentFiles = Callable[[str, str, str], tuple[str, bytes]]

SUBJECTS = {
    "quote": N_("Our quote {code}"),
    "confirmation": N_("Confirmation of your order {code}"),
    "invoice": N_("Invoice {invoice} for your order {code}"),
}
INTROS = {
    "quote": N_("Please find attached our quote {code}, for a total of {total}."),
    "confirmation": N_(
        "Thank you: your order {code} is confirmed. Please find the confirmation attached, "
        "for a total of {total}."
    ),
    "invoice": N_(
        "Please find attached invoice {invoice} for your order {code}, for a total of {total}."
    ),
}
ACCEPT_HOW = N_(
    "To accept it, simply reply to this mail with \u201cOK\u201d; for any question, reply "
    "with your question and we will come back to you."
)


def message_id_of(key_or_id: str, domain: str) -> str:
    """A thread entry as a Message-ID: ours are keys (`quote-so-00003-1`)."""
    return key_or_id if key_or_id.startswith("<") else f"<{key_or_id}.orderbot@{domain}>"


def document_context(payload: dict[str, Any], currency: str, url: str | None) -> dict[str, Any]:
    """What the templates show of a document's mail."""
    document = payload["document"]
    kind = str(document["kind"])
    w = Wording(payload.get("language"), payload.get("currency", currency))
    values = {
        "code": payload["order_code"],
        "invoice": document["code"],
        "total": w.money(str(payload.get("total", "0"))),
    }
    return {
        "w": w,
        "kind": kind,
        "subject": w.say(SUBJECTS[kind], **values),
        "intro": w.say(INTROS[kind], **values),
        "accept_how": w.say(ACCEPT_HOW) if kind == "quote" else "",
        "customer_name": payload.get("customer_name", ""),
        "url": url,
    }
