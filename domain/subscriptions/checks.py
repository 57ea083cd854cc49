"""Whether a subscription's products still allow it: each product exists, is active and
allows the subscription's frequency.

A product may change after a subscription was made of it (`/product set` at any door):
the service of that command tells the rep which subscriptions the change stops, and the
subscription job skips their due periods with the same reason instead of ordering what
the catalogue no longer sells that way. The reasons are sentences, said in each
reader's language (a frequency stays the word `every:` takes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.catalog.products import Product
from domain.text_values import Sentences
from domain.texts import Text, _


def product_problem(code: str, product: Product | None, frequency: str) -> Text | None:
    """Why product `code` stops a subscription at `frequency`; None when it does not."""
    if product is None:
        return _("product {code} no longer exists", code=code)
    if not product.active:
        return _("product {code} is inactive", code=product.code)
    if product.allows(frequency):
        return None
    allowed = product.allowed_frequencies()
    if not allowed:
        return _(
            "product {code} no longer allows {frequency} (it allows no subscription)",
            code=product.code,
            frequency=frequency,
        )
    return _(
        "product {code} no longer allows {frequency} (it allows {allowed})",
        code=product.code,
        frequency=frequency,
        allowed=", ".join(allowed),
    )


def subscription_problem(
    frequency: str, codes: Iterable[str], products: Mapping[str, Product]
) -> Sentences | None:
    """Why a subscription at `frequency` of the products `codes` cannot order now
    (`products` keyed by lower-cased code), a reason per product that stops it; None
    when every product allows it."""
    problems = tuple(
        problem
        for code in codes
        if (problem := product_problem(code, products.get(code.lower()), frequency))
    )
    return Sentences(problems, "; ") if problems else None
