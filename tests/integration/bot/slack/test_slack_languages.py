"""Each Slack user is answered in the language Slack reports for them (users.info's locale),
through the real Bolt app over HTTP and the Web API stand-in; the locale is asked once."""

from __future__ import annotations

from decimal import Decimal

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig
from tests.integration.bot.slack.signing import buttons


def seed(rig: SlackRig) -> None:
    """SO-00001: a draft for ACME of 1 234.5 x 2 widgets."""
    bus = rig.app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="WIDGET", name="Widget", price=Decimal("1234.50"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))
    line = c.LineInput(product="WIDGET", quantity=Decimal(2))
    bus.handle(c.CreateOrder(customer="ACME", lines=(line,), reference="PO-9"))


def card_text(answer: dict[str, object]) -> str:
    """Every text of a card's blocks, joined."""
    out: list[str] = []
    for block in answer["blocks"]:  # type: ignore[attr-defined]
        if "text" in block:
            out.append(block["text"]["text"])
        out += [f["text"] for f in block.get("fields", [])]
    return "\n".join(out)


async def test_a_french_user_gets_the_order_and_its_card_in_french(rig: SlackRig) -> None:
    seed(rig)
    rig.api.locales["UFR"] = "fr-FR"
    answer = await rig.run("/order", "show SO-00001", user="UFR")
    # the order's own status word, as its refusals say it ("SO-00001 est en brouillon")
    assert answer["text"].startswith("SO-00001 · Acme SA (ACME) · en brouillon · non expédiée")
    card = card_text(answer)
    assert "`en brouillon` · non expédiée · non facturée" in card, card
    assert "*Lignes*" in card
    assert "*Expéditions*" in card
    assert "*Réf.*\nPO-9" in card
    assert "= 2\u202f469,00\u00a0€" in card  # the line's amount, the French way
    assert "Sous-total 2\u202f469,00\u00a0€" in card
    assert "TVA 20\u00a0%" in card
    assert set(buttons(answer)) == {"Confirmer", "Voir comme le client", "PDF"}
    assert buttons(answer)["Confirmer"]["value"] == "order confirm SO-00001"


async def test_a_danish_user_gets_the_order_and_its_card_in_danish(rig: SlackRig) -> None:
    seed(rig)
    rig.api.locales["UDA"] = "da-DK"
    answer = await rig.run("/order", "show SO-00001", user="UDA")
    assert answer["text"].startswith("SO-00001 · Acme SA (ACME) · kladde · ikke afsendt")
    card = card_text(answer)
    assert "*Linjer*" in card
    assert "*Forsendelser*" in card
    assert "2.469,00\u00a0€" in card
    assert set(buttons(answer)) == {"Bekræft", "Se som kunden", "PDF"}


async def test_refusals_and_the_language_setting(rig: SlackRig) -> None:
    seed(rig)
    rig.api.locales["UFR"] = "fr-FR"
    refused = await rig.run("/order", "show SO-00999", user="UFR")
    assert refused["text"] == "Refusé : Aucune commande SO-00999."
    unread = await rig.run("/order", "new ACME WIDGET", user="UFR")
    assert unread["text"].startswith("Pas compris : WIDGET a besoin d'une quantité : WIDGET QTÉ.")
    english = await rig.run("/order", "show SO-00001", user="UEN")  # en-US: English
    assert english["text"].startswith("SO-00001 · Acme SA (ACME) · draft · not shipped")
    await rig.run("/order", "show SO-00001", user="UFR")
    asked = [call["user"] for call in rig.api.of("users.info")]
    assert sorted(asked) == ["UEN", "UFR"]  # each user's locale asked once, then kept


async def test_a_user_slack_tells_no_locale_of_gets_the_language_setting(rig: SlackRig) -> None:
    seed(rig)
    rig.api.fail_next("users.info", 200, error="missing_scope")
    answer = await rig.run("/order", "show SO-00001", user="UXX")
    assert answer["text"].startswith("SO-00001 · Acme SA (ACME) · draft")
