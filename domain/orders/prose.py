"""Order lines written inside a sentence: "merci de nous livrer 12 cartons de WIDGET-A et
3 GADGET", "vi vil gerne bestille 5 stk. WIDGET-A og 2 stk. GADGET".

Owns finding, in a line of prose that is no order line of its own, each quantity written
right before a product of the catalogue (a unit and "de", "of" or "af" may sit between
them). Only products the catalogue holds count, so numbers in prose ("12 rue de la
Paix", "we met 12 people") are never taken for orders. Each find is handed back as the
order line it stands for (`12 x WIDGET-A`), to be read by the one line rule of
`domain.orders.textparse`. Pure: no I/O.
"""

from __future__ import annotations

import re

UNIT = r"(?:pcs?|pieces?|pièces?|units?|unités?|ea|boxes|cartons?|stk|styk)\.?"
"""The units people write after a quantity, in English, French and Danish."""

_PHRASE = re.compile(
    rf"(?<![\w.,/-])(?P<qty>\d+(?:[.,]\d+)?)\s*(?:{UNIT}\s+)?(?:(?:de|d'|of|af)\s*)?"
    r"(?P<prod>[A-Za-z0-9][A-Za-z0-9._/#+-]*[A-Za-z0-9]|[A-Za-z0-9])(?![\w/#+-])",
    re.IGNORECASE,
)


def order_phrases(sentence: str, catalogue: frozenset[str]) -> list[str]:
    """The order lines a sentence holds, as `QTY x CODE`, for products of `catalogue`
    (upper-cased codes); none without a catalogue."""
    if not catalogue:
        return []
    found = []
    for m in _PHRASE.finditer(sentence.replace("\u00a0", " ").replace("\u202f", " ")):
        if m["prod"].upper() in catalogue:
            found.append(f"{m['qty']} x {m['prod']}")
    return found
