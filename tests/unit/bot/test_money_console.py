"""The money of an order at the console, in --json and on the Slack card: line
discounts typed as a percent or an amount, unit prices with every decimal, the tax
lines of the order's rules, each limit refused with its message, a merge that keeps
everything and shows both sides, and a currency that stays the order's own."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.console import Console
from bot.slack.cards import CardOptions, order_blocks
from bot.views.json import to_json
from domain import commands as c
from domain.services.context import Policy
from domain.services.messagebus import MessageBus
from domain.services.views import OrderView
from l10n.translation import speaking
from tests.unit.fakes import FakeClock, FakeStore

TODAY = date(2026, 11, 23)
SETUP = [
    "tax new VAT20 20",
    "tax new VAT5.5 5.5",
    "product new WIDGET Widget 12.50 tax:VAT20",
    "product new BOOK Book 10 tax:VAT5.5",
    "product new GADGET Gadget 3.99 tax:VAT20",
    "customer new ACME Acme",
]


def bus_on(store: FakeStore, policy: Policy) -> MessageBus:
    return MessageBus(store.uow_factory, FakeClock(), policy, retries=1, sleep=lambda s: None)


@pytest.fixture
def store() -> FakeStore:
    made = FakeStore()
    console = Console(bus_on(made, Policy()).handle, lambda: TODAY)
    for line in SETUP:
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    return made


def console_on(store: FakeStore, policy: Policy | None = None) -> Console:
    return Console(bus_on(store, policy or Policy()).handle, lambda: TODAY)


def test_an_order_shows_its_line_discounts_exact_prices_and_tax_lines(store: FakeStore) -> None:
    # WIDGET 4 x 12.50 = 50.00 less 2.50 = 47.50 (20%); BOOK 30.00 (5.5%); GADGET 3 x
    # 0.333 = 0.999 -> 1.00 (20%); subtotal 78.50. Shipping 10.00 pro rata: 5.5%:
    # 10 x 30 / 78.50 = 3.82, 20%: 6.18; tax 5.5%: 33.82 x 0.055 = 1.8601 -> 1.86;
    # 20%: (48.50 + 6.18) x 0.2 = 10.936 -> 10.94; total 78.50 + 12.80 + 10.00 = 101.30
    answer = console_on(store).answer(
        "order new ACME WIDGET 4 -2.50 BOOK 3 GADGET 3 @0.333 shipping:10"
    )
    assert answer.splitlines()[4:7] == [
        "    1. WIDGET            4 x €12.50 -€2.50 VAT20  = €47.50",
        "    2. BOOK              3 x €10.00 VAT5.5  = €30.00",
        "    3. GADGET            3 x €0.333 VAT20  = €1.00",
    ]
    assert answer.splitlines()[-1] == (
        "  Totals: Subtotal €78.50 · Tax 5.5% €1.86 · Tax 20% €10.94 · "
        "Shipping (taxed pro rata) €10.00 · Total €101.30"
    )


def test_the_settings_decide_new_orders_and_an_order_may_say_otherwise(store: FakeStore) -> None:
    policy = Policy(shipping_tax="none", discount_after_tax=True)
    answer = console_on(store, policy).answer("order new ACME WIDGET 4 discount:10% shipping:5")
    # 50.00 + 10.00 tax = 60.00; 10% after tax = 6.00; 50 - 6 + 10 + 5 = 59.00
    assert answer.splitlines()[-1] == (
        "  Totals: Subtotal €50.00 · Tax 20% €10.00 · Shipping (untaxed) €5.00 · "
        "Discount after tax (10%) -€6.00 · Total €59.00"
    )
    answer = console_on(store, policy).answer(
        "order new ACME WIDGET 4 discount:10% shipping:5 discount-tax:before"
    )
    # 10% of 50.00 = 5.00 before tax: 45.00 + 9.00 + 5.00 = 59.00
    assert answer.splitlines()[-1] == (
        "  Totals: Subtotal €50.00 · Discount (10%) -€5.00 · Tax 20% €9.00 · "
        "Shipping (untaxed) €5.00 · Total €59.00"
    )


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        (
            "order new ACME GADGET 1 discount:150%",
            "Refused: discount 150 is out of bounds: between 0 and 100 with at most 2 decimals.",
        ),
        (
            "order new ACME GADGET 1 discount:-5",
            "Refused: discount: -€5.00 is negative; it must be at least 0.",
        ),
        (
            "order new ACME GADGET 1 shipping:-4",
            "Refused: shipping: -€4.00 is negative; it must be at least 0.",
        ),
        (
            "order new ACME GADGET 1 discount:100",
            (
                "Refused: discount: €100.00 is more than the order's net €3.99; it may be at most "
                "€3.99."
            ),
        ),
        (
            "order new ACME GADGET 1 adjust:-20",
            (
                "Refused: adjustment: -€20.00 is beyond the order's total before adjustment "
                "(€4.79); it must be between -€4.79 and €4.79."
            ),
        ),
        (
            "order new ACME GADGET 1 -5",
            (
                "Refused: discount: GADGET: discount €5.00 must be between 0 and the line's amount "
                "€3.99."
            ),
        ),
        (
            "order new ACME GADGET 1 discount-tax:later",
            "Not understood: discount-tax:later is not before or after.",
        ),
    ],
)
def test_every_limit_is_refused_at_the_console(store: FakeStore, line: str, answer: str) -> None:
    console = console_on(store)
    assert console.answer(line).splitlines()[0] == answer
    assert console.answer("order list").splitlines()[0] == "Orders: none."


def test_a_merge_keeps_everything_and_both_sides_show_it(store: FakeStore) -> None:
    console = console_on(store)
    console.answer("order new ACME WIDGET 2 shipping:5 adjust:-0.50 ref:PO-1")
    console.answer("order new ACME BOOK 1 shipping:8 adjust:1 ref:PO-2 remarks:Fragile")
    answer = console.answer("order merge SO-00001 SO-00002")
    assert answer.splitlines()[:2] == [
        "SO-00002 merged into SO-00001; SO-00002 is cancelled.",
        "SO-00001 · Acme (ACME) · draft · not shipped · not invoiced",
    ]
    assert "ref: PO-1, PO-2 · source: console · absorbed: SO-00002" in answer
    # 25.00 + 10.00 (20%), 10.00 + 0.55 (5.5%) with shipping 13.00 shared pro rata:
    # 5.5%: 13 x 10 / 35 = 3.71, 20%: 9.29; tax 5.5%: 13.71 x 0.055 = 0.75405 -> 0.75;
    # 20%: 34.29 x 0.2 = 6.858 -> 6.86; 35.00 + 7.61 + 13.00 + 0.50 = 56.11
    assert answer.splitlines()[-1] == (
        "  Totals: Subtotal €35.00 · Tax 5.5% €0.75 · Tax 20% €6.86 · "
        "Shipping (taxed pro rata) €13.00 · Adjustment €0.50 · Total €56.11"
    )
    assert "related: merged into SO-00001" in console.answer("order show SO-00002")
    bus = bus_on(store, Policy())
    survivor: OrderView = bus.handle(c.ShowOrder(code="SO-00001"))
    data = json.loads(json.dumps(to_json(survivor)))
    assert (data["absorbed"], data["reference"], data["remarks"]) == (
        ["SO-00002"],
        "PO-1, PO-2",
        "Fragile",
    )
    # `text` in the reader's language, its amounts written their way; the stored
    # English keeps the plain amounts
    assert data["timeline"][-1]["text"] == (
        "Merged SO-00002 into this order: 1 line(s), shipping €8.00, adjustment €1.00, "
        "PO number PO-2."
    )
    assert survivor.order.timeline[-1].text == (
        "Merged SO-00002 into this order: 1 line(s), shipping 8.00 EUR, adjustment 1.00 EUR, "
        "PO number PO-2."
    )
    card = json.dumps(order_blocks(survivor, CardOptions()))
    assert "*Absorbed*\\nSO-00002" in card
    assert "*Total \\u20ac56.11*" in card
    absorbed = json.dumps(order_blocks(bus.handle(c.ShowOrder(code="SO-00002")), CardOptions()))
    assert "*Related*\\nmerged into SO-00001" in absorbed
    with speaking("fr"):
        shown = order_blocks(bus.handle(c.ShowOrder(code="SO-00002")), CardOptions())
    french = json.dumps(shown, ensure_ascii=False)
    assert "*Liée*\\nfusionnée dans SO-00001" in french, french


def test_a_new_currency_setting_relabels_no_past_order(store: FakeStore) -> None:
    console_on(store).answer("order new ACME WIDGET 1")
    dollars = console_on(store, Policy(currency="USD"))
    assert dollars.answer("order new ACME WIDGET 1").splitlines()[-1].endswith("Total $15.00")
    assert dollars.answer("order show SO-00001").splitlines()[-1].endswith("Total €15.00")
