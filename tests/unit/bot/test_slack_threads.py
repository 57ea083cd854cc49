"""The order threads at the Slack edge: a post's words, and the jeopardy alerts the
digest lists under their run (other jobs' notes stay in the job log)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.slack.digest import digest_blocks, digest_text
from bot.slack.threads import card_blocks, post_text
from domain.jobs.digest import Digest, make_digest
from domain.jobs.log import JobRun, JobStatus
from domain.texts import _
from domain.threads.posts import thread_post
from domain.threads.thread import Thread
from l10n.formats import Formats

T0 = datetime(2026, 3, 11, 7, tzinfo=UTC)


def run(n: int, job: str, notes: list[str]) -> JobRun:
    return JobRun(
        id=n, job_name=job, started_at=T0, finished_at=T0, status=JobStatus.SUCCEEDED,
        processed=3, orders_created=0, errors=[], error_count=0, triggered_by="schedule",
        notes=notes,
    )  # fmt: skip


def test_the_digest_lists_jeopardy_alerts_under_their_run_only() -> None:
    runs = [
        run(1, "jeopardy", ["At risk: shipment 1 of SO-00001 was planned for 2026-03-10."]),
        run(2, "subscriptions", ["period 3 skipped: product TEA no longer sold"]),
    ]
    digest = Digest.of_payload(make_digest(runs, [], [], T0, ZoneInfo("UTC")).payload())
    text = digest_text(digest, Formats())
    assert text.count("At risk: shipment 1 of SO-00001") == 1
    assert "period 3 skipped" not in text
    blocks = " ".join(str(b) for b in digest_blocks(digest, Formats()))
    assert blocks.count("At risk: shipment 1 of SO-00001") == 1


def test_a_post_mentions_the_owner_quotes_the_mail_and_formats_its_values() -> None:
    thread = Thread("order:SO-00001", "C1", "ACME", owner="UREP")
    said = _(
        "Return {code} of {quantity} {product} was recorded (by {who}).",
        code="RMA-1", quantity=Decimal("1500"), product="TEA", who="rita",
    )  # fmt: skip
    row = thread_post(thread, said, T0, quote="first line\nsecond line", mention="UREP")
    assert post_text(row.payload, Formats(locale="en_US")) == (
        "<@UREP> Return RMA-1 of 1,500 TEA was recorded (by rita).\n> first line\n> second line"
    )


def test_the_card_shows_the_order_and_a_reply_button() -> None:
    card = {
        "order_code": "SO-00001", "customer_code": "ACME", "customer_name": "Acme SA",
        "status": "confirmed", "shipping": "unshipped", "reference": "PO-7",
        "gross": "30.00", "currency": "EUR", "lines": 1, "requested": "2026-03-10",
        "planned": None,
    }  # fmt: skip
    text, blocks = card_blocks(card, Formats(locale="en_US"))
    assert text.startswith("SO-00001 for Acme SA (ACME): confirmed")
    assert "PO: PO-7" in str(blocks[1])
    assert "Requested: 2026-03-10" in str(blocks[1])
    [button] = blocks[2]["elements"]
    assert (button["action_id"], button["value"]) == ("thread_reply_open", "SO-00001")
