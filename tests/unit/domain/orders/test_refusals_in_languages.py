"""The orders' refusals as a French or a Danish reader reads them: amounts as money in the
order's currency, written their way; the words of a line discount typed wrong, of a
numbering setting and of a number cut short in their language; and the statuses of orders
and shipments agreeing with what they are said of (French: une commande "clôturée", une
expédition "expédiée", deux commandes "clôturées")."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D

import pytest

from domain import bounds
from domain.errors import DomainError
from domain.numbering import DocumentKind, NumberStyle
from domain.orders.line_edits import LineChange, change_line
from domain.orders.lines import LineSpec, read_line_discount
from domain.orders.merge import check_merge
from domain.orders.order import SalesOrder
from domain.orders.shipments import ShipmentStatus
from l10n.translation import render
from tests.unit.builders import T1, confirmed, order, spec

NB = "\u00a0"  # the no-break space before the euro sign
TH = "\u202f"  # the French thousands separator


def refusal(act: Callable[[], object]) -> DomainError:
    with pytest.raises(DomainError) as caught:
        act()
    return caught.value


def said(act: Callable[[], object]) -> dict[str, str]:
    """The refusal of `act` in English, French and Danish."""
    text = refusal(act).text
    return {lang: render(text, lang) for lang in ("en", "fr", "da")}


def gadget(**fields: object) -> SalesOrder:
    # GADGET 1 x 3.99 at 20%: 3.99 + 0.80 = 4.79
    return order(spec("GADGET", 1, "3.99"), **fields)  # type: ignore[arg-type]


def test_a_discount_above_the_net_is_said_in_money() -> None:
    assert said(lambda: gadget(discount_value=D(100), discount_is_percent=False)) == {
        "en": "discount: €100.00 is more than the order's net €3.99; it may be at most €3.99",
        "fr": f"remise : 100,00{NB}€ dépasse le net de la commande 3,99{NB}€ ; au plus 3,99{NB}€",
        "da": f"rabat: 100,00{NB}€ er mere end ordrens netto 3,99{NB}€; højst 3,99{NB}€",
    }


def test_an_adjustment_beyond_the_total_is_said_in_money() -> None:
    words = said(lambda: gadget(adjustment=D(-5)))
    assert words["en"].endswith("(€4.79); it must be between -€4.79 and €4.79")
    assert words["fr"].endswith(f"(4,79{NB}€) ; il doit être entre -4,79{NB}€ et 4,79{NB}€")
    assert words["da"].endswith(f"(4,79{NB}€); den skal være mellem -4,79{NB}€ og 4,79{NB}€")


def test_negative_shipping_is_said_in_money_in_the_orders_currency() -> None:
    assert said(lambda: gadget(shipping_charges=D(-4), currency="DKK")) == {
        "en": "shipping: -DKK4.00 is negative; it must be at least 0",
        "fr": f"frais de port : -4,00{NB}DKK est négatif ; au moins 0",
        "da": f"fragt: -4,00{NB}kr. er negativ; mindst 0",
    }


def test_an_amount_off_beyond_the_line_is_said_in_money() -> None:
    off = LineSpec("A", "A", D(4), D("12.50"), "VAT20", D(20), discount_amount=D(60))
    words = said(lambda: order(off))
    assert words["fr"] == (
        f"remise : A : la remise 60,00{NB}€ doit être entre 0 et le montant de la ligne 50,00{NB}€"
    )
    assert (
        words["da"]
        == f"rabat: A: rabatten 60,00{NB}€ skal være mellem 0 og linjens beløb 50,00{NB}€"
    )


def test_a_line_or_an_order_too_large_is_said_in_money() -> None:
    line = said(lambda: order(spec("A", "999999999999", "999999")))
    assert line["fr"].startswith(
        f"ligne 1 : 999{TH}999{TH}999{TH}999 x 999{TH}999,00{NB}€ = "
        f"999{TH}998{TH}999{TH}999{TH}000{TH}001,00{NB}€ dépasse"
    )
    assert line["da"].startswith("linje 1: 999.999.999.999 x 999.999,00\u00a0€ = ")
    total = said(lambda: order(spec("A", "1", "1"), shipping_charges=D("999999999999")))
    assert f"SO-00001 atteindrait 1{TH}000{TH}000{TH}000{TH}000,20{NB}€," in total["fr"]
    assert f"SO-00001 ville beløbe sig til 1.000.000.000.000,20{NB}€," in total["da"]


def test_a_price_made_negative_on_a_line_is_said_in_money() -> None:
    made = confirmed(spec("WIDGET"))
    words = said(lambda: change_line(made, "1", LineChange(price=D(-1)), T1))
    assert words["fr"] == f"prix : ligne 1 (WIDGET) : -1,00{NB}€ est négatif"


def test_a_line_discount_typed_wrong_is_said_in_the_readers_language() -> None:
    assert said(lambda: read_line_discount("-ten")) == {
        "en": "a line discount is a percent or an amount off the line (-10% or -2.50), not '-ten'",
        "fr": (
            "une remise de ligne est un pourcentage ou un montant déduit de la ligne "
            "(-10 % ou -2,50), pas « -ten »"
        ),
        "da": (
            "en linjerabat er en procentdel eller et beløb trukket fra linjen (-10% eller "
            "-2,50), ikke '-ten'"
        ),
    }


def test_a_numbering_setting_is_named_in_the_readers_language() -> None:
    words = said(lambda: NumberStyle(DocumentKind.CREDIT_NOTE, "CN", 0))
    assert words["en"] == "credit note number width: 0 must be between 1 and 10"
    assert words["fr"].startswith("largeur des numéros d'avoir : ")
    assert words["da"].startswith("bredde på kreditnotanumre: ")
    prefix = said(lambda: NumberStyle(DocumentKind.ORDER, "SO 1"))
    assert prefix["fr"].startswith("préfixe des numéros de commande : 'SO 1' ")


def test_a_number_cut_short_says_its_length_in_the_readers_language() -> None:
    long = D("1" + "0" * 59)
    words = said(lambda: bounds.check_number("quantity", long, bounds.QUANTITY))
    start = "1" + "0" * 19
    assert words["en"].startswith(f"quantity {start}…(60 characters) is out of bounds")
    assert words["fr"].startswith(f"quantité {start}…(60 caractères) hors limites")
    assert words["da"].startswith(f"antal {start}…(60 tegn) er uden for")


def test_an_orders_status_agrees_with_the_order() -> None:
    made = confirmed(spec("A"))
    made.close(T1)
    assert said(lambda: made.add_line(spec("B"), T1)) == {
        "en": "SO-00001 is closed; it can no longer change.",
        "fr": "SO-00001 est clôturée ; elle ne peut plus changer.",
        "da": "SO-00001 er lukket; den kan ikke længere ændres.",
    }
    cancelled = confirmed(spec("A"))
    cancelled.cancel(T1)
    words = said(lambda: cancelled.confirm(T1))
    assert words["fr"].startswith("SO-00001 est annulée ; elle ne peut pas devenir confirmée")


def test_a_draft_reads_as_one_in_french() -> None:
    draft = order(spec("A"))
    assert said(lambda: draft.invoice("INV-1", T1))["fr"] == (
        "SO-00001 est en brouillon ; seule une commande confirmée peut être facturée."
    )


def test_a_shipments_status_agrees_with_the_shipment() -> None:
    made = confirmed(spec("A"))
    shipment = made.shipment(1)
    shipment.status = ShipmentStatus.SHIPPED
    words = said(lambda: shipment.move_to(ShipmentStatus.PENDING, made.code))
    assert words["fr"] == (
        "L'expédition 1 de SO-00001 est expédiée ; elle ne peut pas devenir en attente "
        "(de là, elle peut devenir : livrée)."
    )
    assert words["da"].startswith(
        "Forsendelse 1 i SO-00001 er afsendt; den kan ikke blive afventer"
    )


@pytest.mark.parametrize(
    ("act", "fr", "da"),
    [
        ("close", "SO-00001 et SO-00002 sont clôturées ;", "SO-00001 og SO-00002 er lukket;"),
        ("cancel", "SO-00001 et SO-00002 sont annulées ;", "SO-00001 og SO-00002 er annulleret;"),
    ],
)
def test_two_orders_that_cannot_merge_agree_with_both(act: str, fr: str, da: str) -> None:
    a, b = confirmed(spec("A")), confirmed(spec("A"), code="SO-00002")
    for made in (a, b):
        getattr(made, act)(T1)
    refused = refusal(lambda: check_merge(a, b))
    assert refused.message == (
        f"SO-00001 and SO-00002 are {act}{'d' if act == 'close' else 'led'}; only draft or "
        "confirmed orders can be merged."
    )
    assert render(refused.text, "fr").startswith(fr)
    assert render(refused.text, "da").startswith(da)
