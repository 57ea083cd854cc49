"""One batch of the mail intake: what it reads once, and the orders it writes at once.

Owns the batch's unit of work and everything the intake would otherwise look up per
mail: the catalogue, taxes, the senders' customers, the answers sent in the last hour,
the PO references already taken (of every mail's text and attached sheet, in one query),
and a block of order codes reserved in one counter update. Orders are made by the order
factory every door uses (`domain.orders.factory`, here with `BatchSources`), which also
remembers the POs of the batch's own orders, and written in bulk with the Message-ID
records at the end of the batch (`finish`); the unused order codes go back to the
counter so numbering stays gap-free.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from domain import commands as c
from domain.catalog.products import Product
from domain.customers import identity
from domain.customers.customer import Customer
from domain.errors import DomainError
from domain.inbox.mail import ForwardedMail, InboundRecord, MailIn
from domain.inbox.ordertext import MailOrder, Reader, read_mail_order
from domain.inbox.reply import Answer, rep_alert, reply_message
from domain.numbering import DocumentKind
from domain.orders.creation import NewOrder
from domain.orders.factory import OrderFactory
from domain.orders.order import SalesOrder
from domain.orders.textparse import ParsedOrder
from domain.orders.tracking import TrackingToken
from domain.outbox.messages import OutboxMessage
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.services.intake_guards import IntakeGuard
from domain.services.intake_sheets import ReadSheet, read_sheets, sheet_references
from domain.services.order_sources import BatchSources
from domain.services.stock_follow import reserve_new
from domain.stock import availability
from domain.texts import Text


@dataclass
class Batch:
    """One batch: the unit of work, what it read once, and what it made so far."""

    uow: UnitOfWork
    ctx: ServiceContext
    cmd: c.IntakeMails
    records: list[InboundRecord] = field(default_factory=list)
    answers: Counter[str] = field(default_factory=Counter)
    made: dict[str, SalesOrder] = field(default_factory=dict)  # orders of this batch
    parsed: dict[int, MailOrder] = field(default_factory=dict)  # by position in the batch
    reused: set[int] = field(default_factory=set)  # positions of mails reusing a Message-ID
    sheets: dict[int, list[ReadSheet]] = field(default_factory=dict)
    taken_refs: dict[tuple[str, str], str] = field(default_factory=dict)  # orders.references
    _catalogue: dict[str, Product] | None = None
    _by_text: dict[str, Product] | None = None
    _by_code: dict[str, Product] | None = None
    _customers: dict[str, Customer | None] = field(default_factory=dict)
    _earlier: dict[str, int] | None = None  # answers per sender in the last hour
    _factory: OrderFactory | None = None
    _sources: BatchSources | None = None
    _new: list[NewOrder] = field(default_factory=list)
    outbox: list[OutboxMessage] = field(default_factory=list)  # answers and alerts
    links: list[TrackingToken] = field(default_factory=list)  # of the batch's new orders
    guard: IntakeGuard = field(init=False)  # who may be answered, what the reasons add

    def __post_init__(self) -> None:
        self.guard = IntakeGuard(self.uow, self.ctx, self.cmd.rules, self.outbox)

    # --- read once ------------------------------------------------------------------------

    def prepare(self, fresh: list[tuple[int, MailIn]]) -> None:
        """Parse the fresh mails' text, read their sheets, and look up their POs at once."""
        wanted: set[tuple[str, str]] = set()
        for n, mail in fresh:
            customer = self.customer(mail.from_address) if mail.from_address else None
            if customer is None or mail.ignored_because is not None or mail.too_large:
                continue
            parsed = self.text_of(n, mail)
            if parsed.po:
                wanted.add((customer.code, parsed.po))
            if mail.attachments:
                sheets = self.sheets[n] = read_sheets(mail.attachments, self.ctx)
                wanted.update((customer.code, ref) for ref in sheet_references(sheets))
        if wanted:
            self.taken_refs.update(self.uow.orders.references(wanted))

    def text_of(self, n: int, mail: MailIn) -> ParsedOrder:
        """The order read from a mail's words (parsed once per batch)."""
        return self._read(n, mail).parsed

    def forwarded(self, n: int, mail: MailIn) -> ForwardedMail | None:
        """The forwarded mail the mail's order was read from, if it was."""
        return self._read(n, mail).forwarded

    def _read(self, n: int, mail: MailIn) -> MailOrder:
        if n not in self.parsed:
            self.parsed[n] = read_mail_order(mail, self._reader())
        return self.parsed[n]

    def _reader(self) -> Reader:
        """Mails' texts read with this business's order codes and product codes."""
        prefixes = self.ctx.policy.numbering.order_prefixes()
        return Reader(prefixes, frozenset(code.upper() for code in self.catalogue()))

    def sheets_of(self, n: int, mail: MailIn) -> list[ReadSheet]:
        """The mail's attached files as read (once per batch)."""
        if n not in self.sheets:
            self.sheets[n] = read_sheets(mail.attachments, self.ctx)
        return self.sheets[n]

    def catalogue(self) -> dict[str, Product]:
        """Every product by code, read once per batch."""
        if self._catalogue is None:
            self._catalogue = {p.code: p for p in self.uow.products.list()}
        return self._catalogue

    def _products_by_code(self) -> dict[str, Product]:
        if self._by_code is None:
            self._by_code = {p.code.lower(): p for p in self.catalogue().values()}
        return self._by_code

    def product_texts(self) -> dict[str, Product]:
        """Products by lower-cased code, else by lower-cased exact name (as imports match)."""
        if self._by_text is None:
            by_code = self._products_by_code()
            by_name: dict[str, Product] = {}
            for product in sorted(self.catalogue().values(), key=lambda p: p.code):
                by_name.setdefault(product.name.lower(), product)
            self._by_text = {**by_name, **by_code}
        return self._by_text

    def factory(self) -> OrderFactory:
        """The order factory of the batch: its look-ups read once, codes reserved at once."""
        if self._factory is None:
            rates = {t.code.lower(): t.rate for t in self.uow.taxes.list()}
            self._sources = BatchSources(
                self.uow,
                self._products_by_code(),
                rates,
                len(self.cmd.mails),
                self.taken_refs,
                style=self.ctx.style(DocumentKind.ORDER),
            )
            self._factory = OrderFactory(self.ctx.now, self._sources, self.ctx.policy.money)
        return self._factory

    def customer(self, address: str) -> Customer | None:
        """The one customer with this contact email, or None (the batch's senders are read
        at once); addresses are compared as the identity rule compares them."""
        if not self._customers and self.cmd.mails:
            found = self.uow.inbound.senders(
                m.from_address for m in self.cmd.mails if m.from_address
            )
            for mail in self.cmd.mails:
                if mail.from_address:
                    key = identity.email_key(mail.from_address)
                    self._customers[mail.from_address] = found.get(key)
        if address not in self._customers:
            self._customers[address] = self.uow.customers.by_email(address)
        return self._customers[address]

    def references(self) -> dict[tuple[str, str], str]:
        """(customer, PO key) -> order code, of the database and of this batch, for sheets."""
        return {**self.taken_refs, **self.factory().made}

    # --- orders ---------------------------------------------------------------------------

    def create(self, cmd: c.CreateOrder, customer: Customer) -> SalesOrder:
        """Make the order `cmd` asks for, to be written with the batch."""
        return self.create_all([cmd], customer)[0]

    def create_all(self, cmds: Sequence[c.CreateOrder], customer: Customer) -> list[SalesOrder]:
        """Make the orders of one file, all or none: when the factory refuses one, the
        others are not written and their POs are free again."""
        factory = self.factory()
        known = len(factory.made)  # planning only adds references, in order
        try:
            news = [factory.plan(cmd, customer) for cmd in cmds]
        except DomainError:
            for reference in list(factory.made)[known:]:
                del factory.made[reference]
            raise
        self._new.extend(news)
        reserve_new(news, self.uow.stock, self.ctx.policy.stock, self.ctx.now)
        for new in news:
            self.made[new.code] = new.aggregate()  # what the answer shows
        return [self.made[new.code] for new in news]

    def finish(self) -> None:
        """Write the batch in bulk: orders (unused codes given back), messages, links, records."""
        self.uow.orders.add_new(self._new)
        if self._sources is not None:
            self._sources.give_back()
        self.uow.inbound.add_messages(self.outbox)
        self.uow.inbound.add_links(self.links)
        self.uow.inbound.add_many(self.records)

    # --- answers --------------------------------------------------------------------------

    def answer(self, mail: MailIn, answer: Answer, customer: Customer | None) -> bool:
        """Write the reply unless the mail is automatic or the sender had enough answers."""
        sender = mail.from_address
        if sender is None or mail.silent_because is not None:
            return False
        if customer is not None and mail.language is not None:
            # A customer whose language nobody chose gets the one they write in, and keeps it.
            customer.learn_language(mail.language)
        if self._earlier is None:  # one query for the whole batch's senders
            senders = (m.from_address for m in self.cmd.mails if m.from_address)
            since = self.ctx.now - timedelta(hours=1)
            self._earlier = self.uow.inbound.answers_since(senders, since)
        sent = self._earlier.get(sender, 0) + self.answers[sender]
        if sent >= self.cmd.rules.answers_per_hour:
            return False
        if not self.guard.let_through(mail, answer, customer):  # DMARC, strangers' cap
            return False
        self.answers[sender] += 1
        name = customer.name if customer is not None else ""
        language = customer.language if customer is not None else mail.language
        if answer.order is not None:  # what can ship now, reserved when it was made
            answer.availability = availability.of_order(self.uow.stock, answer.order.code)
        reply = reply_message(mail, answer, self.ctx.now, name, language, stranger=customer is None)
        self.outbox.append(reply)
        return True

    def alert(
        self, mail: MailIn, reason: str, text: Text | str, order_code: str | None = None
    ) -> None:
        """Tell reps in Slack (a sentence is said in the team's language when posted)."""
        channel = self.cmd.rules.rep_channel
        self.outbox.append(rep_alert(channel, mail, self.ctx.now, reason, text, order_code))

    def team_words(self, sentence: Text) -> str:
        """`sentence` written in the team's language, for what is stored as text (an
        order's remark); English when no writer is wired."""
        say = self.ctx.adapters.team_words
        return say(sentence) if say is not None else str(sentence)
