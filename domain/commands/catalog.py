"""Commands and queries of the catalogue: products and taxes."""

from __future__ import annotations

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
