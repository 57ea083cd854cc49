"""A French and a Danish manager read the job log through Slack (the real Bolt app over
HTTP, the Web API stand-in telling each user's locale): a period the subscription job
skipped because its product is inactive, and a run that failed, each said in the
reader's language, as stored in the job log; a row written by an earlier version (plain
English) shows as it was written."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain import commands as c
from domain.jobs.log import JobRun
from store.tables import scheduler as sched
from tests.integration.bot.slack.conftest import MANAGER, SlackRig
from tests.integration.bot.slack.test_slack_commands import seed
from tests.integration.bot.slack.test_slack_desk import texts

OLD_NOTE = "subscription 4 (ACME): period 3 (2025-06-01) skipped: product BOX is inactive"


def _skipped_run(rig: SlackRig) -> tuple[int, int]:
    """The subscription job's run skipping a period of BOX (inactive), and a run of the
    digest found dead; their ids."""
    seed(rig)
    sub = rig.app.bus.handle(
        c.CreateSubscription(
            customer="ACME",
            lines=(("BOX", Decimal(1)),),
            frequency="monthly",
            start_date=datetime.now(UTC).date() - timedelta(days=3),
        )
    ).subscription
    rig.app.bus.handle(c.SetProduct(code="BOX", active=False, actor=MANAGER))
    ran = rig.app.bus.handle(c.RunJob(name="subscriptions", actor=MANAGER, manager=True)).run
    assert ran.notes[0].startswith(f"subscription {sub.id} (ACME): period 1 (")
    dead = JobRun.start("digest", datetime.now(UTC))
    with rig.app.uow(False) as uow:
        uow.job_runs.add(dead)
        uow.flush()
        dead.mark_dead(datetime.now(UTC))
        uow.commit()
    assert dead.id is not None
    return ran.id, dead.id


@pytest.mark.parametrize(
    ("locale", "skipped", "died"),
    [
        (
            "fr-FR",
            "période 1 (",
            "le processus s'est arrêté pendant l'exécution",
        ),
        ("da-DK", "periode 1 (", "processen stoppede under kørslen"),
    ],
)
async def test_a_manager_reads_skipped_periods_and_failures_in_their_language(
    rig: SlackRig, locale: str, skipped: str, died: str
) -> None:
    ran, dead = _skipped_run(rig)
    rig.api.locales[MANAGER] = locale
    inactive = {"fr-FR": "le produit BOX est inactif", "da-DK": "varen BOX er inaktiv"}[locale]
    card = await rig.run("/jobs", f"show {ran}", user=MANAGER)
    shown = texts(card)
    assert skipped in shown, shown
    assert inactive in shown, shown
    assert "skipped:" not in shown, shown
    assert inactive in card["text"], card["text"]
    card = await rig.run("/jobs", f"show {dead}", user=MANAGER)
    assert f"• {died}" in texts(card), texts(card)
    assert f"    1. {died}" in card["text"], card["text"]


async def test_an_old_rows_english_still_shows(rig: SlackRig) -> None:
    at = datetime(2025, 6, 1, 6, tzinfo=UTC)
    with rig.app.engine.begin() as conn:
        conn.execute(
            sched.job_runs.insert().values(
                job_name="subscriptions", started_at=at, finished_at=at, status="failed",
                processed=0, orders_created=0, error_count=1, triggered_by="schedule",
                errors=["subscription 4: no price"],
                notes=[OLD_NOTE],
            )
        )  # fmt: skip
        row = conn.execute(sched.job_runs.select()).one()
        raw = conn.exec_driver_sql("SELECT errors FROM job_runs").scalar_one()
    assert json.loads(raw) == ["subscription 4: no price"]
    rig.api.locales[MANAGER] = "fr-FR"
    card = await rig.run("/jobs", f"show {row.id}", user=MANAGER)
    assert "• subscription 4: no price" in texts(card)
    assert f"    - {OLD_NOTE}" in card["text"], card["text"]
