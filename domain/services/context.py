"""What a service is given besides its command and unit of work: the time, the rules and
who asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from domain.actors import UNKNOWN, Actor
from domain.einvoicing.document import Party
from domain.einvoicing.of_invoice import Seller
from domain.einvoicing.ports import EInvoiceFiles
from domain.imports.ports import SheetFiles
from domain.imports.sessions import Progress
from domain.jobs.ports import JobRunnerPort
from domain.numbering import DocumentKind, Numbering, NumberStyle
from domain.orders.listing import OrderSheets
from domain.orders.money_rules import MoneyDefaults
from domain.orders.order import AutoClose
from domain.orders.totals import PRORATA
from domain.orders.tracking import TrackingLinks
from domain.records.terms import PaymentTerms
from domain.stock.policy import StockPolicy
from domain.texts import Text


@dataclass(frozen=True)
class Policy:
    """Business settings that change what services do."""

    auto_close: AutoClose = AutoClose.ON_BOTH
    notify_auto: bool = False
    currency: str = "EUR"
    public_url: str = "http://127.0.0.1:8000"
    subscriptions_enabled: bool = True
    zone: tzinfo = UTC
    """The business's time zone: where its days begin (lists by date, overdue)."""
    shipping_tax: str = PRORATA
    discount_after_tax: bool = False
    payment_terms: PaymentTerms = field(default_factory=PaymentTerms)
    """What an order's terms mean: the due dates of its invoices."""
    numbering: Numbering = field(default_factory=Numbering)
    """The prefix and width of each kind's codes (SO-00001, INV-00001...)."""
    orders_channel: str = ""
    """The Slack channel of the order threads (SLACK_ORDERS_CHANNEL); "": none."""
    seller: Seller = field(default_factory=lambda: Seller(Party("orderbot demo", country="FR")))
    """Who invoices, as e-invoices name it (the Company settings)."""
    stock: StockPolicy = field(default_factory=StockPolicy)

    @property
    def money(self) -> MoneyDefaults:
        """What new orders store of the money rules (currency, shipping tax, discount)."""
        return MoneyDefaults(self.currency, self.shipping_tax, self.discount_after_tax)

    def today(self, now: datetime) -> date:
        """The business's day at `now`."""
        return now.astimezone(self.zone).date()


@dataclass(frozen=True)
class Adapters:
    """I/O that services reach through ports, wired by bootstrap (fakes in unit tests).

    Each feature adds its port here as a typed field defaulting to None, and its
    services refuse clearly when the port they need is missing.
    """

    # Signs and mints the tracking links of notifications; None: mails carry no link.
    tracking_links: TrackingLinks | None = None
    # Spreadsheet imports: reading/writing sheet files, and an optional progress callback
    # (the CLI's progress bar).
    sheet_files: SheetFiles | None = None
    # Runs a background job now and logs the run (`/jobs run NAME`).
    jobs: JobRunnerPort | None = None
    import_progress: Progress | None = None
    # Writes exported lists of orders (xlsx, csv).
    order_sheets: OrderSheets | None = None
    # Writes, checks and attaches the XML of e-invoices (Factur-X).
    einvoice_files: EInvoiceFiles | None = None
    # Writes a sentence in the team's language (LANGUAGE), for a text stored as it is
    # read (the remark of an order made from a mail); None: the English.
    team_words: Callable[[Text], str] | None = None


@dataclass(frozen=True)
class ServiceContext:
    """The clock reading, policy and adapters for one command, and its actor (who asked:
    a Slack user id, the console's OS user...), which event handlers write on histories."""

    now: datetime
    policy: Policy
    adapters: Adapters = field(default_factory=Adapters)
    actor: str = ""
    by: Actor = UNKNOWN
    """The actor in full (door, id, name): what the order timeline records."""

    def style(self, kind: DocumentKind) -> NumberStyle:
        """How the codes of this kind of document are written now."""
        return self.policy.numbering[kind]
