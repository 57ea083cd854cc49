"""An order's timeline read in the reader's language, whichever door made the order: a
French and a Danish rep read the entries of orders typed in the console, sent from
Slack, mailed and made by the subscription job in their language, in `order show`, the
Slack card and `--json`; the stored English stays as it was written."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import bootstrap
from bot.slack.cards import CardOptions, order_blocks
from bot.views.json import to_json
from bot.views.text import render
from domain import commands as c
from domain.orders.order import Source
from domain.services.views import OrderView
from l10n.translation import speaking
from tests.integration.orders.conftest import ShopFactory
from tests.integration.orders.doors import LINES, codes, console, email, subscription
from tests.servers.dovecot import ImapAccount

CREATED = {
    "fr": "Commande créée ({door}) avec 2 lignes.",
    "da": "Ordre oprettet ({door}) med 2 linjer.",
}
DOORS = {
    "fr": {"console": "console", "slack": "Slack", "email": "e-mail", "subscription": "abonnement"},
    "da": {"console": "konsol", "slack": "Slack", "email": "e-mail", "subscription": "abonnement"},
}
CONFIRMED = {"fr": "Commande confirmée.", "da": "Ordre bekræftet."}


def _slack(app: bootstrap.App) -> None:
    """The order as the Slack `/order new` handler asks for it."""
    lines = tuple(c.LineInput(product=code, quantity=Decimal(qty)) for code, qty in LINES)
    app.bus.handle(
        c.CreateOrder(
            customer="ACME", lines=lines, source="slack", actor="U0REP", actor_door="slack"
        )
    )


def _made_at_each_door(shop: bootstrap.App, imap_user: ImapAccount) -> dict[Source, str]:
    made: dict[Source, str] = {}
    assert console(shop).startswith("Created SO-00001.")
    made[Source.CONSOLE] = codes(shop)[-1]
    _slack(shop)
    made[Source.SLACK] = codes(shop)[-1]
    made[Source.EMAIL] = email(shop, imap_user)["order_code"]
    subscription(shop)
    made[Source.SUBSCRIPTION] = codes(shop)[-1]
    assert len(set(made.values())) == 4
    return made


@pytest.mark.parametrize("language", ["fr", "da"])
def test_every_door_s_timeline_reads_in_the_reader_s_language(
    make_shop: ShopFactory, database_url: str, imap_user: ImapAccount, language: str
) -> None:
    shop = make_shop(database_url)
    made = _made_at_each_door(shop, imap_user)
    for door, code in made.items():
        shop.bus.handle(c.ConfirmOrder(code=code))
        view: OrderView = shop.bus.handle(c.ShowOrder(code=code))
        created = CREATED[language].format(door=DOORS[language][str(door)])
        with speaking(language):
            shown = render(view)
            card = json.dumps(order_blocks(view, CardOptions()), ensure_ascii=False)
            data = to_json(view)
        assert f": {created}" in shown, (door, shown)
        assert f": {CONFIRMED[language]}" in shown, door
        assert "Order created" not in shown, door
        assert "Order confirmed" not in shown, door
        assert created in card, door
        assert CONFIRMED[language] in card, door
        assert [e["text"] for e in data["timeline"]] == [created, CONFIRMED[language]], door
        assert data["timeline"][0]["sentence"]["msgid"] == (
            "Order created ({source}) with {n} line(s)."
        )
        # the stored English is the sentence as it always read
        english = [e.text for e in view.order.timeline]
        assert english == [f"Order created ({door}) with 2 line(s).", "Order confirmed."], door
