"""One identity rule at every door: each value of a table goes through `customer new`,
`customer contact` and `customer address` in the console and in Slack (the real Bolt app,
signed requests), and through a customer import row (a real .csv, checked then
confirmed); every door must give the same verdict, keep the same value, and refuse with
the same reason, which is the identity rule's. Then: an address belongs to one customer
at every door, and a mail from an address is one customer's or no one's (real dovecot)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import bootstrap
from bot.console import Console
from domain import commands as c
from domain.customers import identity
from domain.customers.customer import Customer
from domain.imports.sessions import ImportReport, Verdict
from tests.integration.bot.slack.conftest import SlackRig, slack_settings, start_rig
from tests.integration.conftest import AppFactory
from tests.integration.inbox_helpers import inbound_rows, mail, order_rows, poll
from tests.integration.store.test_unique_emails import old_database
from tests.servers.dovecot import ImapAccount
from tests.servers.slack_api import SlackApiStub


@dataclass(frozen=True)
class Case:
    """A value of one kind, the country it is read in (phones), and what the rule makes
    of it: the value kept, or None when it is refused."""

    kind: str
    text: str
    kept: str | None
    region: str = ""


CASES = [
    Case("email", "achat@beta.test", "achat@beta.test"),
    Case("email", "buyer@acme.example", "buyer@acme.example"),
    Case("email", "Zoe.L@Exemple.FR", "Zoe.L@exemple.fr"),
    Case("email", "JOE@SHOP.TEST", "JOE@shop.test"),
    Case("email", "jürgen@müller.de", "jürgen@müller.de"),
    Case("email", "joe@", None),
    Case("email", "a@b", None),
    Case("email", "not-an-email", None),
    Case("email", "x@localhost", None),
    Case("email", "x@mail.invalid", None),
    Case("email", "a..b@c.example", None),
    Case("vat", "FR40303265045", "FR40303265045"),
    Case("vat", "FR 40 303 265 045", "FR40303265045"),
    Case("vat", "fr40.303.265.045", "FR40303265045"),
    Case("vat", "DE136695976", "DE136695976"),
    Case("vat", "CHE-123.456.789", "CHE123456789"),
    Case("vat", "FR00303265045", None),
    Case("vat", "FR123", None),
    Case("country", "FR", "FR"),
    Case("country", "fr", "FR"),
    Case("country", "France", "FR"),
    Case("country", "UK", "GB"),
    Case("country", "Allemagne", "DE"),
    Case("country", "Royaume-Uni", "GB"),
    Case("country", "XX", None),
    Case("country", "Mordor", None),
    Case("phone", "01 42 68 53 00", "+33 1 42 68 53 00", "FR"),
    Case("phone", "+33 1 42 68 53 00", "+33 1 42 68 53 00"),
    Case("phone", "+33142685300", "+33 1 42 68 53 00", "DE"),
    Case("phone", "030 1234567", "+49 30 1234567", "DE"),
    Case("phone", "01 42 68 53 00", None),
    Case("phone", "abc", None, "FR"),
    Case("phone", "+33 1", None),
    Case("postal_code", "01000", "01000"),
    Case("postal_code", "SW1A  1AA", "SW1A 1AA"),
    Case("postal_code", "x" * 21, None),
    Case("postal_code", "1000", None, "FR"),
    Case("postal_code", "01000", "01000", "FR"),
    Case("postal_code", "1012 AB", "1012 AB", "NL"),
    Case("postal_code", "75001", None, "GB"),
]
LABELS = {"email": "Contact email", "vat": "VAT number", "country": "Country",
          "phone": "Contact phone", "postal_code": "Postal code"}  # fmt: skip
FIELDS = {"email": "email", "vat": "vat_number", "country": "country", "phone": "phone",
          "postal_code": "postal_code"}  # fmt: skip
CONTEXT = {"FR": "PFR", "DE": "PDE", "": "PNONE"}
"""The customer whose contacts take a phone read in each country (its address's)."""

Answer = tuple[bool, str]
"""A door's verdict: (kept, the value kept) or (refused, the reason given)."""
Send = Callable[[str], Awaitable[str]]


def _judge(case: Case) -> str | identity.Refusal:
    judges = {
        "email": identity.judge_email,
        "vat": identity.judge_vat,
        "country": identity.judge_country,
        "postal_code": identity.judge_postal_code,
    }
    if case.kind == "phone":
        return identity.judge_phone(case.text, case.region)
    if case.kind == "postal_code":
        return identity.judge_postal_code(case.text, case.region)
    return judges[case.kind](case.text)


def _reason(answer: str, field: str) -> str | None:
    """The reason of a console or Slack refusal on `field` (None: not refused)."""
    first = answer.split("\n", 1)[0]
    found = re.fullmatch(rf"Refused: {field}: (.*?)\.?", first)
    return found[1] if found else None


def _seed(bus_handle: Callable[[c.Command], object]) -> None:
    """The customers the contact and address doors add to."""
    for code in ("MAIL", "ADDR", *CONTEXT.values()):
        bus_handle(c.CreateCustomer(code=code, name=f"{code} SA"))
    for region, code in CONTEXT.items():
        if region:
            bus_handle(c.AddAddress(customer=code, code="HQ", country=region))


def _customer(app: bootstrap.App, code: str) -> Customer:
    customer: Customer = app.bus.handle(c.ShowCustomer(code=code)).customer
    return customer


def _stored(app: bootstrap.App, door: str, case: Case, n: int) -> str:
    """The value a door kept, read back from the database."""
    if door == "new":
        customer = _customer(app, f"N{n}")
        return customer.vat_number if case.kind == "vat" else customer.contacts[0].email
    if door == "contact":
        code = "MAIL" if case.kind == "email" else CONTEXT[case.region]
        contact = next(k for k in _customer(app, code).contacts if k.name == f"K{n}")
        return contact.email if case.kind == "email" else contact.phone
    address = _customer(app, "ADDR").address(f"A{n}")
    return address.country if case.kind == "country" else address.postal_code


def _lines(case: Case, n: int) -> dict[str, str]:
    """The command line of each door that takes the case's kind."""
    value = f'"{case.text}"'
    option = {"email": "email", "vat": "vat", "country": "country", "phone": "phone",
              "postal_code": "zip"}[case.kind]  # fmt: skip
    lines = {}
    if case.kind in ("email", "vat"):
        lines["new"] = f'customer new N{n} "N{n} SA" {option}:{value}'
    if case.kind in ("email", "phone"):
        owner = "MAIL" if case.kind == "email" else CONTEXT[case.region]
        lines["contact"] = f"customer contact {owner} K{n} {option}:{value}"
    if case.kind in ("country", "postal_code"):
        region = f" country:{case.region}" if case.region else ""  # a postal code's country
        lines["address"] = f"customer address ADDR A{n} {option}:{value}{region}"
    return lines


async def _through(app: bootstrap.App, send: Send, label: str) -> dict[tuple[int, str], Answer]:
    """Every case through every door of one edge (console or Slack), in one app."""
    found: dict[tuple[int, str], Answer] = {}
    for n, case in enumerate(CASES):
        for door, line in _lines(case, n).items():
            text = await send(line)
            reason = _reason(text, FIELDS[case.kind])
            if reason is None:
                assert not text.startswith(("Refused", "Not understood")), (label, line, text)
                found[(n, f"{label} {door}")] = (True, _stored(app, door, case, n))
                if door == "new" and case.kind == "email":  # free it for the contact door
                    removed = await send(f'customer contact N{n} "N{n} SA" remove')
                    assert "removed" in removed, removed
            else:
                found[(n, f"{label} {door}")] = (False, reason)
    return found


HEADER = ["Customer code", "Customer name", "VAT number", "Address code", "Postal code",
          "Country", "Contact name", "Contact phone", "Contact email"]  # fmt: skip


def _import_row(case: Case, n: int) -> list[str]:
    cells = dict.fromkeys(HEADER, "")
    cells |= {"Customer code": f"I{n}", "Customer name": f"I{n} SA"}
    if case.kind == "vat":
        cells["VAT number"] = case.text
    elif case.kind in ("country", "postal_code"):
        cells |= {"Address code": "HQ", LABELS[case.kind]: case.text}
        if case.region:
            cells["Country"] = case.region
    else:
        cells |= {"Contact name": f"K{n}", LABELS[case.kind]: case.text}
        if case.region:
            cells |= {"Address code": "HQ", "Country": case.region}
    return [cells[name] for name in HEADER]


def _through_import(app: bootstrap.App, tmp_path: Path) -> dict[tuple[int, str], Answer]:
    """Every case as a row of one .csv file, checked then confirmed."""
    path = tmp_path / "customers.csv"
    rows = [HEADER] + [_import_row(case, n) for n, case in enumerate(CASES)]
    path.write_text("\r\n".join(";".join(row) for row in rows), encoding="utf-8")
    report: ImportReport = app.bus.handle(c.CheckImport(kind="customers", path=str(path)))
    app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    verdicts = {v.row: v for v in report.rows}  # green rows are only counted
    found: dict[tuple[int, str], Answer] = {}
    for n, case in enumerate(CASES):
        verdict = verdicts.get(n + 2)
        if verdict is not None and verdict.status == Verdict.RED:
            label = f"{LABELS[case.kind]}: "
            reasons = [m.removeprefix(label) for m in verdict.messages if m.startswith(label)]
            found[(n, "import")] = (False, " | ".join(reasons) or repr(verdict.messages))
            continue
        customer = _customer(app, f"I{n}")
        kept = {"vat": customer.vat_number}
        if customer.addresses:
            kept |= {"country": customer.addresses[0].country,
                     "postal_code": customer.addresses[0].postal_code}  # fmt: skip
        if customer.contacts:
            kept |= {"email": customer.contacts[0].email, "phone": customer.contacts[0].phone}
        found[(n, "import")] = (True, kept[case.kind])
    return found


@pytest.fixture
async def rig(make_app: AppFactory, tmp_path: Path) -> AsyncIterator[SlackRig]:
    """orderbot answering Slack over HTTP against the stand-in (one app for every value)."""
    api = await SlackApiStub().start()
    app = make_app(f"sqlite:///{tmp_path / 'slack.sqlite3'}", **slack_settings(api))
    try:
        async for ready in start_rig(app, api):
            yield ready
    finally:
        await api.stop()


async def test_every_door_gives_the_same_verdict_and_the_same_message(
    rig: SlackRig, make_app: AppFactory, tmp_path: Path
) -> None:
    assert len(CASES) >= 25
    console_app = make_app(f"sqlite:///{tmp_path / 'console.sqlite3'}")
    import_app = make_app(f"sqlite:///{tmp_path / 'import.sqlite3'}")
    console = Console(console_app.bus.handle, date.today)
    _seed(console_app.bus.handle)
    _seed(rig.app.bus.handle)

    async def slack(line: str) -> str:
        family, _, text = line.partition(" ")
        return str((await rig.run(f"/{family}", text))["text"])

    async def typed(line: str) -> str:
        return console.answer(line)

    found = await _through(console_app, typed, "console")
    found |= await _through(rig.app, slack, "slack")
    found |= _through_import(import_app, tmp_path)
    wrong = []
    for n, case in enumerate(CASES):
        judged = _judge(case)
        expected = (
            (False, judged.reason) if isinstance(judged, identity.Refusal) else (True, judged)
        )
        assert expected[0] == (case.kept is not None), case  # the table says what the rule says
        assert not expected[0] or expected[1] == case.kept, (case, judged)
        doors = {door: answer for (at, door), answer in found.items() if at == n}
        assert len(doors) in (3, 5), (case, doors)  # console and Slack doors, and the import
        wrong += [
            (case.kind, case.text, door, got) for door, got in doors.items() if got != expected
        ]
    assert wrong == []


# --- an address belongs to one customer at most ----------------------------------------------

TAKEN = "email: Buyer@acme.test is already the contact of customer ACME"


async def test_two_customers_cannot_share_an_address_at_any_door(
    rig: SlackRig, make_app: AppFactory, tmp_path: Path
) -> None:
    console_app = make_app(f"sqlite:///{tmp_path / 'console.sqlite3'}")
    console = Console(console_app.bus.handle, date.today)

    async def typed(line: str) -> str:
        return console.answer(line)

    async def slack(line: str) -> str:
        family, _, text = line.partition(" ")
        return str((await rig.run(f"/{family}", text))["text"])

    for app, send in ((console_app, typed), (rig.app, slack)):
        assert "Created customer ACME" in await send(
            'customer new ACME "Acme" email:buyer@acme.test'
        )
        refused = await send('customer new BETA "Beta" email:Buyer@ACME.test')
        assert _reason(refused, "email") == TAKEN.removeprefix("email: "), refused
        assert app.bus.handle(c.FindCustomers(text="Beta")).items == ()  # nothing written
        assert "Created customer BETA" in await send('customer new BETA "Beta"')
        refused = await send("customer contact BETA Bob email:Buyer@ACME.test")
        assert _reason(refused, "email") == TAKEN.removeprefix("email: "), refused
        assert [k.email for k in _customer(app, "BETA").contacts] == []

    import_app = make_app(f"sqlite:///{tmp_path / 'import.sqlite3'}")
    import_app.bus.handle(c.CreateCustomer(code="ACME", name="Acme", email="buyer@acme.test"))
    path = tmp_path / "customers.csv"
    path.write_text(
        "Customer code;Customer name;Contact name;Contact email\r\n"
        "BETA;Beta;Bob;Buyer@ACME.test\r\n"  # row 2: the database's
        "GAMMA;Gamma;Gil;gil@gamma.test\r\n"
        "DELTA;Delta;Dan;GIL@Gamma.test\r\n",  # row 4: row 3's
        encoding="utf-8",
    )
    report: ImportReport = import_app.bus.handle(c.CheckImport(kind="customers", path=str(path)))
    assert {v.row: (v.status, v.messages) for v in report.rows} == {
        2: (Verdict.RED, (f"Contact {TAKEN}",)),
        4: (
            Verdict.RED,
            ("Contact email: GIL@gamma.test is already the contact of customer GAMMA",),
        ),
    }


def test_an_order_mail_resolves_to_one_customer_or_none(
    imap_user: ImapAccount, make_app: AppFactory, sqlite_url: str
) -> None:
    """A database from before addresses were unique: BETA shares ACME's address. A mail
    from it is no one's; a mail from GAMMA's (in other letters) is GAMMA's alone."""
    old_database(sqlite_url).dispose()
    app = make_app(sqlite_url)  # upgraded: the shared address flagged, not merged
    app.bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    app.bus.handle(c.CreateProduct(code="GADGET", name="Gadget", price=Decimal(4), tax="VAT20"))
    for n, sender in enumerate(("BUYER@acme.test", "Solo@GAMMA.test", "nobody@else.test")):
        imap_user.append(mail("1 x GADGET", sender=sender, message_id=f"<{n}@doors.test>"))
    poll(app, imap_user)
    assert [(r["sender"], r["customer_code"]) for r in inbound_rows(app)] == [
        ("buyer@acme.test", None),
        ("solo@gamma.test", "GAMMA"),
        ("nobody@else.test", None),
    ]
    assert [r["customer_code"] for r in order_rows(app)] == ["GAMMA"]
