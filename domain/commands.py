"""Commands and queries: what a door asks of orderbot, as frozen pydantic models.

Every door (Slack, console, email, spreadsheet import, scheduler) builds one of these
and hands it to the message bus. `manager` is set by the door for people allowed to
run manager-only commands; `idempotency_key` makes a repeated delivery a no-op.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from domain.inbox.mail import IntakeRules, MailIn


class Command(BaseModel):
    """Base: a request that changes data."""

    model_config = ConfigDict(frozen=True)
    writes: ClassVar[bool] = True
    manager_only: ClassVar[bool] = False

    actor: str = ""
    manager: bool = False
    idempotency_key: str | None = None


class Query(Command):
    """Base: a request that only reads."""

    writes: ClassVar[bool] = False


class LineInput(BaseModel):
    """A product line as typed: price and discount default to the product's."""

    model_config = ConfigDict(frozen=True)
    product: str
    quantity: Decimal
    price: Decimal | None = None
    discount_percent: Decimal = Decimal(0)
    remarks: str = ""


class OrderFields(Command):
    """Header fields shared by creating and changing an order; None means unchanged."""

    reference: str | None = None
    due_date: date | None = None
    requested_date: date | None = None
    ship_to: str | None = None
    bill_to: str | None = None
    payment_terms: str | None = None
    delivery_method: str | None = None
    warehouse: str | None = None
    remarks: str | None = None
    discount_value: Decimal | None = None
    discount_is_percent: bool = True
    shipping_charges: Decimal | None = None
    adjustment: Decimal | None = None


# --- orders ---------------------------------------------------------------------


class CreateOrder(OrderFields):
    customer: str
    lines: tuple[LineInput, ...]
    code: str | None = None
    source: str = "console"
    confirm: bool = False
    parent_code: str | None = None
    relation: str | None = None
    subscription_id: int | None = None
    subscription_iteration: int | None = None


class SetOrderTerms(OrderFields):
    code: str


class AddLine(Command):
    code: str
    line: LineInput


class RemoveLine(Command):
    code: str
    product: str


class ConfirmOrder(Command):
    code: str


class CancelOrder(Command):
    code: str
    reason: str = ""


class CloseOrder(Command):
    code: str


class MarkShipmentReady(Command):
    code: str
    shipment: int | None = None


class ShipOrder(Command):
    code: str
    shipment: int | None = None
    carrier: str = ""
    tracking: str = ""


class DeliverOrder(Command):
    code: str
    shipment: int | None = None


class SplitShipment(Command):
    code: str
    product: str
    quantity: Decimal
    planned_date: date | None = None


class MergeOrders(Command):
    first: str
    second: str


class InvoiceOrder(Command):
    code: str
    lines: tuple[tuple[str, Decimal], ...] = ()


class CreateWorkOrders(Command):
    code: str
    scope: str


class CreateReturn(Command):
    code: str
    product: str
    quantity: Decimal
    reason: str = ""


class NotifyOrder(Command):
    code: str


class ShowOrder(Query):
    code: str


class ListOrders(Query):
    customer: str | None = None
    status: str | None = None
    limit: int = 50


# --- customers ------------------------------------------------------------------


class CreateCustomer(Command):
    code: str
    name: str
    vat_number: str = ""
    email: str = ""
    language: str = "en"


class AddCustomerNote(Command):
    code: str
    text: str


class AddAddress(Command):
    customer: str
    code: str
    name: str = ""
    street: str = ""
    city: str = ""
    postal_code: str = ""
    state: str = ""
    country: str = ""
    default: bool = False


class AddContact(Command):
    customer: str
    name: str
    email: str = ""
    phone: str = ""
    default: bool = False


class FindCustomers(Query):
    text: str
    limit: int = 10


class ShowCustomer(Query):
    code: str


# --- catalogue ------------------------------------------------------------------


class CreateProduct(Command):
    code: str
    name: str
    price: Decimal
    tax: str | None = None
    frequencies: str = ""


class ListProducts(Query):
    text: str = ""


class ShowProduct(Query):
    code: str


class CreateTax(Command):
    manager_only: ClassVar[bool] = True
    code: str
    rate: Decimal


class ListTaxes(Query):
    pass


# --- cases ----------------------------------------------------------------------


class OpenCase(Command):
    customer: str
    priority: str
    title: str


class ListCases(Query):
    customer: str | None = None


class CloseCase(Command):
    case_id: int


# --- subscriptions --------------------------------------------------------------


class CreateSubscription(Command):
    customer: str
    lines: tuple[tuple[str, Decimal], ...]
    frequency: str
    start_date: date
    end_date: date | None = None
    catch_up: str = "all"


class ListSubscriptions(Query):
    customer: str | None = None


class PauseSubscription(Command):
    subscription_id: int


class ResumeSubscription(Command):
    subscription_id: int


class EndSubscription(Command):
    subscription_id: int


# --- notifications, tracking links, catalogue mail, outbox --------------------------


class ViewAsCustomer(Command):
    """The order's tracking link as its customer gets it (may mint one: it writes)."""

    code: str


class RevokeTracking(Command):
    code: str


class SendCatalog(Command):
    customer: str


class ListDeadMessages(Query):
    limit: int = 20
    since: datetime | None = None


# --- inbox (orders by email) --------------------------------------------------------


class IntakeMails(Command):
    """Handle a batch of received mails (each once): orders, answers, rep alerts."""

    mails: tuple[MailIn, ...]
    rules: IntakeRules = IntakeRules()


class QuarantineMail(Command):
    """Set a mail that keeps failing aside: recorded as handled, reps told, answered."""

    mail: MailIn
    attempts: int
    error: str
    rules: IntakeRules = IntakeRules()
    answer: bool = True  # False when answering failed too: reps only


# --- slack ----------------------------------------------------------------------


class ClaimDelivery(Command):
    """Mark a delivery (a Slack event id) as handled; the result says if it was new."""

    key: str


# --- imports --------------------------------------------------------------------


class CheckImport(Command):
    """Read and judge a spreadsheet (customers, orders or products); writes only a session.

    `customer` names the customer of a single-order file (the email's sender, or
    `--customer`); multi-order files have a Customer code column instead.
    """

    kind: str
    path: str
    filename: str = ""
    customer: str | None = None


class SkipImportRows(Command):
    """Leave rows of a checked import out, by spreadsheet row number (or take them back)."""

    session_id: str
    rows: tuple[int, ...]
    unskip: bool = False


class ConfirmImport(Command):
    """Write a checked import in one transaction; confirming again changes nothing."""

    session_id: str


class ShowImport(Query):
    """The report of an import session."""

    session_id: str


class WriteAnnotatedCopy(Query):
    """Write the checked file with Status and Message columns (reads the database only)."""

    session_id: str
    path: str


class WriteImportTemplate(Query):
    """Write an empty import template of a kind (reads nothing, writes a file only)."""

    kind: str
    path: str


# --- jobs -----------------------------------------------------------------------


class ListJobRuns(Query):
    """The job log: the latest runs, of every job or of one."""

    job: str | None = None
    limit: int = 20


class RunJob(Command):
    """Run a background job now (managers); `slot` is the schedule time it stands for."""

    manager_only: ClassVar[bool] = True
    # The runner commits its own transactions (one per batch); the bus's unit of work
    # stays untouched, so it must not commit (or hold a write lock) around the run.
    writes: ClassVar[bool] = False
    name: str
    slot: datetime | None = None
