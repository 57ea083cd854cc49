"""Rows written in bulk: ids given beforehand and values bound as SQLAlchemy binds them,
on SQLite and PostgreSQL; the subscription job's batches written with the collector
paused."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

import store.repositories.core as order_repository
from domain.orders.creation import NewOrder
from store.bulk_rows import insert_rows, new_ids, update_rows
from store.tables import core as t
from tests.integration.jobs_helpers import Clock, app_on, orders_of, run_job, seed, subscribe


def test_new_ids_follow_the_stored_ones_and_rows_keep_their_values(app) -> None:  # type: ignore[no-untyped-def]
    with app.engine.begin() as conn:
        first = new_ids(conn, t.taxes, 2)
        rows = [(first[0], "T1", Decimal("5.125")), (first[1], "T2", Decimal(0))]
        insert_rows(conn, t.taxes, ("id", "code", "rate"), rows)
        after = new_ids(conn, t.taxes, 3)
    with app.engine.connect() as conn:
        query = select(t.taxes.c.id, t.taxes.c.code, t.taxes.c.rate).order_by(t.taxes.c.id)
        stored = conn.execute(query).all()
    assert (first[1] - first[0], [tuple(r) for r in stored], after) == (
        1,
        rows,
        [first[1] + 1, first[1] + 2, first[1] + 3],
    )


def test_updates_say_how_many_rows_matched_their_keys(app) -> None:  # type: ignore[no-untyped-def]
    """A row whose key moved meanwhile is not counted: the subscription job's conflict."""
    with app.engine.begin() as conn:
        ids = new_ids(conn, t.taxes, 2)
        insert_rows(conn, t.taxes, ("id", "code", "rate"), [(ids[0], "A", 1), (ids[1], "B", 2)])
        both = update_rows(
            conn, t.taxes, ("rate",), ("id", "code"), [(5, ids[0], "A"), (6, ids[1], "B")]
        )
        one = update_rows(
            conn, t.taxes, ("rate",), ("id", "code"), [(7, ids[0], "A"), (8, ids[1], "X")]
        )
        rates = conn.execute(select(t.taxes.c.rate).order_by(t.taxes.c.id)).scalars().all()
    assert (both, one, rates) == (2, 1, [Decimal(7), Decimal(6)])


def test_a_batch_is_written_with_the_collector_paused_and_it_is_on_again_after(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    write = order_repository.insert_new_orders

    def watched(session: Any, orders: Sequence[NewOrder]) -> None:
        seen.append(gc.isenabled())
        write(session, orders)

    monkeypatch.setattr(order_repository, "insert_new_orders", watched)
    clock = Clock.__new__(Clock)
    clock.on(date(2024, 1, 31))
    app = app_on(sqlite_url, clock)
    try:
        seed(app)
        sub = subscribe(app, date(2024, 1, 31))
        run = run_job(app)
        assert (seen, gc.isenabled(), run.orders_created, len(orders_of(app, sub))) == (
            [False],
            True,
            1,
            1,
        )
    finally:
        app.engine.dispose()
