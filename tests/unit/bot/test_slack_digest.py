"""The digest: data in the domain, Block Kit drawn by the Slack edge; earlier rows as they are."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.slack.digest import MAX_FAILURE_BLOCKS, digest_blocks
from bot.slack.sender import slack_message
from domain.jobs.digest import Digest, make_digest
from domain.jobs.log import JobRun, JobStatus
from domain.jobs.ports import EndedSubscription
from domain.outbox.messages import Channel, OutboxMessage
from l10n.formats import Formats
from l10n.translation import speaking

PARIS = ZoneInfo("Europe/Paris")
T0 = datetime(2024, 1, 1, 6, tzinfo=UTC)


def run(n: int, job: str, status: JobStatus, errors: int = 0) -> JobRun:
    return JobRun(
        id=n,
        job_name=job,
        started_at=T0,
        finished_at=T0,
        status=status,
        processed=1200,
        orders_created=2,
        errors=[f"error {i}" for i in range(errors)],
        error_count=errors,
        triggered_by="schedule",
    )


def dead() -> OutboxMessage:
    return OutboxMessage(
        Channel.EMAIL, "order_status", "b@acme.test", T0, {}, "SO-00001", id=5,
        last_error="550 no such user",
    )  # fmt: skip


def digest() -> Digest:
    runs = [
        run(1, "outbox", JobStatus.SUCCEEDED),
        run(2, "subscriptions", JobStatus.PARTIAL, errors=4),
        run(3, "inbox", JobStatus.FAILED, errors=1),
    ]
    ended = [EndedSubscription(9, "ACME", date(2024, 1, 1))]
    return make_digest(runs, [dead()], ended, T0, PARIS)


def row(payload: dict[str, object]) -> OutboxMessage:
    return OutboxMessage(Channel.SLACK, "digest", "#digest", T0, payload, id=1)


def texts(blocks: list[dict[str, object]]) -> list[str]:
    return [str(b["text"]["text"]) for b in blocks if b["type"] == "section"]  # type: ignore[index]


def test_the_digest_is_data_failures_first_in_the_zone() -> None:
    d = digest()
    assert [(r.job, r.status) for r in d.runs] == [
        ("inbox", "failed"),
        ("subscriptions", "partial"),
        ("outbox", "succeeded"),
    ]
    assert d.until.utcoffset() == PARIS.utcoffset(T0.replace(tzinfo=None))
    assert [len(r.errors) for r in d.failures] == [1, 3]  # the first three of each
    assert Digest.of_payload(d.payload()) == d


def test_the_blocks_have_run_again_buttons_and_formatted_counts() -> None:
    blocks = digest_blocks(digest(), Formats())
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "orderbot job digest"},
    }
    assert texts(blocks)[0] == (
        "3 runs since the last digest · 2 failed or partial · 6 orders created · "
        "1 dead message · 1 subscription ended\nUntil 2024-01-01 07:00."
    )
    assert texts(blocks)[1] == (
        ":x: *inbox #3 failed at 2024-01-01 07:00: 1,200 processed · 2 orders created · "
        "1 error*\n> error 0"
    )
    buttons = [b["accessory"] for b in blocks if "accessory" in b]
    assert [(b["value"], b["style"]) for b in buttons] == [  # type: ignore[index]
        ("jobs run inbox", "danger"),
        ("jobs run subscriptions", "danger"),
    ]
    assert [b["action_id"] for b in buttons] == ["run:0", "run:1"]  # type: ignore[index]
    assert texts(blocks)[3].startswith("*Runs*\n• outbox #1 succeeded")
    assert texts(blocks)[4] == (
        "*Dead messages*\n• #5 email order_status to b@acme.test (SO-00001): 550 no such user"
    )
    assert texts(blocks)[5] == "*Subscriptions ended*\n• subscription 9 of ACME, ended 2024-01-01"


def test_counts_follow_the_locale() -> None:
    blocks = digest_blocks(digest(), Formats(locale="fr"))
    assert "1\u202f200 processed" in texts(blocks)[1]


@pytest.mark.parametrize(
    ("language", "header", "counts", "button"),
    [
        (
            "fr",
            "résumé des tâches orderbot",
            (
                "3 exécutions depuis le dernier résumé · 2 échouées ou partielles · "
                "6 commandes créées · 1 message mort · 1 abonnement terminé"
            ),
            "Relancer",
        ),
        (
            "da",
            "orderbot-joboversigt",
            (
                "3 kørsler siden sidste oversigt · 2 fejlet eller delvise · 6 ordrer oprettet · "
                "1 død besked · 1 abonnement afsluttet"
            ),
            "Kør igen",
        ),
    ],
)
def test_the_digest_speaks_the_language_it_is_drawn_in(
    language: str, header: str, counts: str, button: str
) -> None:
    with speaking(language):
        blocks = digest_blocks(digest(), Formats(locale=language))
    assert blocks[0]["text"]["text"] == header
    assert texts(blocks)[0].startswith(counts), texts(blocks)[0]
    assert blocks[2]["accessory"]["text"]["text"] == button


def test_too_many_failures_are_cut_within_slacks_limit() -> None:
    runs = [run(n, "inbox", JobStatus.FAILED) for n in range(MAX_FAILURE_BLOCKS + 5)]
    blocks = digest_blocks(make_digest(runs, [], [], T0, PARIS), Formats())
    assert len(blocks) == 2 + MAX_FAILURE_BLOCKS + 1
    assert texts(blocks)[-1] == "… and 5 more failures."


def test_the_sender_draws_a_digest_row_and_sends_earlier_rows_as_they_are() -> None:
    drawn = slack_message(row(digest().payload()), Formats())
    assert drawn["text"].startswith("orderbot job digest: 3 runs since")
    assert drawn["text"].splitlines()[1].startswith("FAILED inbox #3 failed")
    assert drawn["blocks"][0]["type"] == "header"
    earlier = {
        "text": "orderbot job digest: 1 run(s)",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "ready"}}],
        "until": "2024-01-01T07:00:00+00:00",
        "runs": [],
        "ended_subscriptions": [{"id": 1, "customer_code": "A", "ended_on": "None"}],
    }
    assert slack_message(row(earlier), Formats()) == {
        "text": earlier["text"],
        "blocks": earlier["blocks"],
    }
    alert = OutboxMessage(Channel.SLACK, "rep_alert", "#reps", T0, {"text": "Look at this"})
    assert slack_message(alert, Formats()) == {"text": "Look at this", "blocks": None}


def test_a_digest_row_that_cannot_be_drawn_is_refused() -> None:
    with pytest.raises(ValueError, match="Invalid isoformat"):
        slack_message(row({"until": "yesterday"}), Formats())
