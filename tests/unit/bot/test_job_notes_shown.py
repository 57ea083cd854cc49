"""`jobs show` words the notes a job kept as sentences (the jeopardy job's orders at
risk) in the reader's language; a plain note stays as it was written."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.views.jobs import run_detail_text
from domain.jobs.log import JobRun, JobStatus
from domain.jobs.notes import sentence_note
from domain.texts import _
from l10n.formats import Formats
from l10n.translation import speaking


def _run() -> JobRun:
    at_risk = _(
        "At risk: shipment {shipment} of {order} was planned for {day} and has not shipped.",
        shipment=1,
        order="SO-00007",
        day=date(2026, 11, 20),
    )
    return JobRun(
        job_name="jeopardy",
        started_at=datetime(2026, 11, 23, 8, tzinfo=UTC),
        finished_at=datetime(2026, 11, 23, 8, 1, tzinfo=UTC),
        status=JobStatus.SUCCEEDED,
        notes=[sentence_note(at_risk), "kept as typed"],
        id=4,
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "En retard : l'expédition 1 de SO-00007"),
        ("da", "I fare: forsendelse 1 af SO-00007"),
        ("en", "At risk: shipment 1 of SO-00007"),
    ],
)
def test_a_kept_sentence_note_is_shown_in_the_readers_language(language: str, said: str) -> None:
    with speaking(language):
        shown = run_detail_text(_run(), Formats(locale=language))
    assert f"    - {said}" in shown, shown
    assert "    - kept as typed" in shown, shown
