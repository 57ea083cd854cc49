"""Schema migrations: `upgrade` brings any database to the newest schema (Alembic)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, select, update

from store.tables import core as t

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head", currency: str | None = None) -> None:
    """Apply every migration not applied yet, in one transaction per run; `currency` is
    the CURRENCY setting, which orders made before orders kept theirs were shown in."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["currency"] = currency
        command.upgrade(config, revision)


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision."""
    heads = set(ScriptDirectory.from_config(_config()).get_heads())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads


def revision(engine: Engine, message: str) -> None:
    """Autogenerate a new migration from the tables (for developers)."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)


def shared_emails(engine: Engine) -> list[str]:
    """What `orderbot db upgrade` reports of the email addresses found on several
    contacts when addresses became unique (flagged `email_shared`, see migration 0007):
    one line per address naming its customers, then how to fix them; none when none.

    An address left on one contact since is unflagged first, so that the unique index
    holds it again."""
    k, c = t.contacts.c, t.customers.c
    alone = (
        select(k.email_key)
        .where(k.email_shared.is_(True))
        .group_by(k.email_key)
        .having(func.count() == 1)
    )
    with engine.begin() as connection:
        connection.execute(
            update(t.contacts).where(k.email_key.in_(alone)).values(email_shared=False)
        )
    query = (
        select(k.email_key, c.code, k.name)
        .join(t.customers, c.id == k.customer_id)
        .where(k.email_shared.is_(True))
        .order_by(k.email_key, c.code, k.id)
    )
    holders: dict[str, list[str]] = {}
    with engine.connect() as connection:
        for key, code, name in connection.execute(query):
            holders.setdefault(key, []).append(f"{code} ({name})")
    if not holders:
        return []
    head = (
        f"{len(holders)} email addresses are on contacts of several customers; a mail from "
        "one of them is matched to no customer until it is on one contact only:"
    )
    lines = [head]
    lines += [f"  {key}: {', '.join(names)}" for key, names in holders.items()]
    lines.append(
        "Keep each address on one contact: `customer contact CODE NAME remove` on the others, "
        "then run `orderbot db upgrade` again."
    )
    return lines
