"""Stock as the team reads it: a product's levels, supply and movements; the stock list;
and the availability of an order's lines ("available", "partly available (8)",
"backorder, expected 2026-12-12")."""

from __future__ import annotations

from domain.orders.lines import BackorderLine
from domain.services.stock import StockListView, StockView
from domain.stock.levels import Movement, StockLevel
from domain.stock.rules import Availability, LineAvailability
from l10n.formats import Formats


def availability_text(line: LineAvailability, f: Formats) -> str:
    """A line's availability in a few words."""
    if line.state == Availability.AVAILABLE:
        return "available"
    words = (
        f"partly available ({f.number(line.reserved)})"
        if line.state == Availability.PARTLY
        else "backorder"
    )
    return words + (f", expected {f.date(line.expected)}" if line.expected else "")


def backorder_line(
    code: str,
    line: BackorderLine,
    stock: tuple[tuple[str, LineAvailability], ...],
    f: Formats,
) -> str:
    """A customer's backorder line: what its stock says when its product is tracked (what
    is held, the date supply covers the rest), else the planned date the rep typed."""
    found = next((a for c, a in stock if c == code and a.line_no == line.line_no), None)
    head = f"{code}: {f.number(line.quantity)} x {line.product_code}"
    if found is not None:
        return f"{head} · {availability_text(found, f)}"
    return head + (f", expected {f.date(line.expected)}" if line.expected else ", no date")


def level_text(level: StockLevel, f: Formats) -> str:
    """One level: on hand, reserved, free."""
    return (
        f"{level.product_code:<12} {level.warehouse:<8} on hand {f.number(level.on_hand)} · "
        f"reserved {f.number(level.reserved)} · free {f.number(level.on_hand - level.reserved)}"
    )


def movement_text(m: Movement, f: Formats) -> str:
    """One movement with who made it and why."""
    what = " · ".join(
        x for x in (m.reason, m.reference, f"order {m.order_code}" if m.order_code else "") if x
    )
    who = m.actor_name or m.actor or "someone"
    sign = "+" if m.quantity > 0 else ""
    return (
        f"{f.datetime(m.at)} {m.kind} {sign}{f.number(m.quantity)} in {m.warehouse} "
        f"(then {f.number(m.on_hand_after)}) by {who}" + (f": {what}" if what else "")
    )


def stock_text(result: StockView | StockListView, f: Formats) -> str:
    """A product's stock, or the stock list."""
    out = [result.note] if result.note else []
    if isinstance(result, StockListView):
        title = "Stock" + (
            f" below {f.number(result.below)} free" if result.below is not None else ""
        )
        out.append(f"{title} (warehouses: {', '.join(result.warehouses)}):")
        out += [f"  {level_text(lv, f)}" for lv in result.levels] or ["  none."]
        return "\n".join(out)
    out.append(f"Stock of {result.product_code}:")
    out += [f"  {level_text(lv, f)}" for lv in result.levels] or ["  not tracked: no stock yet."]
    for supply in result.incoming:
        ref = f" ({supply.reference})" if supply.reference else ""
        out.append(
            f"  Expected {f.number(supply.quantity)} in {supply.warehouse} on "
            f"{f.date(supply.expected)}{ref}"
        )
    if result.movements:
        out.append("  Movements:")
        out += [f"    {movement_text(m, f)}" for m in result.movements]
    return "\n".join(out)
