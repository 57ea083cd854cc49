"""The query a door asks before it creates an order: are its customer and products there."""

from __future__ import annotations

from domain.bounds import CustomerCode
from domain.commands.base import Query
from domain.commands.orders import LineInput


class CheckNewOrder(Query):
    """Whether the customer and the lines' products of an order to be made exist and are
    sold; only reads (domain.services.order_checks)."""

    customer: CustomerCode
    lines: tuple[LineInput, ...]
