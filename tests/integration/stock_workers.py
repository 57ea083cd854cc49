"""A worker process of the stock race: it creates and confirms one-unit orders of WIDGET
on the database it is given, as fast as it can."""

from __future__ import annotations

import sys
from decimal import Decimal

import bootstrap
from domain import commands as c
from settings import Settings

if __name__ == "__main__":
    # python -m tests.integration.stock_workers URL COUNT
    worker = bootstrap.build(Settings(database_url=sys.argv[1], _env_file=None), migrate=False)
    line = (c.LineInput(product="WIDGET", quantity=Decimal(1)),)
    for _ in range(int(sys.argv[2])):
        code = worker.bus.handle(c.CreateOrder(customer="ACME", lines=line)).order.code
        worker.bus.handle(c.ConfirmOrder(code=code))
        print(code, flush=True)
    worker.engine.dispose()
