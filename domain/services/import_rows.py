"""An import's rows judged against the database as it is now, and the writer of each
kind: customers (reusing the kept judgement of the check when what it read is
unchanged), products (with their opening stock) and orders (made by the one order
factory, as every door makes them). Used by `domain.services.imports` at check and
confirm time; the writer runs inside the confirming command's transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.catalog.products import Product
from domain.imports.columns import SheetKind
from domain.imports.customers.plan import KeptPlan, Lookups
from domain.imports.customers.resolve import file_keys, resolve_customers
from domain.imports.orders import OrderLookups, order_keys, resolve_orders
from domain.imports.products import apply_product, resolve_products
from domain.imports.sessions import ImportSession, RowVerdict, StoredRow
from domain.ports import UnitOfWork
from domain.services import orders as order_services
from domain.services.context import ServiceContext
from domain.services.stock import open_stock

Writer = Callable[[], tuple[dict[str, int], dict[str, int], tuple[str, ...]]]
"""Writes a judged import; answers what it created and updated, and the orders' codes."""


def resolve(
    session: ImportSession, uow: UnitOfWork, ctx: ServiceContext
) -> tuple[list[RowVerdict], Writer]:
    if session.kind is SheetKind.CUSTOMERS:
        return _resolve_customers(session, uow, ctx)
    if session.kind is SheetKind.PRODUCTS:
        return _resolve_products(session, uow, ctx)
    return _resolve_orders(session, uow, ctx)


def live_rows(session: ImportSession) -> list[StoredRow]:
    return [r for r in session.rows if not r.problems and r.number not in session.skipped]


def _resolve_customers(
    session: ImportSession, uow: UnitOfWork, ctx: ServiceContext
) -> tuple[list[RowVerdict], Writer]:
    kept = uow.imports.kept_plan(session.id)
    if kept is not None and kept.skipped == session.skipped:
        keys = kept.keys
    else:
        keys = file_keys(session.rows, session.skipped)
    # Only what the judgement read is looked up again: when it is unchanged, the verdicts
    # and plan of the last judgement stand (resolving is pure) and are reused.
    lookups = Lookups(
        uow.imports.customers_snapshot(keys.codes),
        uow.imports.email_owners(keys.emails),
        uow.imports.vat_owners(keys.vat_numbers),
    )
    if kept is not None and kept.holds_for(session.skipped, lookups):
        verdicts, plan = kept.verdicts, kept.plan
    else:
        verdicts, plan = resolve_customers(session.rows, session.skipped, session.labels, lookups)
        uow.imports.keep_plan(session.id, KeptPlan(session.skipped, keys, lookups, verdicts, plan))

    def write() -> tuple[dict[str, int], dict[str, int], tuple[str, ...]]:
        uow.imports.write_customers(plan, ctx.now)
        created, updated = plan.counts()
        return created, updated, ()

    return verdicts, write


def _resolve_products(
    session: ImportSession, uow: UnitOfWork, ctx: ServiceContext
) -> tuple[list[RowVerdict], Writer]:
    existing: dict[str, Product] = {}
    for row in live_rows(session):
        product_code = str(row.values["product_code"]).lower()
        if product_code not in existing and (found := uow.products.find(product_code)):
            existing[product_code] = found
    taxes = {tax.code.lower(): tax for tax in uow.taxes.list()}
    verdicts, plan = resolve_products(
        session.rows, session.skipped, session.labels, existing, taxes
    )

    def write() -> tuple[dict[str, int], dict[str, int], tuple[str, ...]]:
        created, updated = {"products": 0}, {"products": 0}
        for change in plan.products:
            product = apply_product(change)
            if change.existing is None:
                uow.products.add(product)
                created["products"] += 1
            else:
                updated["products"] += 1
            if change.opening_stock is not None:
                open_stock(product.code, change.opening_stock, uow, ctx)
        return created, updated, ()

    return verdicts, write


def _resolve_orders(
    session: ImportSession, uow: UnitOfWork, ctx: ServiceContext
) -> tuple[list[RowVerdict], Writer]:
    live = live_rows(session)
    codes, texts, references = order_keys(live)
    if session.customer:
        codes.add(session.customer)
    customers = {k.lower(): found for k in codes if (found := uow.customers.find(k))}
    products: dict[str, Product] = {}
    for text in texts:
        product = uow.products.find(text) or next(
            (p for p in uow.products.list(text) if p.name.lower() == text.lower()), None
        )
        if product is not None:
            products[text.lower()] = product
    taken = uow.orders.references(
        (customer.code, reference) for customer in customers.values() for reference in references
    )
    unknown = any(text.lower() not in products for text in texts)
    catalogue = tuple(p.code for p in uow.products.list() if p.active) if unknown else ()
    lookups = OrderLookups(customers, products, taken, catalogue, ctx.policy.money.currency)
    verdicts, drafts = resolve_orders(
        session.rows, session.skipped, session.labels, lookups, session.customer
    )

    def write() -> tuple[dict[str, int], dict[str, int], tuple[str, ...]]:
        made = [order_services.create_order(d.command(session.actor), uow, ctx) for d in drafts]
        codes = tuple(view.order.code for view in made)
        return {"orders": len(codes), "lines": sum(len(d.lines) for d in drafts)}, {}, codes

    return verdicts, write
