"""The stock part of the managers' digest in Slack: products low in stock, and the orders
that became available to ship, each with a *Ship* button (`order ship CODE` with the
clicker's rights, like every card button)."""

from __future__ import annotations

from bot.slack.cards import Block, button, section
from domain.stock.digest import StockDigest
from l10n.formats import Formats
from l10n.translation import gettext, ngettext

MAX_SHIP_BUTTONS = 15  # one block each; Slack allows 50 blocks per message
MAX_LOW = 30


def stock_blocks(stock: StockDigest, f: Formats) -> list[Block]:
    """Low stock as a list, then one block per order now available, with its button."""
    blocks: list[Block] = []
    if stock.low:
        listed = "\n".join(
            "• "
            + gettext(
                "{product} in {warehouse}: {free} free ({on_hand} on hand)",
                product=lv.product_code,
                warehouse=lv.warehouse,
                free=f.number(lv.free),
                on_hand=f.number(lv.on_hand),
            )
            for lv in stock.low[:MAX_LOW]
        )
        more = len(stock.low) - MAX_LOW
        tail = "\n" + gettext("… and {more} more", more=f.number(more)) if more > 0 else ""
        title = gettext("*Low stock* (under {threshold} free)", threshold=f.number(stock.threshold))
        blocks.append(section(f"{title}\n{listed}{tail}"))
    for index, code in enumerate(stock.available[:MAX_SHIP_BUTTONS]):
        block = section(":package: " + gettext("*{code}* is available to ship", code=code))
        block["accessory"] = button(gettext("Ship"), f"order ship {code}", 100 + index, "primary")
        blocks.append(block)
    more = len(stock.available) - MAX_SHIP_BUTTONS
    if more > 0:
        blocks.append(
            section(
                ngettext(
                    "… and {more} more order available to ship.",
                    "… and {more} more orders available to ship.",
                    more,
                    more=f.number(more),
                )
            )
        )
    return blocks
