"""Orders at risk: one alert in the order's thread and one line in the digest a day, and
none once the order has shipped."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

import bootstrap
from bootstrap.outbox import outbox_relay
from domain import commands as c
from store.tables.core import outbox
from tests.integration.jobs_helpers import run_job
from tests.integration.threads.conftest import ClockedShop
from tests.servers.slack_api import SlackApiStub

PLANNED = date(2026, 3, 10)


def rows(app: bootstrap.App, kind: str) -> list[dict[str, Any]]:
    with app.engine.connect() as conn:
        query = select(outbox).where(outbox.c.kind == kind).order_by(outbox.c.id)
        return [dict(r) for r in conn.execute(query).mappings().all()]


def alerts(app: bootstrap.App) -> list[dict[str, Any]]:
    posts = rows(app, "thread_post")
    return [p for p in posts if p["payload"]["text"]["msgid"].startswith("At risk")]


def digest_notes(app: bootstrap.App) -> list[str]:
    digests = rows(app, "digest")
    return [n for d in digests for r in d["payload"]["runs"] for n in r.get("notes", [])]


async def test_an_overdue_shipment_is_raised_once_a_day_until_it_ships(
    shop: ClockedShop, slack_api: SlackApiStub
) -> None:
    app, clock = shop.app, shop.clock
    bus = app.bus
    line = c.LineInput(product="COFFEE", quantity=Decimal(2))
    bus.handle(
        c.CreateOrder(
            customer="ACME0", lines=(line,), confirm=True,
            actor="UREP", actor_name="rita", actor_door="slack",
        )
    )  # fmt: skip
    bus.handle(c.PlanShipment(code="SO-00001", shipment=1, planned_date=PLANNED))
    relay = outbox_relay(app, clock, log_passes=False)
    await relay.run_once()
    parent = slack_api.of("chat.postMessage")[0]
    assert "SO-00001" in str(parent["text"])

    clock.on(PLANNED)  # due today: not late yet
    run_job(app, "jeopardy")
    assert alerts(app) == []

    clock.on(PLANNED + timedelta(days=1))
    run_job(app, "jeopardy")
    run_job(app, "jeopardy")  # again the same day: nothing more
    assert len(alerts(app)) == 1
    run_job(app, "digest")
    notes = digest_notes(app)
    assert len(notes) == 1
    # the note is the sentence as data, worded when the digest is drawn
    assert notes[0]["params"]["order"] == "SO-00001"
    await relay.run_once()
    threaded = [p for p in slack_api.of("chat.postMessage") if p.get("thread_ts")]
    risk = [p for p in threaded if "At risk" in str(p["text"])]
    assert len(risk) == 1
    assert str(risk[0]["text"]).startswith("<@UREP>")  # the owner is told
    [digest] = [p for p in slack_api.of("chat.postMessage") if p.get("channel") == "#digest"]
    assert "At risk: shipment 1 of SO-00001 was planned for 2026-03-10" in str(digest["text"])

    clock.on(PLANNED + timedelta(days=2))
    bus.handle(c.ShipOrder(code="SO-00001", shipment=1))
    run_job(app, "jeopardy")
    run_job(app, "digest")
    assert len(alerts(app)) == 1
    assert len(digest_notes(app)) == 1
