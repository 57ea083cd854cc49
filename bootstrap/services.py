"""What the service layer is given besides a unit of work: the policy the settings choose
and the ports its services reach (sheet files, reference data, tracking links, jobs).
"""

from __future__ import annotations

import os
import secrets
from zoneinfo import ZoneInfo

from domain.jobs.ports import JobRunnerPort
from domain.orders.order import AutoClose
from domain.orders.tracking import TrackingLinks
from domain.services.context import Adapters, Policy
from settings import VAR, Settings


def policy_from(settings: Settings) -> Policy:
    """The business rules the settings choose."""
    return Policy(
        auto_close=AutoClose(settings.auto_close),
        notify_auto=settings.notify_auto,
        currency=settings.currency,
        public_url=settings.public_url.rstrip("/"),
        subscriptions_enabled=settings.subscriptions_enabled,
        zone=ZoneInfo(settings.timezone),
    )


def adapters_from(settings: Settings, jobs: JobRunnerPort) -> Adapters:
    """The ports the services reach: spreadsheet files within the settings' limits, the
    reference data of the identity checks, tracking links, the job runner, and the
    writer of exported order lists."""
    from store.identity.normalisers import ReferenceNormalisers
    from store.imports.files import SheetFileStore
    from store.sheets.allocator import keep_large_blocks_mapped
    from store.sheets.guard import MiB, SheetLimits
    from store.sheets.orders import OrderSheetWriter

    keep_large_blocks_mapped()  # every sheet parse of this process as fast as the first
    limits = SheetLimits(
        max_bytes=settings.max_attachment_mb * MiB, max_rows=settings.import_max_rows
    )
    return Adapters(
        tracking_links=tracking_links(settings),
        sheet_files=SheetFileStore(limits),
        normalisers=ReferenceNormalisers(),
        jobs=jobs,
        order_sheets=OrderSheetWriter(),
    )


def tracking_secret(settings: Settings) -> bytes:
    """SECRET_KEY, or a key made once and kept in ./var/secret.key (the embedded default)."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode("utf-8")
    path = VAR / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first: use theirs
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip().encode("ascii")


def tracking_links(settings: Settings) -> TrackingLinks:
    """Signs and mints tracking links (random salts from the OS)."""
    return TrackingLinks(
        tracking_secret(settings),
        secrets.token_bytes,
        settings.public_url,
        settings.tracking_link_days,
    )
