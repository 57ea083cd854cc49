"""The customer desk in the console on SQLite: every edit and case command as typed, the
answers saying what changed, and the history naming the console's OS user."""

from __future__ import annotations

from datetime import date

import bootstrap
from bot.console import Console, os_user
from tests.integration.conftest import AppFactory


def _console(app: bootstrap.App) -> Console:
    console = Console(app.bus.handle, lambda: date(2026, 11, 23))
    for line in (
        'customer new ACME "Acme SA" email:buyer@acme.example',
        "customer address ACME HQ city:Paris zip:75001 country:FR",
        "customer address ACME DEPOT city:Lyon country:France",
        'customer new BETA "Beta" email:zoe@beta.example',
        "tax new VAT20 20",
        "product new W Widget 2 tax:VAT20",
    ):
        assert not console.answer(line).startswith(("Refused", "Not understood")), line
    return console


def test_customer_edits_in_the_console(sqlite_url: str, make_app: AppFactory) -> None:
    app = make_app(sqlite_url)
    console = _console(app)
    answer = console.answer('customer set ACME name:"Acme Group" vat:"FR 40 303 265 045" lang:fr')
    assert answer.startswith(
        "Customer ACME: name Acme SA -> Acme Group, VAT number - -> FR40303265045, "
        "language - -> fr.\nACME · Acme Group · VAT FR40303265045"
    )
    assert console.answer("customer set ACME vat:FR00000000000").startswith(
        "Refused: vat_number: 'FR00000000000' is not a valid EU VAT number (wrong check digits)."
    )
    answer = console.answer("customer address ACME set HQ city:Marseille zip:13001 country:france")
    assert answer.startswith("Address HQ: city Paris -> Marseille, postal code 75001 -> 13001.")
    assert "Address HQ (default): 13001 Marseille, FR" in answer
    assert console.answer("customer address ACME default DEPOT").startswith(
        "Address DEPOT is now the default."
    )
    console.answer("order new ACME W 1 ship-to:HQ")
    assert console.answer("customer address ACME remove HQ") == (
        "Refused: address: HQ is the address of open orders SO-00001; give them another "
        "address (/order set CODE ship-to: bill-to:) or close them first.\nForm: "
        + console.answer("customer address help").splitlines()[0]
    )
    assert "cancelled" in console.answer("order cancel SO-00001")
    assert console.answer("customer address ACME remove DEPOT").startswith(
        "Address DEPOT removed. HQ is now the default address."
    )
    answer = console.answer(
        'customer contact ACME Ann email:ann@acme.example phone:"01 42 68 53 00"'
    )
    assert "Contact Ann: ann@acme.example · +33 1 42 68 53 00" in answer
    answer = console.answer("customer contact ACME set Ann email:Ann@Acme.EXAMPLE default")
    assert answer.startswith(
        "Contact Ann: email ann@acme.example -> Ann@acme.example, now the default contact."
    )
    assert console.answer("customer contact ACME set Ann email:zoe@beta.example").startswith(
        "Refused: email: zoe@beta.example is already the contact of customer BETA."
    )
    assert console.answer("customer contact ACME Ann remove").startswith(  # the earlier form
        "Contact Ann removed. Acme SA is now the default contact."
    )
    shown = console.answer("customer show ACME")
    who = os_user()
    assert "Changed 2026-" in shown
    assert f" {who}: contact Ann removed; Acme SA is now the default" in shown


def test_cases_and_priorities_in_the_console(sqlite_url: str, make_app: AppFactory) -> None:
    console = _console(make_app(sqlite_url))
    who = os_user()
    assert console.answer('case new ACME medium "Late delivery"').startswith(
        "Case 1 opened for ACME.\n#1 ACME medium open: Late delivery"
    )
    assert "⚠" not in console.answer("customer find acme")
    answer = console.answer("case set 1 priority:high")
    assert answer.startswith("Case 1: priority medium -> high (now an active alert).")
    assert "Acme SA  (code, 100)  ⚠ Late delivery" in console.answer("customer find acme")
    assert "⚠ ALERT case 1 (high): Late delivery" in console.answer("customer show ACME")
    answer = console.answer("case note 1 called the carrier")
    assert answer.endswith(f"{who} wrote: called the carrier")
    answer = console.answer("case priority set high alert:no")
    assert answer.startswith(
        "Priority high now raises no alert. Its open case #1 is no longer an active alert.\n"
        "Case priorities:\n  low        no alert"
    )
    assert "⚠" not in console.answer("customer find acme")
    assert console.answer("case priority new urgent alert:yes").startswith(
        "Priority urgent added; it raises an alert."
    )
    shown = console.answer('case set 1 priority:urgent title:"Very late"')
    assert shown.startswith(
        "Case 1: title 'Late delivery' -> 'Very late'; priority high -> urgent (now an active "
        "alert).\n#1 ACME urgent open ⚠ ALERT: Very late"
    )
    shown_log = console.answer("case show 1").splitlines()[1:]
    log = [line.strip().split(" ", 2)[-1] for line in shown_log]
    assert log == [
        f"{who}: opened with priority medium",
        f"{who}: priority medium -> high (now an active alert)",
        f"{who} wrote: called the carrier",
        f"{who}: priority high no longer raises alerts (the alert is removed)",
        f"{who}: title 'Late delivery' -> 'Very late'",
        f"{who}: priority high -> urgent (now an active alert)",
    ]
    assert console.answer("case new ACME soon x").startswith(
        "Refused: priority: 'soon' is not a priority; use low, medium, high, critical, urgent."
    )
