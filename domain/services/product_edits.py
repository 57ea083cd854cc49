"""The service of `/product set`: a product's name, price, tax, frequencies or whether it
is sold, changed through `Product.change` (the rules of `product new`).

The answer names each field's old and new value and every subscription of the product
that the change stops (the product made inactive, or no longer allowing the
subscription's frequency): the subscription job will skip their periods with the same
reason (`domain.subscriptions.checks`) until the product or the subscription changes.
"""

from __future__ import annotations

from domain import commands as c
from domain.catalog.products import Product, Tax
from domain.errors import ValidationFailed
from domain.ports import UnitOfWork
from domain.services import product_history
from domain.services.context import ServiceContext
from domain.services.views import ProductView
from domain.subscriptions.checks import product_problem
from domain.subscriptions.periods import SubscriptionStatus
from domain.texts import Text, _


def configured_tax(code: str, uow: UnitOfWork) -> Tax:
    """The tax with this code; refused naming the configured ones."""
    tax = uow.taxes.find(code)
    if tax is None:
        known = ", ".join(t.code for t in uow.taxes.list())
        said = (
            _("no tax {code}; configured: {known}", code=code, known=known)
            if known
            else _("no tax {code}; configured: none yet (/tax new)", code=code)
        )
        raise ValidationFailed.field("tax", said, "product.tax_unknown")
    return tax


def set_product(cmd: c.SetProduct, uow: UnitOfWork, ctx: ServiceContext) -> ProductView:
    """Change what the command gives; tell which subscriptions the change stops."""
    given = (cmd.name, cmd.price, cmd.tax, cmd.frequencies, cmd.active)
    if all(value is None for value in given):
        raise ValidationFailed.field(
            "product",
            _("say what to change: name:, price:, tax:, every: or active:"),
            "product.set_empty",
        )
    product = uow.products.get(cmd.code)
    tax = configured_tax(cmd.tax, uow) if cmd.tax else None
    changes = product.change(
        cmd.name, cmd.price, tax, cmd.frequencies, active=cmd.active, untaxed=cmd.tax == ""
    )
    shown_tax = uow.taxes.find(product.tax_code) if product.tax_code else None
    return ProductView(
        product,
        shown_tax,
        "" if changes else _("Product {code}: nothing changed.", code=product.code),
        tuple(changes),
        tuple(stopped_subscriptions(product, uow)) if changes else (),
        tuple(product_history.latest(product, uow, ctx)),
    )


def stopped_subscriptions(product: Product, uow: UnitOfWork) -> list[Text]:
    """Each subscription of the product that it no longer allows, and why."""
    stopped = []
    for sub in uow.subscriptions.with_product(product.code):
        if sub.status is SubscriptionStatus.ENDED:
            continue
        problem = product_problem(product.code, product, sub.frequency)
        if problem is not None:
            stopped.append(
                _(
                    "Subscription {id} of {customer} ({frequency}): {problem}; the job will "
                    "skip its periods until the product allows it again (or end it: "
                    "/sub end {id}).",
                    id=sub.id,
                    customer=sub.customer_code,
                    frequency=sub.frequency,
                    problem=problem,
                )
            )
    return stopped
