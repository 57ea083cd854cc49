"""The customer desk's forms as typed: each edit and case command, the earlier forms that
still work, what is refused with the right form, and the help of every new form."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.grammar import Door, build_grammar
from bot.language.words import UsageError
from domain import commands as c

GRAMMAR = build_grammar()
DOOR = Door(today=date(2026, 11, 23), actor="U0REP", manager=False, source="slack")


def parse(line: str) -> c.Command:
    parsed = GRAMMAR.parse(line, DOOR)
    assert parsed.command is not None, parsed.help
    return parsed.command


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'customer set ACME name:"Acme Group" vat:- lang:da',
            c.SetCustomer(code="ACME", name="Acme Group", vat_number="", language="da"),
        ),
        (
            "customer set ACME vat:FR40303265045",
            c.SetCustomer(code="ACME", vat_number="FR40303265045"),
        ),
        (
            "customer address ACME HQ city:Paris default",
            c.AddAddress(customer="ACME", code="HQ", city="Paris", default=True),
        ),
        (
            "customer address ACME add HQ zip:01000",
            c.AddAddress(customer="ACME", code="HQ", postal_code="01000"),
        ),
        (
            "customer address ACME set HQ street:- city:Lyon default",
            c.SetAddress(customer="ACME", code="HQ", street="", city="Lyon", default=True),
        ),
        ("customer address ACME remove HQ", c.RemoveAddress(customer="ACME", code="HQ")),
        ("customer address ACME default DEPOT", c.SetDefaultAddress(customer="ACME", code="DEPOT")),
        (
            'customer contact ACME set "Ann Lee" name:Ann email:ann@acme.test phone:- default',
            c.SetContact(
                customer="ACME",
                name="Ann Lee",
                new_name="Ann",
                email="ann@acme.test",
                phone="",
                default=True,
            ),
        ),
        ("customer contact ACME remove Ann", c.RemoveContact(customer="ACME", name="Ann")),
        (
            "customer contact ACME Ann remove email:ann@acme.test",
            c.RemoveContact(customer="ACME", name="Ann", email="ann@acme.test"),
        ),
        (
            "customer contact ACME Ann email:ann@acme.test default",
            c.AddContact(customer="ACME", name="Ann", email="ann@acme.test", default=True),
        ),
        ("customer contact ACME add Set", c.AddContact(customer="ACME", name="Set")),
        ("case show 4", c.ShowCase(case_id=4)),
        ("case note 4 called the carrier", c.AddCaseNote(case_id=4, text="called the carrier")),
        (
            'case set 4 priority:high title:"Late again"',
            c.SetCase(case_id=4, priority="high", title="Late again"),
        ),
        ("case priority", c.ListCasePriorities()),
        ("case priority list", c.ListCasePriorities()),
        ("case priority new urgent alert:yes", c.NewCasePriority(name="urgent", alert=True)),
        ("case priority new later", c.NewCasePriority(name="later", alert=False)),
        ("case priority set high alert:no", c.SetCasePriority(name="high", alert=False)),
    ],
)
def test_each_desk_line_becomes_its_command(line: str, expected: c.Command) -> None:
    command = parse(line)
    assert command == expected.model_copy(update={"actor": "U0REP", "actor_door": "slack"})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("customer set ACME", "say what to change: name:, vat: or lang:"),
        ("customer set ACME BETA name:X", "expected one customer CODE, got: ACME BETA"),
        ("customer address ACME remove", "say which address code after remove"),
        ("customer address ACME remove HQ city:Paris", "remove takes only the address code"),
        ("customer contact ACME set", "say which contact name after set"),
        ("customer contact ACME remove Ann phone:1", "remove takes only the contact's NAME"),
        ("customer contact ACME Ann name:Bob", "name: renames a contact"),
        ("case set 4", "say what to change: priority:NAME or title:TEXT"),
        ("case set x priority:low", "case id 'x' is not a whole number"),
        ("case priority set high", "say whether it raises an alert: alert:yes or alert:no"),
        ("case priority set high alert:maybe", "alert: 'maybe' is neither yes nor no"),
        ("case priority drop high", "/case priority has no 'drop'; it has: list, new, set"),
        ("case priority new", "expected one priority NAME after new"),
    ],
)
def test_wrong_lines_say_what_was_wrong_and_the_form(line: str, message: str) -> None:
    with pytest.raises(UsageError) as wrong:
        GRAMMAR.parse(line, DOOR)
    assert wrong.value.message == message or wrong.value.message.startswith(message)
    family, verb = line.split()[:2]
    assert wrong.value.form.startswith(f"/{family} {verb}")


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("customer set help", "/customer set CODE [name:NAME] [vat:NUMBER|-] [lang:en|fr|da]"),
        ("customer address help", "/customer address CODE [add|set|remove|default] ADDRESS-CODE"),
        ("customer contact ACME help", "/customer contact CODE [add|set|remove] NAME"),
        ("case show help", "/case show ID"),
        ("case note help", "/case note ID TEXT"),
        ("case set help", '/case set ID [priority:NAME] [title:"TEXT"]'),
        ("case priority help", "/case priority [list] | new NAME [alert:yes|no]"),
    ],
)
def test_every_new_form_answers_help(line: str, form: str) -> None:
    parsed = GRAMMAR.parse(line, DOOR)
    assert parsed.command is None
    assert parsed.help is not None
    assert parsed.help.startswith(form)
    assert len(parsed.help.splitlines()) == 2  # the form, then what it does


def test_the_family_help_lists_the_new_forms() -> None:
    customer = GRAMMAR.help("customer")
    for verb in ("set", "address", "contact"):
        assert f"/customer {verb} CODE" in customer
    cases = GRAMMAR.help("case")
    for verb in ("show", "note", "set", "priority"):
        assert f"/case {verb} " in cases
