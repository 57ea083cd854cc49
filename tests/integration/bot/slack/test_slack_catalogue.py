"""The catalogue through Slack's signed requests: `/product set` with the Slack user on
the product's history and the subscriptions it stops, catalogues created and sent with
the send on the customer card, and `/jobs show ID` listing each error and note."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from domain import commands as c
from domain.jobs.log import JobRun
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons
from tests.integration.bot.slack.test_slack_commands import seed
from tests.integration.bot.slack.test_slack_desk import texts


async def test_product_set_through_slack_names_the_user(rig: SlackRig) -> None:
    seed(rig)
    sub = rig.app.bus.handle(
        c.CreateSubscription(
            customer="ACME",
            lines=(("BOX", Decimal(1)),),
            frequency="monthly",
            start_date=date(2030, 1, 1),
        )
    ).subscription
    answer = await rig.run("/product", "set BOX price:3.25 active:no")
    assert answer["text"].splitlines()[:3] == [
        "Product BOX: price €3.00 -> €3.25; sold yes -> no.",
        "BOX          Box  €3.25 VAT20 every monthly (inactive: not sold)",
        (
            f"  ⚠ Subscription {sub.id} of ACME (monthly): product BOX is inactive; the job will "
            "skip its periods until the product allows it again "
            f"(or end it: /sub end {sub.id})."
        ),
    ]
    assert answer["text"].splitlines()[3].endswith(" UREP: price €3.00 -> €3.25; sold yes -> no")
    answer = await rig.run("/product", "set BOX price:-2")
    assert answer["text"].startswith("Refused: price: -2 is negative")
    history = rig.app.bus.handle(c.ShowProduct(code="BOX")).history
    assert [(h.actor, h.kind) for h in history] == [("UREP", "changed"), ("", "created")]
    assert rig.app.bus.handle(c.ShowProduct(code="BOX")).product.unit_price == Decimal("3.25")
    answer = await rig.run("/product", "set BOX every:all active:yes")
    assert answer["text"].startswith(
        "Product BOX: subscriptions monthly -> monthly,quarterly,yearly; sold no -> yes.\n"
    )
    assert "⚠" not in answer["text"]


async def test_catalogues_through_slack_are_kept_on_the_customer(rig: SlackRig) -> None:
    seed(rig)
    answer = await rig.run("/catalog", "new promo BOX source:PR1")
    assert answer["text"].startswith("Catalogue promo created.\npromo · source code PR1")
    answer = await rig.run("/catalog", "send ACME promo")
    assert answer["text"] == (
        "Catalogue promo (source code PR1) of 1 product queued for buyer@acme.example (ACME)."
    )
    card = await rig.run("/customer", "show ACME")
    shown = texts(card)
    assert "*Catalogues sent*" in shown
    assert "promo (source code PR1), 1 product to buyer@acme.example, " in shown
    assert shown.split("promo (source code PR1)", 1)[1].split("\n")[0].endswith(" by <@UREP>")
    listed = await rig.run("/catalog", "")
    assert "default (default) · source code DEFAULT" in listed["text"]
    assert "promo · source code PR1" in listed["text"]


async def test_jobs_show_lists_each_error_and_note(rig: SlackRig) -> None:
    t0 = datetime(2026, 11, 23, 7, tzinfo=UTC)
    run = JobRun(job_name="subscriptions", started_at=t0)
    for n in range(3):
        run.add_error(f"subscription {n + 1}: customer ACME{n} not found")
    run.add_note("subscription 9 (ACME): period 2 (2026-11-01) skipped: product BOX is inactive")
    run.progress(processed=1)
    run.finish(t0)
    with rig.app.uow(False) as uow:
        uow.job_runs.add(run)
        uow.commit()
    [stored] = rig.app.bus.handle(c.ListJobRuns()).runs
    card = await rig.run("/jobs", f"show {stored.id}")
    shown = texts(card)
    for n in range(3):
        assert f"• subscription {n + 1}: customer ACME{n} not found" in shown
    assert "*Errors (3)*" in shown
    assert "• subscription 9 (ACME): period 2 (2026-11-01) skipped: product BOX is inactive" in (
        shown
    )
    assert set(buttons(card)) == {"Run again"}
    assert card["text"].splitlines()[1:] == [
        "  finished: 2026-11-23 07:00:00",
        "  Errors (3):",
        "    1. subscription 1: customer ACME0 not found",
        "    2. subscription 2: customer ACME1 not found",
        "    3. subscription 3: customer ACME2 not found",
        "  Notes:",
        "    - subscription 9 (ACME): period 2 (2026-11-01) skipped: product BOX is inactive",
    ]
    answer = await rig.run("/jobs", "show 99")
    assert answer["text"].startswith("Refused: No job run 99.")
    answer = await rig.run("/jobs", "show x")
    assert answer["text"].startswith("Not understood:")
