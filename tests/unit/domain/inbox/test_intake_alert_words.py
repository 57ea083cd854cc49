"""The intake's alerts to reps and a mailed order's remark, in the team's language: a
French team (LANGUAGE=fr) reads a DMARC-held mail and an unknown sender in French."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bot.slack.sender import slack_message
from domain import commands as c
from domain.inbox.mail import IntakeRules, MailIn
from domain.outbox.messages import OutboxMessage
from domain.services.context import Adapters, Policy
from domain.services.messagebus import MessageBus
from l10n.formats import Formats
from l10n.translation import render, speaking
from tests.unit.fakes import FakeClock, FakeStore

BUYER = "buyer@acme.test"
RULES = IntakeRules(rep_channel="#orders", answers_per_hour=3, stranger_answers_per_hour=5)


def _world(adapters: Adapters | None = None) -> tuple[FakeStore, MessageBus]:
    store = FakeStore()
    factory: Any = store.uow_factory
    bus = MessageBus(factory, FakeClock(), Policy(), sleep=lambda _: None, adapters=adapters)
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal("3.99"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email=BUYER))
    return store, bus


def _mail(n: int, **fields: Any) -> MailIn:
    values: dict[str, Any] = {"message_id": f"<m{n}@acme.test>", "from_address": BUYER,
                              "subject": "Order", "body": "3 x GADGET", "uid": n}  # fmt: skip
    return MailIn(**{**values, **fields})


def _alerts(store: FakeStore) -> list[OutboxMessage]:
    return [m for m in store.state.outbox if m.kind == "rep_alert"]


def _posted(row: OutboxMessage, language: str) -> str:
    with speaking(language):
        return str(slack_message(row, Formats(locale=language))["text"])


def test_a_french_team_reads_the_dmarc_and_stranger_alerts_in_french() -> None:
    store, bus = _world()
    held, stranger = _mail(1, dmarc="fail"), _mail(2, from_address="x@else.test")
    bus.handle(c.IntakeMails(mails=(held, stranger), rules=RULES))
    dmarc, unknown = _alerts(store)
    assert _posted(dmarc, "fr") == (
        "Échec DMARC pour un mail de buyer@acme.test (ACME) : retenue comme brouillon "
        "SO-00001. Vérifiez auprès du client avant de confirmer."
    )
    assert _posted(unknown, "fr") == "Mail d'une adresse non enregistrée : x@else.test."
    # the English stays as it was, for English teams and readers of earlier versions
    assert dmarc.payload["text"] == (
        "DMARC failed for a mail from buyer@acme.test (ACME): held as draft SO-00001. "
        "Check with the customer before confirming."
    )
    assert _posted(unknown, "en") == "Mail from unregistered address x@else.test."


def test_a_held_draft_that_could_not_be_made_says_why_in_french() -> None:
    store, bus = _world()
    bus.handle(c.IntakeMails(mails=(_mail(1, dmarc="fail", body="3 x NOTHING"),), rules=RULES))
    (alert,) = _alerts(store)
    assert "rien n'a pu être pris" in _posted(alert, "fr")


def test_a_mailed_orders_remark_is_written_in_the_teams_language() -> None:
    team = Adapters(team_words=lambda sentence: render(sentence, "fr"))
    store, bus = _world(team)
    bus.handle(c.IntakeMails(mails=(_mail(1, dmarc="fail"),), rules=RULES))
    (order,) = store.state.orders.values()
    assert order.remarks == (
        "RETENUE POUR VÉRIFICATION : le domaine de l'expéditeur a échoué au contrôle DMARC. "
        "Par e-mail de buyer@acme.test : Order"
    )
    english_store, english = _world()
    english.handle(c.IntakeMails(mails=(_mail(1),), rules=RULES))
    (plain,) = english_store.state.orders.values()
    assert plain.remarks == "By email from buyer@acme.test: Order"
