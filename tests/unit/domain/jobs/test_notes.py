"""Job notes that are sentences: kept as data, read in each reader's language."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.slack.digest import digest_text
from domain.jobs.digest import Digest, DigestRun
from domain.jobs.notes import Note, note_data, note_of, note_text, sentence_note
from domain.texts import _
from l10n.formats import Formats
from l10n.translation import speaking

RISK = _(
    "At risk: shipment {shipment} of {order} was planned for {day} and has not shipped.",
    shipment=1,
    order="SO-00001",
    day=date(2026, 3, 10),
)


def test_a_sentence_note_reads_as_english_and_keeps_its_data() -> None:
    note = sentence_note(RISK)
    assert note == "At risk: shipment 1 of SO-00001 was planned for 2026-03-10 and has not shipped."
    data = note_data(note)
    assert data == {
        "msgid": RISK.msgid,
        "params": {"shipment": 1, "order": "SO-00001", "day": "2026-03-10"},
    }
    back = note_of(data)
    assert isinstance(back, Note)
    assert back == note
    assert note_text(back) == note.text


def test_plain_notes_and_notes_of_earlier_versions_stay_text() -> None:
    assert note_data("period 2026-03 skipped") == "period 2026-03 skipped"
    assert note_of("period 2026-03 skipped") == "period 2026-03 skipped"
    assert not isinstance(note_of("At risk: …"), Note)


def test_the_digest_words_the_note_in_its_readers_language() -> None:
    at = datetime(2026, 3, 11, 7, tzinfo=UTC)
    run = DigestRun(
        1, "jeopardy", "succeeded", at, at, 1, 0, 0, (), "schedule", (sentence_note(RISK),)
    )
    digest = Digest.of_payload(Digest(at, (run,), (), ()).payload())
    with speaking("fr"):
        text = digest_text(digest, Formats())
    assert "En retard : l'expédition 1 de SO-00001 était prévue le 2026-03-10" in text
