"""A job run's errors and notes are sentences kept as data: a period skipped because a
product stops its subscription, a subscription the job could not order, a run that
failed or died, a relay pass's errors; `jobs show`, the Slack card and the digest say
them in the reader's language, and those written by earlier versions (plain English)
stay as they were written."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bot.slack.digest import digest_blocks
from bot.slack.job_cards import job_detail_blocks
from bot.slack.sender import slack_message
from bot.views.jobs import run_detail_text, run_line
from domain.catalog.products import Product
from domain.errors import NotFound
from domain.jobs.digest import Digest, make_digest
from domain.jobs.log import DEAD_RUN_ERROR, JobRun, JobStatus
from domain.jobs.notes import Note, note_data, note_of, note_text
from domain.outbox.messages import Channel, OutboxMessage
from domain.services.jobs import JobRunDetail
from domain.subscriptions.checks import product_problem, subscription_problem
from domain.subscriptions.orders import DueSubscription, describe_error, settle_blocked
from domain.subscriptions.periods import CatchUpPolicy, Frequency, SubscriptionStatus
from domain.text_data import sentence_data
from domain.texts import _
from l10n.formats import Formats
from l10n.translation import render, speaking
from scheduler.relay import RelayReport

T0 = datetime(2026, 3, 2, 6, tzinfo=UTC)
SKIPPED = "subscription 7 (ACME): period 2 (2026-03-01) skipped: product TEA is inactive"
SKIPPED_TWO = (
    "subscription 7 (ACME): period 2 (2026-03-01) skipped: product TEA is inactive; "
    "product COFFEE no longer allows monthly (it allows yearly)"
)


def _sub() -> DueSubscription:
    return DueSubscription(
        id=7, customer_code="ACME", frequency=Frequency.MONTHLY, start_date=date(2026, 2, 1),
        end_date=None, iteration=1, last_order_date=date(2026, 2, 1),
        status=SubscriptionStatus.ACTIVE, catch_up=CatchUpPolicy.ALL, skipped=[],
        ended_on=None, lines=[("TEA", Decimal(1)), ("COFFEE", Decimal(2))],
    )  # fmt: skip


def _products(coffee_every: str = "monthly") -> dict[str, Product]:
    tea = Product("TEA", "Tea", Decimal(4), frequencies="monthly", active=False)
    coffee = Product("COFFEE", "Coffee", Decimal(9), frequencies=coffee_every)
    return {"tea": tea, "coffee": coffee}


def _stored(note: str) -> str:
    """A note as the job log keeps it (JSON text) and reads it back."""
    return note_of(json.loads(json.dumps(note_data(note))))


def _run() -> JobRun:
    """A failed run of the subscriptions job, as read back from the job log: a period
    skipped, a subscription refused, and the reason it failed."""
    problem = subscription_problem("monthly", ("TEA",), _products())
    assert problem is not None
    _settled, notes = settle_blocked(_sub(), date(2026, 3, 2), problem)
    run = JobRun(job_name="subscriptions", started_at=T0, id=12)
    for note in notes:
        run.add_note(_stored(note))
    run.add_error(_stored(describe_error(9, NotFound("customer", "BETA"))))
    run.fail(T0, _stored(DEAD_RUN_ERROR))
    return run


def test_the_notes_and_errors_read_as_their_english_of_before() -> None:
    run = _run()
    assert run.notes == [SKIPPED]
    assert run.errors == ["subscription 9: No customer BETA.", "the process stopped during the run"]
    assert all(isinstance(said, Note) for said in (*run.notes, *run.errors))
    two = subscription_problem("monthly", ("TEA", "COFFEE"), _products("yearly"))
    assert two is not None
    assert settle_blocked(_sub(), date(2026, 3, 2), two)[1] == [SKIPPED_TWO]


def test_a_skipped_period_keeps_its_day_and_reasons_as_values() -> None:
    two = subscription_problem("monthly", ("TEA", "COFFEE"), _products("yearly"))
    assert two is not None
    (note,) = settle_blocked(_sub(), date(2026, 3, 2), two)[1]
    data = note_data(note)
    assert isinstance(data, dict)
    assert data["params"]["day"] == {"date": "2026-03-01"}
    assert [r["msgid"] for r in data["params"]["reason"]["sentences"]] == [
        "product {code} is inactive",
        "product {code} no longer allows {frequency} (it allows {allowed})",
    ]
    back = _stored(note)
    assert back == note
    assert note_text(back) == note_text(note)


@pytest.mark.parametrize(
    ("language", "skipped", "refused", "died"),
    [
        (
            "fr",
            "abonnement 7 (ACME) : période 2 (2026-03-01) sautée : le produit TEA est inactif",
            "abonnement 9 : ",
            "le processus s'est arrêté pendant l'exécution",
        ),
        (
            "da",
            "abonnement 7 (ACME): periode 2 (2026-03-01) sprunget over: varen TEA er inaktiv",
            "abonnement 9: ",
            "processen stoppede under kørslen",
        ),
        ("en", SKIPPED, "subscription 9: No customer BETA.", "the process stopped during the run"),
    ],
)
def test_jobs_show_says_the_skipped_period_and_the_failure_in_the_readers_language(
    language: str, skipped: str, refused: str, died: str
) -> None:
    run, f = _run(), Formats(locale=language)
    with speaking(language):
        shown = run_detail_text(run, f)
        line = run_line(run, f)
        blocks = job_detail_blocks(JobRunDetail(run), f)
        card = "\n".join(str(b.get("text", {}).get("text", "")) for b in blocks)
        no_customer = render(NotFound("customer", "BETA").text)
    assert f"    - {skipped}" in shown, shown
    assert f"    1. {refused}" in shown, shown
    assert no_customer in shown, shown
    assert f"    2. {died}" in shown, shown
    assert f" · {refused}" in line, line
    assert f"• {skipped}" in card, card
    assert f"• {died}" in card, card
    if language != "en":
        assert "period 2" not in shown, shown
        assert "the process" not in shown, shown


@pytest.mark.parametrize(
    ("language", "first"),
    [("fr", "abonnement 9 : Aucun client BETA."), ("da", "abonnement 9: Ingen kunde BETA.")],
)
def test_the_digest_keeps_a_failed_runs_first_error_as_data(language: str, first: str) -> None:
    digest = make_digest([_run()], [], [], T0, UTC)
    payload = json.loads(json.dumps(digest.payload()))
    with speaking(language):
        blocks = digest_blocks(Digest.of_payload(payload), Formats(locale=language))
    failure = blocks[2]["text"]["text"]
    assert failure.endswith(f"\n> {first}"), failure


def test_rows_of_earlier_versions_stay_the_english_they_were() -> None:
    run = JobRun(
        job_name="subscriptions",
        started_at=T0,
        finished_at=T0,
        status=JobStatus.FAILED,
        errors=[note_of("subscription 4: no price")],
        error_count=1,
        notes=[note_of(SKIPPED)],
        id=3,
    )
    with speaking("fr"):
        shown = run_detail_text(run, Formats(locale="fr"))
    assert "    1. subscription 4: no price" in shown
    assert f"    - {SKIPPED}" in shown
    digest = Digest.of_payload({"until": T0.isoformat(), "runs": [
        {"job": "subscriptions", "status": "failed", "started_at": T0.isoformat(),
         "errors": ["subscription 4: no price"]}]})  # fmt: skip
    assert digest.runs[0].errors == ("subscription 4: no price",)


def test_product_problems_are_sentences() -> None:
    gone = product_problem("OLD", None, "monthly")
    never = product_problem("TEA", Product("TEA", "Tea", Decimal(4)), "monthly")
    assert (str(gone), str(never)) == (
        "product OLD no longer exists",
        "product TEA no longer allows monthly (it allows no subscription)",
    )
    assert render(never, "da") == (
        "varen TEA tillader ikke længere monthly (den tillader intet abonnement)"
    )
    assert subscription_problem("monthly", ("COFFEE",), _products()) is None


def test_a_relay_pass_and_its_alerts_are_said_in_the_managers_language() -> None:
    errors = RelayReport(dead=2, paused=1).errors()
    assert errors == [
        "2 messages refused for good (see `outbox dead`)",
        "1 message held back: sending is paused",
    ]
    assert [render(note_text(_stored(e)), "fr") for e in errors] == [
        "2 messages refusés définitivement (voir `outbox dead`)",
        "1 message retenu : l'envoi est en pause",
    ]
    alert = _(
        "Outbox message {id} ({kind}) to {recipient} could not be delivered: {error}",
        id=4, kind="status", recipient="a@b.example", error="550 no such user",
    )  # fmt: skip
    row = OutboxMessage(Channel.SLACK, "rep_alert", "#reps", T0,
                        {"text": str(alert), "sentence": sentence_data(alert)})  # fmt: skip
    with speaking("da"):
        posted = slack_message(row, Formats(locale="da"))
    assert posted["text"] == (
        "Udgående besked 4 (status) til a@b.example kunne ikke leveres: 550 no such user"
    )
    old = OutboxMessage(Channel.SLACK, "rep_alert", "#reps", T0, {"text": str(alert)})
    with speaking("da"):
        assert slack_message(old, Formats(locale="da"))["text"] == str(alert)
