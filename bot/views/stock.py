"""Stock as the team reads it: a product's levels, supply and movements; the stock list;
and the availability of an order's lines ("available", "partly available (8)",
"backorder, expected 2026-12-12"), in the reader's language."""

from __future__ import annotations

from domain.orders.lines import BackorderLine
from domain.services.stock import StockListView, StockView
from domain.stock.levels import Movement, MovementKind, StockLevel
from domain.stock.rules import Availability, LineAvailability
from l10n.formats import Formats
from l10n.translation import gettext, pgettext, render

# Translators: why stock on hand changed, before the quantity ("received +10 in MAIN").
_KINDS = {
    MovementKind.OPENING: lambda: pgettext("stock movement", "opening"),
    MovementKind.RECEIVED: lambda: pgettext("stock movement", "received"),
    MovementKind.ADJUSTED: lambda: pgettext("stock movement", "adjusted"),
    MovementKind.SHIPPED: lambda: pgettext("stock movement", "shipped"),
    MovementKind.RETURNED: lambda: pgettext("stock movement", "returned"),
}


def availability_text(line: LineAvailability, f: Formats) -> str:
    """A line's availability in a few words."""
    if line.state == Availability.AVAILABLE:
        return gettext("available")
    if line.state == Availability.PARTLY:
        words = gettext("partly available ({quantity})", quantity=f.number(line.reserved))
    else:
        words = gettext("backorder")
    if line.expected:
        return gettext("{state}, expected {date}", state=words, date=f.date(line.expected))
    return words


def backorder_line(
    code: str,
    line: BackorderLine,
    stock: tuple[tuple[str, LineAvailability], ...],
    f: Formats,
) -> str:
    """A customer's backorder line: what its stock says when its product is tracked (what
    is held, the date supply covers the rest), else the planned date the rep typed."""
    found = next((a for c, a in stock if c == code and a.line_no == line.line_no), None)
    head = gettext(
        "{code}: {quantity} x {product}",
        code=code,
        quantity=f.number(line.quantity),
        product=line.product_code,
    )
    if found is not None:
        return f"{head} · {availability_text(found, f)}"
    if line.expected:
        return gettext("{line}, expected {date}", line=head, date=f.date(line.expected))
    return gettext("{line}, no date", line=head)


def level_text(level: StockLevel, f: Formats) -> str:
    """One level: on hand, reserved, free."""
    return f"{level.product_code:<12} {level.warehouse:<8} " + gettext(
        "on hand {on_hand} · reserved {reserved} · free {free}",
        on_hand=f.number(level.on_hand),
        reserved=f.number(level.reserved),
        free=f.number(level.on_hand - level.reserved),
    )


def movement_text(m: Movement, f: Formats) -> str:
    """One movement with who made it and why."""
    order = gettext("order {code}", code=m.order_code) if m.order_code else ""
    what = " · ".join(x for x in (m.reason, m.reference, order) if x)
    sign = "+" if m.quantity > 0 else ""
    said = gettext(
        "{at} {kind} {quantity} in {warehouse} (then {after}) by {who}",
        at=f.datetime(m.at),
        kind=_KINDS[MovementKind(m.kind)](),
        quantity=sign + f.number(m.quantity),
        warehouse=m.warehouse,
        after=f.number(m.on_hand_after),
        who=m.actor_name or m.actor or gettext("someone"),
    )
    # Translators: a stock movement, then its reason, reference or order.
    return gettext("{movement}: {what}", movement=said, what=what) if what else said


def stock_text(result: StockView | StockListView, f: Formats) -> str:
    """A product's stock, or the stock list."""
    out = [render(result.note)] if result.note else []
    if isinstance(result, StockListView):
        warehouses = ", ".join(result.warehouses)
        if result.below is not None:
            title = gettext(
                "Stock below {n} free (warehouses: {warehouses}):",
                n=f.number(result.below),
                warehouses=warehouses,
            )
        else:
            title = gettext("Stock (warehouses: {warehouses}):", warehouses=warehouses)
        out.append(title)
        out += [f"  {level_text(lv, f)}" for lv in result.levels] or ["  " + gettext("none.")]
        return "\n".join(out)
    out.append(gettext("Stock of {product}:", product=result.product_code))
    levels = [f"  {level_text(lv, f)}" for lv in result.levels]
    out += levels or ["  " + gettext("not tracked: no stock yet.")]
    for supply in result.incoming:
        expected = gettext(
            "Expected {quantity} in {warehouse} on {date}",
            quantity=f.number(supply.quantity),
            warehouse=supply.warehouse,
            date=f.date(supply.expected),
        )
        out.append(f"  {expected}" + (f" ({supply.reference})" if supply.reference else ""))
    if result.movements:
        out.append("  " + gettext("Movements:"))
        out += [f"    {movement_text(m, f)}" for m in result.movements]
    return "\n".join(out)
