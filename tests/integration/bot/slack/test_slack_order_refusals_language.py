"""A Slack user whose locale is French or Danish reads the refusals of an order in their
language, through the real Bolt app over HTTP and the Web API stand-in: a quantity of
zero, a discount of 120%, a line discount typed wrong and an order discount above the
order's net, the amounts written as money their way."""

from __future__ import annotations

from decimal import Decimal

from domain import commands as c
from tests.integration.bot.slack.conftest import SlackRig

NB = "\u00a0"


def seed(rig: SlackRig) -> None:
    bus = rig.app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal("3.99"), tax="VAT20"))
    bus.handle(c.CreateCustomer(code="ACME", name="Acme SA", email="buyer@acme.example"))


async def refusals(rig: SlackRig, user: str) -> list[str]:
    said = []
    for line in [
        "new ACME GADGET 0",
        "new ACME GADGET 1 -120%",
        "new ACME GADGET 1 -ten",
        "new ACME GADGET 1 discount:100",
    ]:
        answer = await rig.run("/order", line, user=user)
        said.append(str(answer["text"]).split("\n")[0])
    return said


async def test_a_french_user_reads_an_orders_refusals_in_french(rig: SlackRig) -> None:
    seed(rig)
    rig.api.locales["UFR"] = "fr-FR"
    assert await refusals(rig, "UFR") == [
        # "dépasser": the field named may be feminine (la quantité) or masculine (le prix)
        "Pas compris : la quantité de GADGET 0 doit dépasser 0.",
        "Refusé : remise 120 hors limites : entre 0 et 100 avec au plus 2 décimales",
        (
            "Pas compris : remise de GADGET : une remise de ligne est un pourcentage ou un "
            "montant déduit de la ligne (-10 % ou -2,50), pas « -ten »."
        ),
        (
            f"Refusé : remise : 100,00{NB}€ dépasse le net de la commande 3,99{NB}€ ; au plus "
            f"3,99{NB}€"
        ),
    ]


async def test_a_danish_user_reads_an_orders_refusals_in_danish(rig: SlackRig) -> None:
    seed(rig)
    rig.api.locales["UDA"] = "da-DK"
    assert await refusals(rig, "UDA") == [
        "Ikke forstået: antallet af GADGET 0 skal være større end 0.",
        "Afvist: rabat 120 er uden for grænserne: mellem 0 og 100 med højst 2 decimaler",
        (
            "Ikke forstået: rabat på GADGET: en linjerabat er en procentdel eller et beløb "
            "trukket fra linjen (-10% eller -2,50), ikke '-ten'."
        ),
        f"Afvist: rabat: 100,00{NB}€ er mere end ordrens netto 3,99{NB}€; højst 3,99{NB}€",
    ]
