"""The intake of mailed orders: a batch of received mails -> orders, answers, rep alerts.

Owns the rules of the order inbox, applied to mails the edge has already read:
- once and only once: each mail's key (sender, Message-ID, content hash) is recorded in
  the same transaction as what it caused; a key seen before is a no-op
  (`Outcome.DUPLICATE`); a different mail reusing a Message-ID is held for a rep;
- bounces, out-of-office replies, mailing lists and our own mail are ignored; other
  automatic mail (an ERP's purchase order) is taken but never answered;
- only a contact email of a known customer may order; others get a polite answer and
  reps are told; a DMARC failure holds the order as a draft for a rep, silently;
- `status SO-00042`, an order code in the subject or a reply on an order's thread is
  answered with the order's status; the same PO again is answered, not ordered twice;
- at most `answers_per_hour` answers per sender, so two robots cannot ping-pong;
- the guards against abuse (`intake_guards`): spreadsheets read per mail, no answer to
  a mail failing DMARC, a global hourly cap on answers to strangers;
- a reply to a quote sent by email is the quote's (`intake_quotes`): a yes confirms it.
A whole batch runs in one unit of work (`intake_batch.Batch`: look-ups once per batch,
orders built by the domain and written in bulk with the Message-ID records); the
listener falls back to one mail per unit when a batch fails.
"""

from __future__ import annotations

from typing import Any

from domain import commands as c
from domain.actors import ActorDoor
from domain.customers.customer import Customer
from domain.errors import DomainError
from domain.inbox.mail import (
    ALREADY_HANDLED,
    InboundRecord,
    IntakeReport,
    MailIn,
    MailOutcome,
    Outcome,
    Seen,
    seen_before,
)
from domain.inbox.reply import Answer, Problem
from domain.orders.factory import DuplicateReference
from domain.orders.matching import MatchedOrder, match_products
from domain.orders.order import SalesOrder
from domain.orders.status_requests import find_status_request
from domain.orders.textparse import ParsedOrder
from domain.orders.tracking import current_link
from domain.ports import UnitOfWork
from domain.services import intake_alerts as alerts
from domain.services.context import ServiceContext
from domain.services.intake_batch import Batch
from domain.services.intake_bridge import hand_over, note_mail
from domain.services.intake_guards import within_limits
from domain.services.intake_headers import mail_headers
from domain.services.intake_quotes import quote_reply
from domain.services.intake_sheets import SheetLookups, sheet_orders
from domain.services.tracking import link_of
from domain.texts import _


def intake_mails(cmd: c.IntakeMails, uow: UnitOfWork, ctx: ServiceContext) -> IntakeReport:
    """Handle a batch of received mails: orders, answers and alerts, each mail once."""
    cmd = within_limits(cmd)
    run = Batch(uow, ctx, cmd)
    recorded = uow.inbound.recorded(m.identity.message_id for m in cmd.mails)
    fresh: list[tuple[int, MailIn]] = []
    for n, mail in enumerate(cmd.mails):  # a mail twice in the batch: its first time
        seen = seen_before(mail.identity, recorded)
        if seen is not Seen.SAME:
            recorded.append(mail.identity)
            fresh.append((n, mail))
        if seen is Seen.REUSED:
            run.reused.add(n)
    outcomes: list[MailOutcome] = []
    with uow.inbound.deferred():
        run.prepare(fresh)
        taking = dict(fresh)
        for n, mail in enumerate(cmd.mails):
            if n not in taking:
                outcomes.append(
                    MailOutcome(mail.message_id, mail.uid, Outcome.DUPLICATE, ALREADY_HANDLED)
                )
                continue
            outcome, customer = _take(n, mail, run)
            outcome = run.guard.noted(mail, outcome)
            note_mail(mail, outcome, run)
            outcomes.append(outcome)
            run.records.append(_record(mail, outcome, customer, run))
    run.finish()
    return IntakeReport(tuple(outcomes))


def _record(
    mail: MailIn, outcome: MailOutcome, customer: Customer | None, run: Batch
) -> InboundRecord:
    return InboundRecord(
        key=mail.identity,
        received_at=run.ctx.now,
        sender=mail.from_address,
        subject=mail.subject[:300],
        outcome=outcome.outcome,
        reason=outcome.reason[:300],
        customer_code=customer.code if customer is not None else None,
        order_code=outcome.order_code,
        answered=outcome.answered,
        folder=mail.folder,
        uid=mail.uid,
    )


def _take(n: int, mail: MailIn, run: Batch) -> tuple[MailOutcome, Customer | None]:
    """Decide one mail; the outcome says what was done."""

    def done(
        outcome: Outcome, reason: str, code: str | None = None, answered: bool = False
    ) -> MailOutcome:
        return MailOutcome(mail.message_id, mail.uid, outcome, reason, code, answered)

    if (flag := mail.ignored_because) is not None:
        return done(Outcome.IGNORED, flag), None
    if mail.from_address is None:
        run.alert(mail, "no_sender", alerts.no_sender(list(mail.problems)))
        return done(Outcome.IGNORED, "no readable sender"), None
    customer = run.customer(mail.from_address)
    if customer is None:
        answer = Answer("not_registered")
        answered = run.answer(mail, answer, None)
        run.alert(mail, "unknown_sender", alerts.unknown_sender(mail))
        return done(Outcome.ANSWERED, "unknown sender", answered=answered), None
    if mail.too_large:
        answer = Answer("too_large", max_mb=run.cmd.rules.max_mb)
        answered = run.answer(mail, answer, customer)
        return done(Outcome.ANSWERED, "too large", answered=answered), customer
    outcome = _order_or_status(n, mail, customer, run)
    return done(*outcome), customer


def _order_or_status(
    n: int, mail: MailIn, customer: Customer, run: Batch
) -> tuple[Outcome, str, str | None, bool]:
    """A status answer, an order, a question handed to a person, or the reason no order
    was made."""
    trusted = mail.dmarc != "fail" and n not in run.reused
    if (replied := quote_reply(mail, customer, trusted, run)) is not None:
        return replied
    # A mail for a person goes to its order's Slack thread (a quote acceptance is
    # decided just above: it is no question for a person).
    if (handed := hand_over(n, mail, customer, run)) is not None:
        return handed
    parsed = run.text_of(n, mail)
    prefixes = run.ctx.policy.numbering.order_prefixes()
    status = find_status_request(mail.body, mail.subject, prefixes)
    code = status.order_code if status is not None and status.source == "body" else None
    if code is None and not parsed.lines and not mail.attachments:
        code = (
            status.order_code if status is not None else run.uow.inbound.order_of(mail.thread_ids)
        )
    elif code is None and (forwarded := run.forwarded(n, mail)) is not None:
        # a forward of a mail that made an order already (Gmail answers the forwarded mail's
        # Message-ID, mutt attaches it whole) is answered with that order, not ordered twice
        ids = (mail.in_reply_to or "", forwarded.message_id)
        code = run.uow.inbound.order_of(i for i in ids if i)
    if code is not None:
        return _status(mail, customer, code, run)
    if mail.dmarc == "fail":
        return _hold(mail, customer, parsed, run, "dmarc_fail")
    if n in run.reused:
        return _hold(mail, customer, parsed, run, "message_id_reused")
    return _order(n, mail, customer, parsed, run)


def _status(
    mail: MailIn, customer: Customer, code: str, run: Batch
) -> tuple[Outcome, str, str | None, bool]:
    """Answer with the order's status, only to the customer the order belongs to."""
    order = run.made.get(code) or run.uow.orders.find(code)
    if order is None or order.customer_code.lower() != customer.code.lower():
        answer = Answer("status", order_code=code, help=("status_request",))
        return Outcome.ANSWERED, "status of unknown order", None, run.answer(mail, answer, customer)
    answer = Answer("status", order=order, tracking_url=_tracking_url(order, run))
    return Outcome.ANSWERED, "status", order.code, run.answer(mail, answer, customer)


def _tracking_url(order: SalesOrder, run: Batch) -> str | None:
    """The customer's tracking link, when tracking links are configured."""
    links = run.ctx.adapters.tracking_links
    if links is None:
        return None
    if order.code in run.made:  # a new order has no link yet: mint one without a query
        token = current_link((), links, order.code, run.ctx.now)[0]
        run.links.append(token)  # written in bulk with the batch
    else:
        found = link_of(order, run.uow, run.ctx)
        if found is None:
            return None
        token = found
    return links.url_for(token.salt)


def _lines_and_problems(
    matched: MatchedOrder, run: Batch
) -> tuple[list[c.LineInput], list[Problem]]:
    """Lines to order and the problems to tell, red (not taken) or yellow (changed)."""
    catalogue = run.catalogue()
    lines: list[c.LineInput] = []
    problems: list[Problem] = []
    for m in matched.lines:
        product = catalogue[m.code]
        if not product.active:
            gone = _("{product} is no longer sold", product=product.code)
            problems.append(Problem("red", m.line.text, gone, m.line.line_no))
            continue
        lines.append(c.LineInput(product=m.code, quantity=m.line.quantity, price=m.line.unit_price))
    for p in matched.problems:
        guess = catalogue.get(p.suggestion) if p.suggestion else None
        line = next((x for x in matched.order.lines if x.line_no == p.line_no), None)
        if guess is not None and guess.active and line is not None:
            lines.append(
                c.LineInput(product=guess.code, quantity=line.quantity, price=line.unit_price)
            )
            reason = _(
                "unknown product '{product}'; did you mean {code}? Taken as {code} ({name})",
                product=line.product, code=guess.code, name=guess.name,
            )  # fmt: skip
            problems.append(Problem("yellow", p.text, reason, p.line_no))
        else:
            problems.append(Problem("red", p.text, p.reason, p.line_no))
    return lines, problems


def _command(
    mail: MailIn, customer: Customer, parsed: ParsedOrder, run: Batch, held: str = ""
) -> tuple[c.CreateOrder | None, list[Problem]]:
    """The CreateOrder for a mail's text, or None when no line can be taken."""
    lines, problems = _lines_and_problems(match_products(parsed, run.catalogue()), run)
    headers = mail_headers(customer, parsed, problems)
    problems.sort(key=lambda p: p.line_no or 0)
    if not lines:
        return None, problems
    cmd = c.CreateOrder(
        actor=mail.from_address or "",
        actor_door=str(ActorDoor.EMAIL),
        customer=customer.code,
        lines=tuple(lines),
        source="email",
        reference=headers.po,
        ship_to=headers.ship_to,
        requested_date=headers.requested_date,
        due_date=headers.due_date,
        confirm=run.cmd.rules.confirm_orders and not held,
        remarks=run.team_words(alerts.remark(mail, held))[:500],
    )
    return cmd, problems


def _order(
    n: int, mail: MailIn, customer: Customer, parsed: ParsedOrder, run: Batch
) -> tuple[Outcome, str, str | None, bool]:
    """Create the order and answer with it, or answer with what stopped it."""
    if parsed.is_empty and not mail.attachments:
        answer = Answer("no_order", help=("order_lines", "status_request"))
        return Outcome.ANSWERED, "no order found", None, run.answer(mail, answer, customer)
    try:
        run.factory().check_reference(customer.code, parsed.po)
    except DuplicateReference as refused:  # the order factory's rule, worded by the mail edge
        answer = Answer(
            "duplicate_po",
            order_code=refused.order_code,
            po=refused.reference,
            customer_code=refused.customer_code,
        )
        answered = run.answer(mail, answer, customer)
        return Outcome.ANSWERED, "duplicate PO", refused.order_code, answered
    cmd, problems = _command(mail, customer, parsed, run)
    if mail.attachments:
        return _with_sheets(n, mail, customer, cmd, problems, run)
    read_from = _read_from(n, mail, run)
    if cmd is None:
        answer = Answer("problems", problems=problems, help=("order_lines",), **read_from)
        return Outcome.ANSWERED, "no line taken", None, run.answer(mail, answer, customer)
    try:
        order = run.create(cmd, customer)
    except DomainError as refused:  # the factory's rules (bounds, money): the sender is told
        problems.append(Problem("red", _("Your order"), refused.text))
        answer = Answer("problems", problems=problems, help=("order_lines",), **read_from)
        return Outcome.ANSWERED, "order refused", None, run.answer(mail, answer, customer)
    answer = Answer(
        "order",
        order=order,
        po=parsed.po,
        problems=problems,
        tracking_url=_tracking_url(order, run),
        **read_from,
    )
    return Outcome.ORDERED, "order", order.code, run.answer(mail, answer, customer)


def _read_from(n: int, mail: MailIn, run: Batch) -> dict[str, Any]:
    """The answer's facts on where the order was read: the mail the sender forwarded."""
    forwarded = run.forwarded(n, mail)
    if forwarded is None:
        return {}
    return {"forwarded": True, "forwarded_from": forwarded.sender}


def _with_sheets(
    n: int,
    mail: MailIn,
    customer: Customer,
    cmd: c.CreateOrder | None,
    problems: list[Problem],
    run: Batch,
) -> tuple[Outcome, str, str | None, bool]:
    """Orders from the attached files (and the text, if it holds lines too); the mail's
    header fields fill what the files leave empty, its PO only when the text has no order."""
    parsed = run.text_of(n, mail)
    headers = mail_headers(customer, parsed, [])  # an unknown address is told by _command
    if cmd is not None:
        headers.po = None  # the text's order carries it
    lookups = SheetLookups(run.product_texts(), run.references(), run.create_all, headers)
    sheets = run.sheets_of(n, mail)
    run.guard.sheets_read(mail)
    codes, sheet_problems = sheet_orders(
        sheets, customer, lookups, run.uow, run.ctx, mail.from_address or ""
    )
    if cmd is not None:
        try:
            codes.insert(0, run.create(cmd, customer).code)
        except DuplicateReference as refused:  # a sheet of the same mail took the PO first
            taken = _("{reference} is already on {order} for {customer}",
                      reference=refused.reference, order=refused.order_code,
                      customer=refused.customer_code)  # fmt: skip
            problems.append(
                Problem("red", _("PO: {reference}", reference=refused.reference), taken)
            )
        except DomainError as refused:  # the text's order broke a rule the sheets' did not
            problems.append(Problem("red", _("Your order"), refused.text))
    problems = problems + sheet_problems
    read_from = _read_from(n, mail, run)
    if not codes:
        answer = Answer("problems", problems=problems, **read_from)
        return Outcome.ANSWERED, "no line taken", None, run.answer(mail, answer, customer)
    first = run.made[codes[0]]
    answer = Answer(
        "order",
        order=first,
        po=parsed.po if parsed.po and first.reference == parsed.po else None,
        also=tuple(codes[1:]),
        problems=problems,
        tracking_url=_tracking_url(first, run),
        **read_from,
    )
    return Outcome.ORDERED, "order", first.code, run.answer(mail, answer, customer)


# Why a mail's order is held as a draft, as its record says it to operators.
_HOLDS = {"dmarc_fail": "DMARC failed", "message_id_reused": "Message-ID reused"}


def _hold(
    mail: MailIn, customer: Customer, parsed: ParsedOrder, run: Batch, why: str
) -> tuple[Outcome, str, str | None, bool]:
    """The order waits as a draft for a rep (DMARC failed, or the Message-ID of another
    mail); the sender is not told."""
    cmd = _command(mail, customer, parsed, run, held=why)[0]
    code, refusal = None, None
    if cmd is not None:
        try:
            code = run.create(cmd, customer).code
        except DomainError as refused:  # the rules of every door: not even a draft
            refusal = refused.text
    run.alert(mail, why, alerts.held(mail, customer, why, alerts.taken(code, refusal)), code)
    return Outcome.HELD, _HOLDS[why], code, False
