"""What the service layer is given besides a unit of work: the policy the settings choose
and the ports its services reach (sheet files, reference data, tracking links, jobs).
"""

from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo

from bootstrap.einvoices import einvoice_files, seller_from
from domain.jobs.ports import JobRunnerPort
from domain.numbering import DocumentKind, Numbering, NumberStyle
from domain.orders.order import AutoClose
from domain.orders.tracking import TrackingLinks
from domain.records.terms import PaymentTerms
from domain.services.context import Adapters, Policy
from domain.stock.policy import StockPolicy
from l10n import translation
from settings import Settings


def policy_from(settings: Settings) -> Policy:
    """The business rules the settings choose."""
    return Policy(
        auto_close=AutoClose(settings.auto_close),
        notify_auto=settings.notify_auto,
        currency=settings.currency,
        shipping_tax=settings.shipping_tax,
        discount_after_tax=settings.discount_tax == "after",
        public_url=settings.public_url.rstrip("/"),
        subscriptions_enabled=settings.subscriptions_enabled,
        zone=ZoneInfo(settings.timezone),
        payment_terms=PaymentTerms.with_settings(
            settings.payment_terms, settings.payment_terms_default
        ),
        numbering=numbering_from(settings),
        orders_channel=settings.slack_orders_channel or "",
        seller=seller_from(settings),
        stock=StockPolicy(
            tuple(w.strip().upper() for w in settings.warehouses.split(",") if w.strip())
            or StockPolicy().warehouses,
            settings.stock_negative_allowed,
            settings.stock_low_threshold,
        ),
    )


def numbering_from(settings: Settings) -> Numbering:
    """The prefix and width of each kind's codes, as the settings say."""
    return Numbering.of(
        *(
            NumberStyle(
                kind,
                getattr(settings, f"{kind.name.lower()}_number_prefix"),
                getattr(settings, f"{kind.name.lower()}_number_width"),
            )
            for kind in DocumentKind
        )
    )


def adapters_from(settings: Settings, jobs: JobRunnerPort) -> Adapters:
    """The ports the services reach: spreadsheet files within the settings' limits,
    tracking links, the job runner, and the writer of exported order lists."""
    from store.imports.files import SheetFileStore
    from store.sheets.guard import MiB, SheetLimits
    from store.sheets.orders import OrderSheetWriter

    limits = SheetLimits(
        max_bytes=settings.max_attachment_mb * MiB, max_rows=settings.import_max_rows
    )
    return Adapters(
        tracking_links=tracking_links(settings),
        sheet_files=SheetFileStore(limits, translation.render),
        jobs=jobs,
        order_sheets=OrderSheetWriter(),
        einvoice_files=einvoice_files(settings),
        # the team's language, whoever's mail is being answered at the time
        team_words=lambda sentence: translation.render(sentence, translation.language_of(None)),
    )


def tracking_secret(settings: Settings) -> bytes | None:
    """SECRET_KEY, else the key file beside a SQLite database (store/keyfile.py); None on
    PostgreSQL without SECRET_KEY (no links then; `orderbot run` refuses to start)."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode("utf-8")
    from store.keyfile import database_key

    return database_key(settings.database_url)


def tracking_links(settings: Settings) -> TrackingLinks | None:
    """Signs and mints tracking links (random salts from the OS); None without a key."""
    secret = tracking_secret(settings)
    if secret is None:
        return None
    return TrackingLinks(
        secret,
        secrets.token_bytes,
        settings.public_url,
        settings.tracking_link_days,
    )
