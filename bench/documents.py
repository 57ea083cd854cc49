"""Benchmark: invoices as PDF, the whole path against WeasyPrint alone.

    .venv/bin/python -m bench.documents [--invoices 1000] [--lines 5]

(as a module: run as a file, its name would hide the `documents` package)

Fills a SQLite database with `--invoices` confirmed orders of `--lines` lines over two
tax rates, each invoiced, then renders every invoice through the documents port (the
PrintDocument query on the bus, the Jinja template in the customer's language, WeasyPrint)
and prints the time beside the floor: WeasyPrint rendering the very same HTML pages,
made beforehand, with nothing else (the two interleaved invoice by invoice, so a shared
machine's changing load falls on both alike). Also the share of the query and template alone, and
the PDF/A-3b variant (the electronic invoice's) on a tenth of the invoices.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import bootstrap
from bootstrap.documents import documents
from documents.render import PDF_A3B, html_to_pdf
from domain import commands as c
from settings import Settings

D = Decimal


def fill(app: bootstrap.App, invoices: int, lines: int) -> list[str]:
    """`invoices` invoiced orders of `lines` lines each; their invoice codes."""
    bus = app.bus.handle
    bus(c.CreateTax(code="VAT20", rate=D(20), manager=True))
    bus(c.CreateTax(code="VAT5.5", rate=D("5.5"), manager=True))
    for n in range(lines):
        tax = "VAT20" if n % 2 else "VAT5.5"
        bus(c.CreateProduct(code=f"P{n}", name=f"Product {n}", price=D("12.50") + n, tax=tax))
    bus(c.CreateCustomer(code="ACME", name="Acme SA", vat_number="FR83404833048", language="fr"))
    bus(c.AddAddress(customer="ACME", code="HQ", street="1 rue de la Paix", city="Paris",
                     postal_code="75001", country="FR", default=True))  # fmt: skip
    items = tuple(
        c.LineInput(product=f"P{n}", quantity=D(n + 1), discount_percent=D(5 if n == 0 else 0))
        for n in range(lines)
    )
    codes = []
    for _ in range(invoices):
        order = bus(
            c.CreateOrder(
                customer="ACME",
                lines=items,
                shipping_charges=D(8),
                adjustment=D("-1.50"),
                payment_terms="Net 30",
                confirm=True,
            )
        )
        made = bus(c.InvoiceOrder(code=order.order.code))
        codes.append(made.invoice.code)
    return codes


def timed(work: Callable[[str], object], codes: list[str]) -> tuple[float, list[float]]:
    """Total seconds of `work` over `codes`, and each call's."""
    each = []
    start = time.perf_counter()
    for code in codes:
        t0 = time.perf_counter()
        work(code)
        each.append(time.perf_counter() - t0)
    return time.perf_counter() - start, each


def report(name: str, total: float, each: list[float]) -> None:
    ms = sorted(x * 1000 for x in each)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"{name:<44} {total:7.1f} s  {len(ms) / total:6.1f}/s  "
          f"p50 {statistics.median(ms):6.1f} ms  p99 {p99:6.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="orderbot-bench-docs-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        settings = Settings(
            database_url=url,
            company_name="Ateliers Dupont SAS",
            company_vat_number="FR40303265045",
            _env_file=None,
        )
        app = bootstrap.build(settings)
        t0 = time.perf_counter()
        codes = fill(app, args.invoices, args.lines)
        print(f"{len(codes)} invoices of {args.lines} lines made in "
              f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
        port = documents(app)
        port.render("invoice", codes[0])  # fonts and templates loaded once, as in a process
        pages = {code: port.renderer.html(port.printout("invoice", code)) for code in codes}
        # Interleaved, invoice by invoice, so both see the same machine: on a shared
        # machine the load moves more in a minute than the difference being measured.
        full_each, floor_each, html_each = [], [], []
        for code in codes:
            full_each.append(timed(lambda code: port.render("invoice", code), [code])[0])
            floor_each.append(timed(lambda code: html_to_pdf(pages[code]), [code])[0])
            html_each.append(
                timed(lambda code: port.renderer.html(port.printout("invoice", code)), [code])[0]
            )
        full, floor, html = sum(full_each), sum(floor_each), sum(html_each)
        tenth = codes[: max(1, len(codes) // 10)]
        a3, a3_each = timed(lambda code: port.render("invoice", code, variant=PDF_A3B), tenth)
        app.engine.dispose()
    report(f"{len(codes)} invoices: query, template, PDF", full, full_each)
    report("floor: WeasyPrint on the same HTML alone", floor, floor_each)
    report("of which query and template", html, html_each)
    report(f"{len(tenth)} invoices as PDF/A-3b", a3, a3_each)
    print(f"whole path / floor: {full / floor:.2f}x")


if __name__ == "__main__":
    main()
