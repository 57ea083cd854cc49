"""Commands and queries of the catalogue: products and taxes."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from domain.commands.base import Command, Query


class CreateProduct(Command):
    code: str
    name: str
    price: Decimal
    tax: str | None = None
    frequencies: str = ""


class ListProducts(Query):
    text: str = ""


class ShowProduct(Query):
    code: str


class CreateTax(Command):
    manager_only: ClassVar[bool] = True
    code: str
    rate: Decimal


class ListTaxes(Query):
    pass
