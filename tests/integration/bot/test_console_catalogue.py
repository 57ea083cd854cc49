"""The catalogue in the console on SQLite: `/product set` through the rules of `product
new` with the console's OS user on the product's history, and catalogues as records
(create, add, remove, list, show, send) with what was sent kept on the customer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import bootstrap
from bot.console import Console, os_user
from tests.integration.conftest import AppFactory

TODAY = datetime.now(UTC).date()
"""The day of the bus's clock (the real one), which dates catalogues."""
LATER = TODAY + timedelta(days=30)


def _console(app: bootstrap.App) -> Console:
    console = Console(app.bus.handle, lambda: TODAY)
    for line in (
        'customer new ACME "Acme SA" email:buyer@acme.example',
        "tax new VAT20 20",
        "tax new VAT5 5.5",
        "product new W Widget 2 tax:VAT20 every:monthly",
        "product new G Gadget 3.5",
    ):
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    return console


def test_product_set_in_the_console(sqlite_url: str, make_app: AppFactory) -> None:
    console = _console(make_app(sqlite_url))
    who = os_user()
    answer = console.answer('product set W price:2.40 tax:VAT5 name:"Widget A" every:all')
    assert answer.splitlines()[:2] == [
        (
            "Product W: name Widget -> Widget A; price €2.00 -> €2.40; tax VAT20 -> VAT5; "
            "subscriptions monthly -> monthly,quarterly,yearly."
        ),
        "W            Widget A  €2.40 VAT5 every monthly,quarterly,yearly",
    ]
    assert console.answer("product set W tax:- every:- active:no").splitlines()[:2] == [
        "Product W: tax VAT5 -> -; subscriptions monthly,quarterly,yearly -> -; sold yes -> no.",
        "W            Widget A  €2.40 (inactive: not sold)",
    ]
    assert console.answer("product set W active:no").startswith("Product W: nothing changed.")
    shown = console.answer("product show W").splitlines()
    assert shown[0] == "W            Widget A  €2.40 (inactive: not sold)"
    assert shown[1].endswith(
        f" {who}: tax VAT5 -> -; subscriptions monthly,quarterly,yearly -> -; sold yes -> no"
    )
    assert shown[2].endswith(
        f" {who}: name Widget -> Widget A; price €2.00 -> €2.40; tax VAT20 -> VAT5; "
        "subscriptions monthly -> monthly,quarterly,yearly"
    )
    assert shown[3].endswith(f" {who}: created")
    # Refusals name the field and the limit, and change nothing.
    for line, said in (
        ("product set W price:-1", "Refused: price: -1 is negative."),
        ("product set W tax:GST", "Refused: tax: no tax GST; configured: VAT20, VAT5."),
        ("product set W every:weekly", "Refused: frequencies: weekly is not a frequency"),
        ("product set W active:maybe", "Not understood: active: takes yes or no, not 'maybe'"),
        ("product set W", "Not understood: say what to change: name:, price:, tax:, every:"),
        ("product set NOPE price:1", "Refused: No product NOPE."),
        (
            "product set W price:1234567890123",
            "Refused: price 1234567890123 is out of bounds: at most 12 digits",
        ),
    ):
        assert console.answer(line).startswith(said), line
    assert console.answer("product show W").splitlines()[0] == shown[0]
    assert console.answer("order new ACME W 1").startswith("Refused:")  # not sold any more


def test_catalogues_in_the_console(sqlite_url: str, make_app: AppFactory) -> None:
    console = _console(make_app(sqlite_url))
    who = os_user()
    assert console.answer("catalog").splitlines() == [
        "Catalogues:",
        (
            f"  default (default) · source code DEFAULT · valid from {TODAY} · every active "
            "product · 2 products"
        ),
    ]
    answer = console.answer("catalog new spring W source:SP26")
    assert answer.splitlines()[:3] == [
        "Catalogue spring created.",
        f"spring · source code SP26 · valid from {TODAY} · listed products",
        "  W            Widget  €2.00 VAT20 every monthly",
    ]
    assert console.answer("catalog add spring G W").startswith("Catalogue spring: added G.")
    assert console.answer("catalog remove spring W").startswith("Catalogue spring: removed W.")
    assert console.answer("catalog remove spring W").startswith(
        "Refused: No product W in catalogue spring (it lists: G)."
    )
    assert console.answer("catalog add default G").startswith(
        "Refused: catalogue: catalogue default holds every active product"
    )
    assert console.answer("catalog new spring").startswith(
        "Refused: name: catalogue spring already exists."
    )
    assert console.answer("catalog new autumn G from:+30d").splitlines()[1] == (
        f"autumn · source code AUTUMN · valid from {LATER} · listed products"
    )
    assert console.answer("catalog send ACME autumn").startswith(
        f"Refused: catalogue: catalogue autumn is valid from {LATER}; it can be sent from that day."
    )
    assert console.answer("catalog send ACME spring") == (
        "Catalogue spring (source code SP26) of 1 product queued for buyer@acme.example (ACME)."
    )
    assert console.answer("catalog send ACME").startswith("Catalogue default (source code DEFAULT)")
    assert console.answer("catalog send ACME winter").startswith(
        "Refused: No catalogue winter (catalogues: default, spring, autumn)."
    )
    desk = console.answer("customer show ACME").splitlines()
    sent = [line for line in desk if line.startswith("  Catalogue sent: ")]
    assert len(sent) == 2
    assert sent[0].startswith(
        "  Catalogue sent: default (source code DEFAULT), 2 products to buyer@acme.example, "
    )
    assert sent[1].endswith(f" by {who}")
    assert "spring (source code SP26), 1 product " in sent[1]
    assert console.answer("catalog show").splitlines()[0].startswith("default (default)")
