"""The words of an answer to a mailed order, from the facts its outbox row holds.

The domain decides what is said (`domain.inbox.reply`: a kind of answer, the order, the
problems, the help to add); this module picks the sentences for the customer's language
and hands the templates `mail_reply.{txt,html}.j2` their context. A status answer
without an order status found no such order for the sender. An order read from a mail
the sender forwarded says so after the first sentence. The attachments left unread
(over the cap of spreadsheets read per mail) are named after the problems, the first
few by name and the rest counted. A problem's line and reason come as sentences (kept
as data in the row) and are said in the customer's language; a row written before they
were kept says its English as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.text_data import sentence_of
from l10n.translation import render
from mail.outbound.wording import Wording

_UNREAD_SHOWN = 10  # unread attachments named in the answer; the others are counted


def _order_intro(w: Wording, p: Mapping[str, Any], facts: Mapping[str, Any]) -> str:
    also = [str(code) for code in facts.get("also") or ()]
    state = w("answer.confirmed") if p.get("status") == "confirmed" else w("answer.draft")
    return w(
        "answer.order_po" if facts.get("po") else "answer.order",
        code=p["order_code"],
        also=w("answer.also", codes=", ".join(also)) if also else "",
        state=state,
        po=facts.get("po"),
    )


def intro(w: Wording, p: Mapping[str, Any]) -> str:
    """The answer's first sentence; ValueError for a kind this version does not know."""
    kind, code = p.get("reply_kind"), p.get("order_code")
    facts: Mapping[str, Any] = p.get("facts") or {}
    if kind == "order":
        return _order_intro(w, p, facts)
    if kind == "status" and p.get("status"):
        return w(
            "answer.status",
            code=code,
            status=w.status("order", p["status"]),
            shipping=w.status("shipping", str(p.get("shipping_state"))),
            invoicing=w.status("invoicing", str(p.get("invoicing_state"))),
        )
    if kind == "status":
        return w("answer.status_unknown", code=code)
    if kind == "duplicate_po":  # in English, the order factory's words for the rule
        return w("answer.duplicate_po", po=facts.get("po"), code=code, customer=facts["customer"])
    if kind == "not_registered":
        return w("answer.not_registered", address=p["to"])
    if kind == "too_large":
        return w("answer.too_large", max_mb=w.number(facts["max_mb"]))
    if kind in ("problems", "no_order", "quarantined", "handed_over"):
        return w(f"answer.{kind}")
    raise ValueError(f"no words for an answer of kind {kind!r}")


def read_from(w: Wording, facts: Mapping[str, Any]) -> str | None:
    """The sentence saying the order was read from a forwarded mail, or None."""
    if not facts.get("forwarded"):
        return None
    sender = str(facts.get("forwarded_from") or "")
    return w("answer.forwarded", sender=sender) if sender else w("answer.forwarded_anyone")


def unread(w: Wording, facts: Mapping[str, Any]) -> str | None:
    """The sentence naming the attachments left unread, or None when all were read."""
    names = [str(n) for n in facts.get("unread") or ()]
    count = int(facts.get("unread_count") or len(names))
    if not names:
        return None
    listed = ", ".join(names[:_UNREAD_SHOWN])
    if count > _UNREAD_SHOWN:
        listed = w("answer.unread_more", names=listed, n=w.number(count - _UNREAD_SHOWN))
    cap = int(facts.get("max_attachments") or 0)
    return w("answer.unread", count=w.number(cap + count), max=w.number(cap), names=listed)


def stock(w: Wording, line: Mapping[str, Any]) -> str:
    """What of a line can ship now, and when the rest is expected ("" when its product's
    stock is not kept): "8 of 10 available now, the other 2 expected on 12 December"."""
    state = line.get("availability")
    if not state:
        return ""
    if state == "available":
        return w("stock.available")
    later = "" if line.get("expected") else "_later"
    key = ("stock.partly" if state == "partly available" else "stock.backorder") + later
    return w(
        key,
        available=w.number(line["available"]),
        wanted=w.number(line["wanted"]),
        missing=w.number(line["missing"]),
        day=w.day(line.get("expected") or None),
    )


def problem(w: Wording, p: Mapping[str, Any]) -> dict[str, Any]:
    """A problem of the payload with its line and reason in the customer's language."""
    text, reason = p.get("text_said", p.get("text")), p.get("reason_said", p.get("reason"))
    return {
        **p,
        "text": render(sentence_of(text), w.language),
        "reason": render(sentence_of(reason), w.language),
    }


def answer_context(p: Mapping[str, Any], currency: str) -> dict[str, Any]:
    """The templates' context of an answer's payload."""
    totals = p.get("totals") or {}
    w = Wording(p.get("language"), totals.get("currency") or currency)
    name = p.get("name")
    return {
        "w": w,
        "greeting": w("hello", name=name) if name else w("hello_anyone"),
        "intro": intro(w, p),
        "read_from": read_from(w, p.get("facts") or {}),
        "lines": [{**ln, "stock": stock(w, ln)} for ln in p.get("lines") or []],
        "totals": totals,
        "problems": [problem(w, x) for x in p.get("problems") or []],
        "unread": unread(w, p.get("facts") or {}),
        "help": [w(f"help.{topic}") for topic in p.get("help") or ()],
        "url": p.get("tracking_url"),
    }
