"""Spreadsheet imports through the bus on real databases: check, skip, confirm, copies.

Each test runs on SQLite and on PostgreSQL (the `app` fixture). Files are written in
the test (CSV bytes in each encoding, workbooks with openpyxl) or come from the
fixtures made by LibreOffice and by Excel.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

import bootstrap
from domain import commands as c
from domain.errors import DomainError, NotFound, ValidationFailed
from domain.imports.sessions import ImportReport, Verdict
from store.imports.writes import PAGE_PARAMETERS
from store.tables import core as t
from store.tables.imports import import_sessions
from tests.integration.store.test_sheet_files import HOSTILE
from tests.paths import FIXTURES

EN = (
    "Customer code,Customer name,VAT number,Address code,Country,Default address,"
    "Contact name,Contact email,Default contact"
)
FR = (
    "Code client;Nom du client;Numéro de TVA;Adresse Code;Pays;Est l'adresse par défaut;"
    "Nom du contact;Adresse e-mail du contact;Est le contact par défaut"
)


def _count(app: bootstrap.App, table: object) -> int:
    with app.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)  # type: ignore[arg-type]


def _csv(tmp_path: Path, lines: list[str], encoding: str = "utf-8", name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def _check(app: bootstrap.App, path: Path, kind: str = "customers", **kw: object) -> ImportReport:
    report: ImportReport = app.bus.handle(c.CheckImport(kind=kind, path=str(path), **kw))
    return report


def _by_row(report: ImportReport) -> dict[int, tuple[Verdict, tuple[str, ...]]]:
    return {v.row: (v.status, v.messages) for v in report.rows}


@pytest.mark.parametrize(
    ("encoding", "header", "sep"),
    [("utf-8", EN, ","), ("utf-8-sig", FR, ";"), ("cp1252", FR, ";"), ("utf-8", FR, ";")],
)
def test_csv_encodings_delimiters_and_both_languages(
    app: bootstrap.App, tmp_path: Path, encoding: str, header: str, sep: str
) -> None:
    row = sep.join(["0042", "Café Müller", "FR40303265045", "HQ", "France", "Oui",
                    "Zoé", "zoe@exemple.fr", "Yes"])  # fmt: skip
    report = _check(app, _csv(tmp_path, [header, row], encoding))
    assert _count(app, t.customers) == 0  # checking writes nothing but the session
    assert report.counts[Verdict.YELLOW] == 1
    assert _by_row(report)[2] == (Verdict.YELLOW, (f"{header.split(sep)[4]}: 'France' read as FR",))
    app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    customer = app.bus.handle(c.ShowCustomer(code="0042")).customer
    assert (customer.code, customer.name, customer.vat_number) == (
        "0042", "Café Müller", "FR40303265045")  # fmt: skip
    assert [(a.code, a.country, a.is_default) for a in customer.addresses] == [("HQ", "FR", True)]
    assert [(k.email, k.is_default) for k in customer.contacts] == [("zoe@exemple.fr", True)]


def test_every_customer_verdict(app: bootstrap.App, tmp_path: Path) -> None:
    app.bus.handle(c.CreateCustomer(code="OLD", name="Old name", email="old@example.com"))
    lines = [
        EN,
        "C1,Alpha,,MAIN,FR,Yes,Ann,ann@example.com,Yes",  # 2 green
        "C1,,,SHOP,de,non,Bob,bob@example.com,No",  # 3 yellow: repeated code adds
        "C1,,,DEPOT,FR,Yes,,,",  # 4 red: a second default address
        ",Nameless,,,,,,,",  # 5 red: missing code
        "C2,Beta,FR40303265046,,,,,,",  # 6 red: VAT check digits
        "C3,Gamma,,,,,Cy,not-an-email,",  # 7 red: invalid email
        "C4,Delta,,,Atlantis,,,,",  # 8 red: unknown country
        "C1,Alpha,,MAIN,FR,Yes,Ann,ann@example.com,Yes",  # 9 red: duplicate row
        "OLD,New name,,,,,,,",  # 10 yellow: existing customer updated
        "C5,Epsilon,,,,maybe,,,",  # 11 red: not yes/no
        "C6,Zeta,,,,,Dee,old@example.com,",  # 12 red: email of another customer
        "C7,,,,,,,,",  # 13 red: new customer without a name
        "C1,Other name,,X,,,,,",  # 14 red: name differs from row 2
    ]
    report = _check(app, _csv(tmp_path, lines))
    rows = _by_row(report)
    assert 2 not in rows  # green rows are counted, not listed
    assert rows[3] == (
        Verdict.YELLOW,
        ("Country: 'de' read as DE", "Default address: 'non' read as No"),
    )
    assert rows[4] == (Verdict.RED, (("Default address: customer C1 already has a default address "
                                     "(row 2)"),))  # fmt: skip
    assert rows[5] == (Verdict.RED, ("Customer code: missing",))
    assert rows[6] == (
        Verdict.RED, (("VAT number: 'FR40303265046' is not a valid EU VAT number (wrong check "
                      "digits)"),))  # fmt: skip
    assert rows[7] == (Verdict.RED, (("Contact email: 'not-an-email' is not a valid email address "
                                     "(an email address must have an @-sign)"),))  # fmt: skip
    assert rows[8] == (
        Verdict.RED,
        ("Country: 'Atlantis' is not a country (use a code such as FR)",),
    )
    assert rows[9] == (Verdict.RED, ("Duplicate of row 2",))
    assert rows[10] == (Verdict.YELLOW, (("existing customer OLD updated: name 'Old name' -> "
                                         "'New name'"),))  # fmt: skip
    assert rows[11] == (
        Verdict.RED,
        ("Default address: 'maybe' is not Yes or No (Oui/Non, Ja/Nej)",),
    )
    assert rows[12] == (Verdict.RED, (("Contact email: old@example.com is already the contact of "
                                      "customer OLD"),))  # fmt: skip
    assert rows[13] == (Verdict.RED, ("Customer name: missing for new customer",))
    assert rows[14] == (Verdict.RED, ("Customer name: 'Other name' differs from 'Alpha' on row 2",))
    assert dict(report.counts) == {Verdict.GREEN: 1, Verdict.YELLOW: 2, Verdict.RED: 10,
                                   Verdict.SKIPPED: 0}  # fmt: skip
    result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert result.rows_imported == 3
    assert result.rows_refused == 10
    c1 = app.bus.handle(c.ShowCustomer(code="C1")).customer
    assert [(a.code, a.country, a.is_default) for a in c1.addresses] == [
        ("MAIN", "FR", True), ("SHOP", "DE", False)]  # fmt: skip
    assert [(k.name, k.is_default) for k in c1.contacts] == [("Ann", True), ("Bob", False)]
    assert app.bus.handle(c.ShowCustomer(code="OLD")).customer.name == "New name"
    assert _count(app, t.customers) == 2


def test_skip_rows_then_confirm_once(app: bootstrap.App, tmp_path: Path) -> None:
    lines = [EN, "A1,Able,,,,,,,", "A2,Baker,,,,,,,", "A3,Charlie,,,,,,,"]
    report = _check(app, _csv(tmp_path, lines))
    with pytest.raises(ValidationFailed, match="row 9 is not a data row of this file"):
        app.bus.handle(c.SkipImportRows(session_id=report.session_id, rows=(9,)))
    skipped = app.bus.handle(c.SkipImportRows(session_id=report.session_id, rows=(2, 4)))
    assert _by_row(skipped) == {2: (Verdict.SKIPPED, ("skipped",)),
                                4: (Verdict.SKIPPED, ("skipped",))}  # fmt: skip
    again = app.bus.handle(c.SkipImportRows(session_id=report.session_id, rows=(4,), unskip=True))
    assert again.counts[Verdict.SKIPPED] == 1
    assert _count(app, t.customers) == 0
    first = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    second = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert (first.rows_imported, first.rows_skipped, first.already_confirmed) == (2, 1, False)
    assert (second.rows_imported, second.already_confirmed) == (2, True)
    assert _count(app, t.customers) == 2
    with pytest.raises(ValidationFailed, match="already confirmed"):
        app.bus.handle(c.SkipImportRows(session_id=report.session_id, rows=(3,)))


def test_nothing_to_import_is_refused(app: bootstrap.App, tmp_path: Path) -> None:
    report = _check(app, _csv(tmp_path, [EN, ",No code,,,,,,,", "X1,,,,,,,,"]))
    assert report.importable == 0
    with pytest.raises(ValidationFailed) as refused:
        app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert refused.value.code == "import.nothing_to_import"
    assert _count(app, t.customers) == 0
    with pytest.raises(NotFound):
        app.bus.handle(c.ConfirmImport(session_id="nope"))


def test_annotated_copy_round_trip(app: bootstrap.App, tmp_path: Path) -> None:
    lines = [FR, "K1;Kilo;;;FR;Oui;;;", "K2;Lima;;;;;Lou;lou@@example.com;", "K3;Mike;;;Mars;;;;"]
    report = _check(app, _csv(tmp_path, lines, "cp1252"))
    assert report.counts[Verdict.RED] == 2
    copy = tmp_path / "checked.xlsx"
    app.bus.handle(c.WriteAnnotatedCopy(session_id=report.session_id, path=str(copy)))
    workbook = openpyxl.load_workbook(copy)
    sheet = workbook.active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]][-2:] == ["Status", "Message"]
    assert sheet["J3"].value == "Red"
    assert "lou@@example.com" in str(sheet["K3"].value)
    assert sheet["A3"].fill.fgColor.rgb.endswith("FFC7CE")
    sheet["H3"] = "lou@example.com"  # the person fixes the red rows in the copy
    sheet["E4"] = "Portugal"
    workbook.save(copy)
    fixed = _check(app, copy)
    assert fixed.counts[Verdict.RED] == 0
    assert fixed.warnings == ()
    assert fixed.importable == 3
    app.bus.handle(c.ConfirmImport(session_id=fixed.session_id))
    assert app.bus.handle(c.ShowCustomer(code="K3")).customer.addresses[0].country == "PT"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [("customers_libreoffice.xlsx", {"00123": 1, "C-0002": 1}),
     ("customers_excel_1252.csv", {"00123": 2, "00456": 0})],
)  # fmt: skip
def test_fixtures_import(app: bootstrap.App, fixture: str, expected: dict[str, int]) -> None:
    report = _check(app, FIXTURES / fixture)
    assert report.counts[Verdict.RED] == 0
    app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    for code, addresses in expected.items():
        customer = app.bus.handle(c.ShowCustomer(code=code)).customer
        assert len(customer.addresses) == addresses
    if fixture.endswith(".csv"):
        eaux = app.bus.handle(c.ShowCustomer(code="00123")).customer
        assert eaux.name == "Société Générale des Eaux"
        assert [a.code for a in eaux.addresses if a.is_default] == ["SIEGE"]
        assert app.bus.handle(c.ShowCustomer(code="00456")).customer.name == (
            "Brasserie « Le Zinc »; Lyon")  # fmt: skip


@pytest.mark.parametrize("name", ["zip bomb", "billion laughs", "external entity",
                                  "dimension claims every row", "encrypted workbook",
                                  "renamed PDF", "formula without value", "value in column XFD",
                                  "value pushed right by cells without reference",
                                  "values far apart", "value in the last row",
                                  "ods repeated cells", "ods repeated empty cells",
                                  "ods second sheet", "xls values at opposite corners",
                                  "xls value beyond the last column",
                                  "xls dimensions claiming every row"])  # fmt: skip
def test_hostile_files_write_nothing(app: bootstrap.App, tmp_path: Path, name: str) -> None:
    make, code, _words = HOSTILE[name]
    kind = "orders" if name == "formula without value" else "customers"
    with pytest.raises(DomainError) as refused:
        _check(app, make(tmp_path), kind, customer=None)
    assert refused.value.code == code
    assert _count(app, import_sessions) == 0
    assert _count(app, t.customers) == 0


def _catalogue(app: bootstrap.App) -> None:
    app.bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    app.bus.handle(c.CreateProduct(code="P1", name="Flour", price=Decimal("2.50"), tax="VAT20"))
    app.bus.handle(c.CreateProduct(code="P2", name="Sugar", price=Decimal(3)))
    for code in ("ACME", "BETA"):
        app.bus.handle(c.CreateCustomer(code=code, name=code.title()))
        app.bus.handle(c.AddAddress(customer=code, code="MAIN", name="Main"))


def test_single_order_file_for_a_customer(app: bootstrap.App, tmp_path: Path) -> None:
    _catalogue(app)
    lines = ["Produit;Quantité;Prix unitaire;Date de demande;Adresse de livraison;Observations",
             "P1;10;;31/03/2027;MAIN;before 7",
             "flour;2.0;2,40;2027-04-01;;",  # yellow: name read as code, a second date
             "P9;1;;;;",  # red: unknown product
             "P2;-1;;;;",  # red: quantity
             "P2;3;;;ELSEWHERE;",  # red: unknown address
             "p 1;1;;;;"]  # red: unknown product, but close to one  # fmt: skip
    path = _csv(tmp_path, lines)
    with pytest.raises(ValidationFailed) as refused:
        _check(app, path, "orders")
    assert refused.value.code == "import.customer_needed"
    report = _check(app, path, "orders", customer="acme")
    rows = _by_row(report)
    assert rows[3] == (Verdict.YELLOW, ("Produit: 'flour' read as P1", ("Date de demande: one date "
                                        "per order; 2027-03-31 (row 2) is used")))  # fmt: skip
    assert rows[4] == (Verdict.RED, ("Produit: unknown product P9",))
    assert rows[5] == (Verdict.RED, ("Quantité: -1 is not a positive number",))
    assert rows[6][1][0].startswith("Adresse de livraison: customer ACME has no address ELSEWHERE")
    assert rows[7] == (Verdict.RED, ("Produit: unknown product p 1; did you mean P1?",))
    result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert result.orders == ("SO-00001",)
    order = app.bus.handle(c.ShowOrder(code="SO-00001")).order
    assert (order.customer_code, str(order.requested_date), order.source.value) == (
        "ACME", "2027-03-31", "import")  # fmt: skip
    assert [(ln.product_code, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("P1", Decimal(10), Decimal("2.50")), ("P1", Decimal(2), Decimal("2.40"))]  # fmt: skip


def test_multi_order_file(app: bootstrap.App, tmp_path: Path) -> None:
    _catalogue(app)
    lines = [
        "Customer code,Order reference,Product,Quantity",
        "ACME,PO-1,P1,1",
        "ACME,PO-1,P2,2",
        "BETA,PO-7,P2,5",
        "NOPE,PO-2,P1,1",
    ]
    report = _check(app, _csv(tmp_path, lines), "orders")
    assert _by_row(report) == {5: (Verdict.RED, ("Customer code: unknown customer NOPE",))}
    result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert result.orders == ("SO-00001", "SO-00002")
    assert len(app.bus.handle(c.ShowOrder(code="SO-00001")).order.lines) == 2
    again = _check(app, _csv(tmp_path, lines, name="again.csv"), "orders")
    assert _by_row(again)[2] == (
        Verdict.RED,
        ("Order reference: PO-1 is already on SO-00001 for ACME",),
    )
    mine = _check(app, _csv(tmp_path, lines, name="mine.csv"), "orders", customer="BETA")
    assert _by_row(mine)[2] == (Verdict.RED, (("Customer code: ACME is not the customer of this "
                                              "file (BETA)"),))  # fmt: skip


def test_products(app: bootstrap.App, tmp_path: Path) -> None:
    _catalogue(app)
    lines = ["Product code,Name,Unit price,Tax code,Frequencies",
             "P3,Salt,1.20,vat20,\"Monthly, yearly\"",
             "P1,Flour T65,2.75,,",  # yellow: existing product updated
             "P4,Pepper,4,GST5,",  # red: unknown tax
             "P5,Cumin,abc,,",  # red: price
             "P6,Mace,1,,weekly",  # red: frequency
             "P3,Salt again,1,,"]  # red: duplicate code  # fmt: skip
    report = _check(app, _csv(tmp_path, lines), "products")
    rows = _by_row(report)
    assert rows[3] == (Verdict.YELLOW, (("existing product P1 updated: name 'Flour' -> "
                                        "'Flour T65', price 2.50 -> 2.75"),))  # fmt: skip
    assert rows[4] == (Verdict.RED, ("Tax code: unknown tax GST5 (known: VAT20)",))
    assert rows[5] == (Verdict.RED, ("Unit price: 'abc' is not a number",))
    assert rows[6][0] is Verdict.RED
    assert rows[6][1][0].startswith("Frequencies: weekly")
    assert rows[7] == (Verdict.RED, ("Product code: P3 is already on row 2",))
    app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    salt = app.bus.handle(c.ShowProduct(code="P3")).product
    assert (salt.tax_code, salt.frequencies, salt.unit_price) == (
        "VAT20", "monthly,yearly", Decimal("1.20"))  # fmt: skip
    flour = app.bus.handle(c.ShowProduct(code="P1")).product
    assert (flour.name, flour.unit_price, flour.tax_code) == ("Flour T65", Decimal("2.75"), "VAT20")


def test_existing_customer_updated_in_place(app: bootstrap.App, tmp_path: Path) -> None:
    first = _check(app, FIXTURES / "customers_excel_1252.csv")
    app.bus.handle(c.ConfirmImport(session_id=first.session_id))
    lines = [EN, "00123,,,DEPOT,BE,Yes,Zoé L.,ZOE@exemple.fr,No", "00123,,,NORD,FR,No,,,"]
    report = _check(app, _csv(tmp_path, lines))
    assert _by_row(report)[2] == (Verdict.YELLOW, (
        "adds to existing customer 00123",
        ("existing address DEPOT updated: name 'Dépôt' -> '-', address 'ZI des Épinettes' -> "
        "'-', city 'Évry' -> '-', postal code '91000' -> '-', state 'Île-de-France' -> '-', "
        "country 'FR' -> 'BE'"),
        "default address of 00123 is now DEPOT (was SIEGE)",
        ("existing contact ZOE@exemple.fr updated: name 'Zoé Lefèvre' -> 'Zoé L.', email "
        "'zoe@exemple.fr' -> 'ZOE@exemple.fr', phone '+33 1 42 00 00 00' -> '-'")))  # fmt: skip
    result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert (dict(result.created), dict(result.updated)) == (
        {"customers": 0, "addresses": 1, "contacts": 0},
        {"customers": 0, "addresses": 1, "contacts": 1},
    )
    eaux = app.bus.handle(c.ShowCustomer(code="00123")).customer
    assert [(a.code, a.country, a.is_default) for a in eaux.addresses] == [
        ("SIEGE", "FR", False), ("DEPOT", "BE", True), ("NORD", "FR", False)]  # fmt: skip
    assert [(k.name, k.email, k.is_default) for k in eaux.contacts] == [
        ("Zoé L.", "ZOE@exemple.fr", True), ("Zoé Lefèvre", "zoé@exemple.fr", False)]  # fmt: skip


def test_new_customers_keep_their_addresses_when_ids_are_not_consecutive(
    app: bootstrap.App, tmp_path: Path
) -> None:
    # On SQLite new customers' ids are a run; PostgreSQL's are read back, since its
    # sequence may step by more than one or be shared with another writer.
    if app.engine.dialect.name != "postgresql":
        pytest.skip("SQLite always gives a new row the next id")
    with app.engine.begin() as conn:
        conn.exec_driver_sql("ALTER SEQUENCE customers_id_seq INCREMENT BY 3")
    lines = [EN] + [f"K{n},Name {n},,HQ,FR,Yes,Person {n},p{n}@k.example,Yes" for n in range(5)]
    report = _check(app, _csv(tmp_path, lines))
    app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    for n in range(5):
        customer = app.bus.handle(c.ShowCustomer(code=f"K{n}")).customer
        assert [a.code for a in customer.addresses] == ["HQ"]
        assert [k.email for k in customer.contacts] == [f"p{n}@k.example"]
    with app.engine.connect() as conn:
        ids = sorted(conn.scalars(select(t.customers.c.id)))
    assert ids[1] - ids[0] == 3


def test_a_large_import_is_written_in_pages_in_file_order(
    app: bootstrap.App, tmp_path: Path
) -> None:
    count = 2 * (PAGE_PARAMETERS // 5) + 7  # two full pages of customers, and a few rows
    lines = [EN] + [f"P{n:04d},Name {n},,,,,Person {n},p{n}@k.example," for n in range(count)]
    report = _check(app, _csv(tmp_path, lines))
    result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert dict(result.created) == {"customers": count, "addresses": 0, "contacts": count}
    with app.engine.connect() as conn:
        rows = conn.execute(
            select(t.customers.c.code, t.contacts.c.email)
            .join(t.contacts, t.contacts.c.customer_id == t.customers.c.id)
            .order_by(t.customers.c.id)
        ).all()
    assert [tuple(row) for row in rows] == [(f"P{n:04d}", f"p{n}@k.example") for n in range(count)]


def test_customers_of_one_row_and_of_several_are_written_in_file_order(
    app: bootstrap.App, tmp_path: Path
) -> None:
    lines = [
        EN,
        "A1,Alone one,,HQ,FR,,Ann,ann@a1.example,",  # one row
        "R1,Repeated,,HQ,FR,Yes,Bob,bob@r1.example,Yes",  # its code is on row 4 too
        "A2,Alone two,,,,,,,",  # one row, no address or contact
        "R1,,,DEPOT,BE,No,Cy,cy@r1.example,No",
        "A3,Alone three,,HQ,DE,,,a3@a3.example,",  # one row, contact named after it
    ]
    report = _check(app, _csv(tmp_path, lines))
    assert _by_row(report) == {
        6: (Verdict.YELLOW, ("Contact name: empty; the customer's name Alone three used",))
    }
    result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert (dict(result.created), dict(result.updated)) == (
        {"customers": 4, "addresses": 4, "contacts": 4},
        {"customers": 0, "addresses": 0, "contacts": 0},
    )
    with app.engine.connect() as conn:
        codes = conn.scalars(select(t.customers.c.code).order_by(t.customers.c.id)).all()
    assert codes == ["A1", "R1", "A2", "A3"]
    shown = {code: app.bus.handle(c.ShowCustomer(code=code)).customer for code in codes}
    assert [(a.code, a.country, a.is_default) for a in shown["R1"].addresses] == [
        ("HQ", "FR", True), ("DEPOT", "BE", False)]  # fmt: skip
    assert [(k.name, k.email) for k in shown["A3"].contacts] == [("Alone three", "a3@a3.example")]
    assert [(a.code, a.is_default) for a in shown["A1"].addresses] == [("HQ", True)]
    assert (shown["A2"].addresses, shown["A2"].contacts) == ([], [])
