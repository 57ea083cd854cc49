"""Services of products and taxes."""

from __future__ import annotations

from domain import commands as c
from domain.catalog.products import Product, Tax
from domain.errors import ValidationFailed
from domain.ports import UnitOfWork
from domain.services import product_history
from domain.services.context import ServiceContext
from domain.services.product_edits import configured_tax
from domain.services.views import Listing, ProductView
from domain.texts import _


def create_product(cmd: c.CreateProduct, uow: UnitOfWork, ctx: ServiceContext) -> ProductView:
    """A new product; its tax must be configured."""
    if uow.products.find(cmd.code) is not None:
        raise ValidationFailed.field(
            "code", _("product {code} already exists", code=cmd.code), "product.code_taken"
        )
    tax = configured_tax(cmd.tax, uow) if cmd.tax else None
    product = Product.create(cmd.code, cmd.name, cmd.price, tax, cmd.frequencies)
    uow.products.add(product)
    return ProductView(product, tax, _("Created product {code}.", code=product.code))


def list_products(cmd: c.ListProducts, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Products whose code or name contains the text."""
    return Listing("products", tuple(uow.products.list(cmd.text)), _("Products"))


def show_product(cmd: c.ShowProduct, uow: UnitOfWork, ctx: ServiceContext) -> ProductView:
    """One product with its tax and its latest history."""
    product = uow.products.get(cmd.code)
    tax = uow.taxes.find(product.tax_code) if product.tax_code else None
    return ProductView(product, tax, history=tuple(product_history.latest(product, uow, ctx)))


def create_tax(cmd: c.CreateTax, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """A new tax rate (managers only)."""
    if uow.taxes.find(cmd.code) is not None:
        raise ValidationFailed.field(
            "code", _("tax {code} already exists", code=cmd.code), "tax.code_taken"
        )
    uow.taxes.add(Tax.create(cmd.code, cmd.rate))
    return Listing("taxes", tuple(uow.taxes.list()), _("Taxes ({code} created)", code=cmd.code))


def list_taxes(cmd: c.ListTaxes, uow: UnitOfWork, ctx: ServiceContext) -> Listing:
    """Configured taxes."""
    return Listing("taxes", tuple(uow.taxes.list()), _("Taxes"))
