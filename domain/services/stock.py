"""Services of the stock commands: receive, adjust, expect supply, show and list stock,
make a warehouse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from domain import commands as c
from domain.errors import ValidationFailed
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.stock.book import StockBook
from domain.stock.levels import Incoming, Movement, MovementKind, StockLevel
from domain.texts import Text, _

MOVEMENTS_SHOWN = 10


@dataclass(frozen=True)
class StockView:
    """A product's stock: its level per warehouse, supply on its way, latest movements."""

    product_code: str
    levels: tuple[StockLevel, ...]
    incoming: tuple[Incoming, ...] = ()
    movements: tuple[Movement, ...] = ()
    note: Text | str = ""


@dataclass(frozen=True)
class StockListView:
    """Every tracked product's level (those with free stock below `below`, when given)."""

    levels: tuple[StockLevel, ...]
    below: Decimal | None = None
    warehouses: tuple[str, ...] = field(default_factory=tuple)
    note: Text | str = ""


def book(uow: UnitOfWork, ctx: ServiceContext) -> StockBook:
    """The stock book of one command."""
    return StockBook(uow.stock, ctx.now, ctx.by, ctx.policy.stock.negative_allowed)


def known_warehouses(uow: UnitOfWork, ctx: ServiceContext) -> list[str]:
    """The warehouses of the settings, then those made with `/warehouse new`."""
    made = [code for code, _name in uow.stock.warehouses()]
    return [
        *ctx.policy.stock.warehouses,
        *(w for w in made if w not in ctx.policy.stock.warehouses),
    ]


def warehouse(word: str, uow: UnitOfWork, ctx: ServiceContext) -> str:
    """The warehouse a command names ("": the default one); refused when unknown."""
    if not word.strip():
        return ctx.policy.stock.default
    known = known_warehouses(uow, ctx)
    for code in known:
        if code.lower() == word.strip().lower():
            return code
    raise ValidationFailed.field(
        "warehouse",
        _("no warehouse {code} (known: {known})", code=word, known=", ".join(known)),
        "stock.no_warehouse",
    )


def _show(uow: UnitOfWork, code: str, note: Text | str = "") -> StockView:
    return StockView(
        code,
        tuple(uow.stock.levels(code)),
        tuple(uow.stock.incoming(code)),
        tuple(uow.stock.movements(code, MOVEMENTS_SHOWN)),
        note,
    )


def _level(uow: UnitOfWork, code: str, where: str) -> StockLevel:
    return uow.stock.lock([code], where).get(code) or StockLevel(code, where)


def receive_stock(cmd: c.ReceiveStock, uow: UnitOfWork, ctx: ServiceContext) -> StockView:
    """Goods came in; a reference naming expected supply counts them off it."""
    code = uow.products.get(cmd.product).code
    where = warehouse(cmd.warehouse, uow, ctx)
    level = _level(uow, code, where)
    book(uow, ctx).move(level, cmd.quantity, MovementKind.RECEIVED, reference=cmd.reference)
    left = cmd.quantity
    for supply in uow.stock.incoming(code, where):
        if cmd.reference and supply.reference.lower() == cmd.reference.lower() and left > 0:
            taken = min(left, supply.quantity)
            uow.stock.take_incoming(supply, taken)
            left -= taken
    return _show(
        uow,
        code,
        _(
            "Received {quantity} x {product} in {warehouse}.",
            quantity=cmd.quantity,
            product=code,
            warehouse=where,
        ),
    )


def open_stock(code: str, quantity: Decimal, uow: UnitOfWork, ctx: ServiceContext) -> None:
    """An import's opening stock: what is on hand in the default warehouse becomes
    `quantity`, by one movement of the difference (none when it is so already)."""
    where = ctx.policy.stock.default
    level = _level(uow, code, where)
    if quantity != level.on_hand or not uow.stock.levels(code):
        book(uow, ctx).move(
            level, quantity - level.on_hand, MovementKind.OPENING, reason="opening stock (import)"
        )


def adjust_stock(cmd: c.AdjustStock, uow: UnitOfWork, ctx: ServiceContext) -> StockView:
    """A manager corrects what is on hand, with the reason."""
    if not cmd.reason.strip():
        raise ValidationFailed.field(
            "reason", _("say why the stock changes (reason:TEXT)"), "stock.no_reason"
        )
    if cmd.quantity == 0:
        raise ValidationFailed.field(
            "quantity", _("an adjustment of 0 changes nothing"), "stock.zero"
        )
    code = uow.products.get(cmd.product).code
    where = warehouse(cmd.warehouse, uow, ctx)
    level = _level(uow, code, where)
    book(uow, ctx).move(level, cmd.quantity, MovementKind.ADJUSTED, reason=cmd.reason.strip())
    return _show(
        uow,
        code,
        _(
            "Adjusted {product} in {warehouse} by {quantity}.",
            product=code,
            warehouse=where,
            quantity=cmd.quantity,
        ),
    )


def add_incoming(cmd: c.AddIncoming, uow: UnitOfWork, ctx: ServiceContext) -> StockView:
    """Supply expected on a day."""
    if cmd.expected < ctx.now.date():
        raise ValidationFailed.field(
            "date",
            _("{day} is past; expected supply comes on a day to come", day=cmd.expected),
            "stock.past_date",
        )
    code = uow.products.get(cmd.product).code
    where = warehouse(cmd.warehouse, uow, ctx)
    uow.stock.add_incoming(Incoming(code, where, cmd.quantity, cmd.expected, cmd.reference))
    return _show(
        uow,
        code,
        _(
            "Expecting {quantity} x {product} in {warehouse} on {date}.",
            quantity=cmd.quantity,
            product=code,
            warehouse=where,
            date=cmd.expected,
        ),
    )


def show_stock(cmd: c.ShowStock, uow: UnitOfWork, ctx: ServiceContext) -> StockView:
    """A product's stock."""
    return _show(uow, uow.products.get(cmd.product).code)


def list_stock(cmd: c.ListStock, uow: UnitOfWork, ctx: ServiceContext) -> StockListView:
    """The stock of every tracked product, or of those below a level."""
    levels: Sequence[StockLevel] = uow.stock.below(cmd.below)
    return StockListView(tuple(levels), cmd.below, tuple(known_warehouses(uow, ctx)))


def create_warehouse(cmd: c.CreateWarehouse, uow: UnitOfWork, ctx: ServiceContext) -> StockListView:
    """A new warehouse; refused when the code is taken."""
    known = known_warehouses(uow, ctx)
    if any(code.lower() == cmd.code.strip().lower() for code in known):
        raise ValidationFailed.field(
            "warehouse", _("{code} already exists", code=cmd.code), "stock.warehouse_taken"
        )
    code = cmd.code.strip().upper()
    uow.stock.add_warehouse(code, cmd.name.strip())
    return StockListView((), None, (*known, code), _("Warehouse {code} made.", code=code))
