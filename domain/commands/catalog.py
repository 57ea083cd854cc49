"""Commands and queries of the catalogue: products, taxes, and the catalogues customers
are sent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, ClassVar

from domain import bounds as b
from domain.bounds import Price, ProductCode
from domain.commands.base import Command, Query


class CreateProduct(Command):
    code: ProductCode
    name: Annotated[str, b.Text("name", b.NAME)]
    price: Price
    tax: Annotated[str, b.Text("tax", b.TAX_CODE)] | None = None
    frequencies: Annotated[str, b.Text("frequencies", b.FREQUENCIES)] = ""


class SetProduct(Command):
    """Change a product's name, price, tax ("": none), frequencies ("": none, "all":
    every one) or whether it is sold (None: unchanged)."""

    code: ProductCode
    name: Annotated[str, b.Text("name", b.NAME)] | None = None
    price: Price | None = None
    tax: Annotated[str, b.Text("tax", b.TAX_CODE)] | None = None
    frequencies: Annotated[str, b.Text("frequencies", b.FREQUENCIES)] | None = None
    active: bool | None = None


class ListProducts(Query):
    text: str = ""


class ShowProduct(Query):
    code: str


class CreateTax(Command):
    manager_only: ClassVar[bool] = True
    code: Annotated[str, b.Text("tax", b.TAX_CODE)]
    rate: Annotated[Decimal, b.Number("rate", b.PERCENT)]


class ListTaxes(Query):
    pass


CatalogueName = Annotated[str, b.Text("catalogue", b.CATALOGUE_NAME)]


class CreateCatalogue(Command):
    """A catalogue of listed products, valid from a day, sent under a source code."""

    name: CatalogueName
    valid_from: date | None = None  # None: today
    source_code: Annotated[str, b.Text("source", b.SOURCE_CODE)] = ""  # "": the name
    products: tuple[ProductCode, ...] = ()


class ChangeCatalogueProducts(Command):
    """Add products to a catalogue, or take them out (`remove`)."""

    name: CatalogueName
    products: tuple[ProductCode, ...]
    remove: bool = False


class ListCatalogues(Query):
    pass


class ShowCatalogue(Query):
    name: CatalogueName | None = None  # None: the default catalogue
