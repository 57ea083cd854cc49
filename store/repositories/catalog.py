"""Repositories of the catalogue: products with their history, taxes, the catalogues and
what each customer was sent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from domain.catalog.catalogues import Catalogue, CatalogueSent
from domain.catalog.history import FieldChange, ProductHistoryEntry
from domain.catalog.products import Product, Tax
from domain.errors import NotFound
from store.tables import core as t
from store.tables.catalogues import catalogue_sends, catalogues, product_history


def _by_code(session: Session, cls: type[Any], column: Any, code: str) -> Any:
    return session.scalars(select(cls).where(func.lower(column) == code.strip().lower())).first()


class ProductRepository:
    """Products of the catalogue."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, code: str) -> Product | None:
        """The product with this code, or None."""
        product: Product | None = _by_code(self.session, Product, t.products.c.code, code)
        return product

    def get(self, code: str) -> Product:
        """The product with this code; NotFound otherwise."""
        product = self.find(code)
        if product is None:
            raise NotFound("product", code)
        return product

    def many(self, codes: Iterable[str]) -> Sequence[Product]:
        """The products with these codes that exist: one query however many lines name
        them (`uq_products_code` is on lower(code))."""
        keys = sorted({code.strip().lower() for code in codes})
        if not keys:
            return []
        query = select(Product).where(func.lower(t.products.c.code).in_(keys))
        return self.session.scalars(query).all()

    def add(self, product: Product) -> None:
        """A new product."""
        self.session.add(product)

    def record(self, entry: ProductHistoryEntry) -> None:
        """Keep an entry of a product's history."""
        self.session.execute(
            product_history.insert().values(
                product_code=entry.product_code,
                at=entry.at,
                actor=entry.actor[:120],
                kind=entry.kind,
                changes=[asdict(change) for change in entry.changes],
            )
        )

    def history(self, code: str, limit: int) -> Sequence[ProductHistoryEntry]:
        """The latest `limit` entries of the product's history, newest first."""
        h = product_history.c
        query = select(h.product_code, h.at, h.actor, h.kind, h.changes).where(
            func.lower(h.product_code) == code.lower()
        )
        rows = self.session.execute(query.order_by(h.id.desc()).limit(limit))
        return [
            ProductHistoryEntry(
                code_, at, actor, kind, tuple(FieldChange(**change) for change in changes)
            )
            for code_, at, actor, kind, changes in rows
        ]

    def list(self, text: str = "") -> Sequence[Product]:
        """Products whose code or name contains `text`, by code."""
        query = select(Product).order_by(t.products.c.code)
        if text:
            like = f"%{text.lower()}%"
            query = query.where(
                or_(
                    func.lower(t.products.c.code).like(like),
                    func.lower(t.products.c.name).like(like),
                )
            )
        return self.session.scalars(query).all()


class TaxRepository:
    """Configured taxes."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, code: str) -> Tax | None:
        """The tax with this code, or None."""
        tax: Tax | None = _by_code(self.session, Tax, t.taxes.c.code, code)
        return tax

    def get(self, code: str) -> Tax:
        """The tax with this code; NotFound otherwise."""
        tax = self.find(code)
        if tax is None:
            raise NotFound("tax", code)
        return tax

    def add(self, tax: Tax) -> None:
        """A new tax."""
        self.session.add(tax)

    def list(self) -> Sequence[Tax]:
        """All taxes, by code."""
        return self.session.scalars(select(Tax).order_by(t.taxes.c.code)).all()


class CatalogueRepository:
    """Catalogues with their products, and the catalogues customers were sent."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, name: str) -> Catalogue | None:
        """The catalogue with this name (any case), or None."""
        found: Catalogue | None = _by_code(self.session, Catalogue, catalogues.c.name, name)
        return found

    def get(self, name: str) -> Catalogue:
        """The catalogue with this name; NotFound naming those there are."""
        found = self.find(name)
        if found is None:
            known = ", ".join(c.name for c in self.list()) or "none"
            raise NotFound("catalogue", f"{name} (catalogues: {known})")
        return found

    def default(self) -> Catalogue:
        """The default catalogue (made by the upgrade that made catalogues records)."""
        query = select(Catalogue).where(catalogues.c.is_default).order_by(catalogues.c.id)
        found = self.session.scalars(query).first()
        if found is None:
            raise NotFound("catalogue", "default (run orderbot db upgrade)")
        return found

    def add(self, catalogue: Catalogue) -> None:
        """A new catalogue."""
        self.session.add(catalogue)

    def list(self) -> Sequence[Catalogue]:
        """Every catalogue, the default first, then by valid-from day and name."""
        c = catalogues.c
        query = select(Catalogue).order_by(c.is_default.desc(), c.valid_from, func.lower(c.name))
        return self.session.scalars(query).all()

    def record_send(self, sent: CatalogueSent) -> None:
        """Keep on the customer a catalogue it was sent."""
        self.session.execute(
            catalogue_sends.insert().values(
                customer_code=sent.customer_code,
                catalogue_name=sent.catalogue_name,
                source_code=sent.source_code,
                sent_at=sent.sent_at,
                actor=sent.actor[:120],
                products=sent.products,
                recipient=sent.recipient,
            )
        )

    def sends_of(self, customer_code: str, limit: int) -> Sequence[CatalogueSent]:
        """The latest `limit` catalogues the customer was sent, newest first."""
        s = catalogue_sends.c
        query = (
            select(
                s.customer_code,
                s.catalogue_name,
                s.source_code,
                s.sent_at,
                s.actor,
                s.products,
                s.recipient,
            )
            .where(func.lower(s.customer_code) == customer_code.lower())
            .order_by(s.id.desc())
            .limit(limit)
        )
        return [CatalogueSent(*row) for row in self.session.execute(query)]
