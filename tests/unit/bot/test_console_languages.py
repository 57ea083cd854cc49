"""A French and a Danish rep read the console's answers in their language: what a
command did, a case, the invoice list, the job log and the help; English stays as it was."""

from __future__ import annotations

from datetime import date

import pytest

from bot.console import Console
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from l10n.translation import speaking
from tests.unit.fakes import FakeClock, FakeStore

TODAY = date(2026, 11, 23)
SETUP = [
    "tax new VAT20 20",
    "product new WIDGET Widget 12.50 tax:VAT20",
    "customer new ACME Acme",
    "order new ACME WIDGET 2 confirm",
    "order ship SO-00001",
    "order invoice SO-00001",
    'case new ACME high "Broken pallet"',
]


@pytest.fixture
def console() -> Console:
    store = FakeStore()
    bus = MessageBus(store.uow_factory, FakeClock(), Policy(), retries=1, sleep=lambda s: None)
    made = Console(bus.handle, lambda: TODAY)
    for line in SETUP:
        assert not made.answer(line).startswith(("Refused", "Not understood")), line
    return made


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "fr",
            [
                "ouvert ⚠ ALERTE",
                "Factures :",
                "Exécutions de tâches",
                "SO-00002 créée.",
                "Commandes (tapez",
            ],
        ),
        (
            "da",
            [
                "åben ⚠ ADVARSEL",
                "Fakturaer:",
                "Jobkørsler",
                "SO-00002 oprettet.",
                "Kommandoer (skriv",
            ],
        ),
        ("en", ["open ⚠ ALERT", "due", "Job runs", "Created SO-00002.", "Commands (type"]),
    ],
)
def test_a_rep_reads_cases_invoices_and_jobs_in_their_language(
    console: Console, language: str, said: list[str]
) -> None:
    case, invoice, jobs, created, commands = said
    with speaking(language):
        shown_case = console.answer("case show 1")
        invoices = console.answer("invoice list")
        job_log = console.answer("jobs list")
        made = console.answer("order new ACME WIDGET 1")
        helped = console.answer("help")
    assert case in shown_case, shown_case
    assert invoice in invoices, invoices
    assert jobs in job_log, job_log
    assert made.splitlines()[0].endswith(created), made
    assert helped.startswith(commands), helped


@pytest.mark.parametrize(
    ("language", "summary", "not_understood", "field"),
    [
        (
            "fr",
            "reprendre un abonnement suspendu",
            "dites pourquoi avec reason:TEXTE",
            "numéro de dossier",
        ),
        ("da", "genoptag et abonnement på pause", "sig hvorfor med reason:TEKST", "sagsnummer"),
        ("en", "resume a paused subscription", "say why with reason:TEXT", "case id"),
    ],
)
def test_a_rep_reads_a_forms_help_and_what_was_not_understood_in_their_language(
    console: Console, language: str, summary: str, not_understood: str, field: str
) -> None:
    with speaking(language):
        helped = console.answer("sub help")
        refused = console.answer("stock adjust WIDGET 2")
        misnumbered = console.answer("case note x hello")
    assert summary in helped, helped
    assert not_understood in refused, refused
    assert f"{field} 'x'" in misnumbered, misnumbered
