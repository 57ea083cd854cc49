"""Whether a subscription's products still allow it: each product exists, is active and
allows the subscription's frequency.

A product may change after a subscription was made of it (`/product set` at any door):
the service of that command tells the rep which subscriptions the change stops, and the
subscription job skips their due periods with the same reason instead of ordering what
the catalogue no longer sells that way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.catalog.products import Product


def product_problem(code: str, product: Product | None, frequency: str) -> str | None:
    """Why product `code` stops a subscription at `frequency`; None when it does not."""
    if product is None:
        return f"product {code} no longer exists"
    if not product.active:
        return f"product {product.code} is inactive"
    if not product.allows(frequency):
        allowed = ", ".join(product.allowed_frequencies()) or "no subscription"
        return f"product {product.code} no longer allows {frequency} (it allows {allowed})"
    return None


def subscription_problem(
    frequency: str, codes: Iterable[str], products: Mapping[str, Product]
) -> str | None:
    """Why a subscription at `frequency` of the products `codes` cannot order now
    (`products` keyed by lower-cased code); None when every product allows it."""
    problems = [
        problem
        for code in codes
        if (problem := product_problem(code, products.get(code.lower()), frequency))
    ]
    return "; ".join(problems) if problems else None
