"""Services of the catalogues: create one, add or remove its products, list and show
them, and mail one to a customer (`/catalog send`), kept on the customer as what it
was sent. The .xlsx itself is made when the mail is rendered (mail.outbound)."""

from __future__ import annotations

from dataclasses import dataclass

from domain import commands as c
from domain.catalog.catalogues import Catalogue, CatalogueSent
from domain.catalog.products import Product
from domain.customers.customer import Customer
from domain.errors import ValidationFailed
from domain.outbox.messages import Channel, OutboxMessage
from domain.ports import UnitOfWork
from domain.services.context import ServiceContext
from domain.texts import Text, _


@dataclass(frozen=True)
class CatalogueView:
    """A catalogue with the products it holds (active ones) and what the command did."""

    catalogue: Catalogue
    products: tuple[Product, ...]
    note: Text | str = ""
    inactive: tuple[str, ...] = ()  # listed products not sold now (not sent)


@dataclass(frozen=True)
class CataloguesView:
    """Every catalogue, with how many products each holds now."""

    catalogues: tuple[tuple[Catalogue, int], ...]


@dataclass(frozen=True)
class CatalogSentView:
    """A catalogue queued for a customer, and kept on the customer."""

    sent: CatalogueSent

    def __str__(self) -> str:
        s = self.sent
        return (
            f"Catalogue {s.catalogue_name} (source code {s.source_code}) of {s.products} "
            f"product(s) queued for {s.recipient} ({s.customer_code})."
        )


def _view(catalogue: Catalogue, uow: UnitOfWork, note: Text | str = "") -> CatalogueView:
    everything = uow.products.list()
    listed = {code.lower() for code in catalogue.codes()}
    inactive = tuple(p.code for p in everything if p.code.lower() in listed and not p.active)
    return CatalogueView(catalogue, tuple(catalogue.products(everything)), note, inactive)


def create_catalogue(cmd: c.CreateCatalogue, uow: UnitOfWork, ctx: ServiceContext) -> CatalogueView:
    """A new catalogue, with the products given."""
    if uow.catalogues.find(cmd.name) is not None:
        raise ValidationFailed.field(
            "name", _("catalogue {name} already exists", name=cmd.name), "catalogue.name_taken"
        )
    valid_from = cmd.valid_from or ctx.now.date()
    catalogue = Catalogue.create(cmd.name, valid_from, ctx.now, ctx.actor, cmd.source_code)
    catalogue.add(uow.products.get(code) for code in cmd.products)
    uow.catalogues.add(catalogue)
    return _view(catalogue, uow, _("Catalogue {name} created.", name=catalogue.name))


def change_catalogue_products(
    cmd: c.ChangeCatalogueProducts, uow: UnitOfWork, ctx: ServiceContext
) -> CatalogueView:
    """Products added to a catalogue, or taken out of it."""
    catalogue = uow.catalogues.get(cmd.name)
    if cmd.remove:
        done = catalogue.remove(cmd.products)
        note = _("Catalogue {name}: removed {codes}.", name=catalogue.name, codes=", ".join(done))
    else:
        done = catalogue.add([uow.products.get(code) for code in cmd.products])
        note = (
            _("Catalogue {name}: added {codes}.", name=catalogue.name, codes=", ".join(done))
            if done
            else _("Catalogue {name}: added nothing new (all were listed).", name=catalogue.name)
        )
    return _view(catalogue, uow, note)


def list_catalogues(cmd: c.ListCatalogues, uow: UnitOfWork, ctx: ServiceContext) -> CataloguesView:
    """Every catalogue with its product count."""
    everything = uow.products.list()
    return CataloguesView(
        tuple((cat, len(cat.products(everything))) for cat in uow.catalogues.list())
    )


def show_catalogue(cmd: c.ShowCatalogue, uow: UnitOfWork, ctx: ServiceContext) -> CatalogueView:
    """One catalogue (the default one when unnamed) with its products."""
    catalogue = uow.catalogues.get(cmd.name) if cmd.name else uow.catalogues.default()
    return _view(catalogue, uow)


def _recipient(customer: Customer) -> str:
    contact = customer.default_contact()
    email = contact.email if contact and contact.email else ""
    email = email or next((ct.email for ct in customer.contacts if ct.email), "")
    if not email:
        raise ValidationFailed.field(
            "contact",
            _(
                "{customer} has no contact with an email address; add one with "
                "/customer contact {customer} NAME email:ADDRESS default",
                customer=customer.code,
            ),
            "catalog.no_email",
        )
    return email


def send_catalog(cmd: c.SendCatalog, uow: UnitOfWork, ctx: ServiceContext) -> CatalogSentView:
    """Queue a catalogue (its active products) for the customer's default contact, and
    keep on the customer what was sent."""
    customer = uow.customers.get(cmd.customer)
    recipient = _recipient(customer)
    catalogue = uow.catalogues.get(cmd.catalogue) if cmd.catalogue else uow.catalogues.default()
    catalogue.check_sendable(ctx.now.date())
    products = catalogue.products(uow.products.list())
    if not products:
        raise ValidationFailed.field(
            "catalog",
            _("catalogue {name} holds no active product; add products first", name=catalogue.name),
            "catalog.empty",
        )
    uow.outbox.add(
        OutboxMessage(
            channel=Channel.EMAIL,
            kind="catalog",
            recipient=recipient,
            created_at=ctx.now,
            payload=_payload(customer, catalogue, products, uow, ctx),
        )
    )
    sent = CatalogueSent(
        customer.code,
        catalogue.name,
        catalogue.source_code,
        ctx.now,
        ctx.actor,
        len(products),
        recipient,
    )
    uow.catalogues.record_send(sent)
    return CatalogSentView(sent)


def _payload(
    customer: Customer,
    catalogue: Catalogue,
    products: list[Product],
    uow: UnitOfWork,
    ctx: ServiceContext,
) -> dict[str, object]:
    """What the mail shows, fixed now: the relay renders it at send time."""
    rates = {t.code.lower(): t.rate for t in uow.taxes.list()}
    return {
        "customer_code": customer.code,
        "customer_name": customer.name,
        "language": customer.language,
        "currency": ctx.policy.currency,
        "date": ctx.now.date().isoformat(),
        "catalogue": catalogue.name,
        "source_code": catalogue.source_code,
        "products": [
            {
                "code": p.code,
                "name": p.name,
                "unit_price": f"{p.unit_price:.2f}",
                "tax_code": p.tax_code or "",
                "tax_rate": (
                    format(rates[p.tax_code.lower()].normalize(), "f")
                    if p.tax_code and p.tax_code.lower() in rates
                    else ""
                ),
                "frequencies": p.frequencies,
            }
            for p in products
        ],
    }
