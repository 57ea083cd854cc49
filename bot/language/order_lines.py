"""Order lines as a rep types them on one line: `PRODUCT QTY [@PRICE] [-10%|-2.50]`
repeated (`/order new`, `/sub new`, the `/order new` modal's lines)."""

from __future__ import annotations

from decimal import Decimal

from bot.language.words import Quoted, UsageError, number, positive
from domain import commands as c
from domain.errors import ValidationFailed
from domain.orders.lines import read_line_discount
from l10n.translation import gettext, render


def read_lines(words: list[str]) -> tuple[c.LineInput, ...]:
    """`PRODUCT QTY [@PRICE] [-5%|-2.50]` repeated, as line inputs. A product code may be
    a number (`1234 2`: product 1234) or quoted (`"WIDGET A" 2`)."""
    lines: list[c.LineInput] = []
    i = 0
    while i < len(words):
        product = words[i]
        if not isinstance(product, Quoted) and product.startswith("@"):
            raise UsageError(
                gettext("{typed} is where a product code should be", typed=repr(product))
            )
        if i + 1 >= len(words):
            raise UsageError(gettext("{product} needs a quantity: {product} QTY", product=product))
        quantity = positive(
            words[i + 1].replace("x", "").replace("X", "") or "?",
            gettext("quantity of {product}", product=product),
        )
        i += 2
        price: Decimal | None = None
        percent = off = Decimal(0)
        if i < len(words) and words[i].startswith("@"):
            text = words[i][1:]
            if not text and i + 1 < len(words):
                i += 1
                text = words[i]
            price = number(text, gettext("price of {product}", product=product))
            if price < 0:
                raise UsageError(gettext("price of {product} cannot be negative", product=product))
            i += 1
        if i < len(words) and words[i].startswith("-") and len(words[i]) > 1:
            try:
                percent, off = read_line_discount(words[i])
            except ValidationFailed as refusal:
                problem = render(refusal.text)
                raise UsageError(
                    gettext("discount of {product}: {problem}", product=product, problem=problem)
                ) from None
            i += 1
        lines.append(
            c.LineInput(
                product=product,
                quantity=quantity,
                price=price,
                discount_percent=percent,
                discount_amount=off,
            )
        )
    return tuple(lines)
