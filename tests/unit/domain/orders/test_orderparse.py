"""Reading orders written by people: line forms, headers, dates, problems, products, status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.orders.matching import match_products, suggest_product
from domain.orders.status_requests import StatusRequest, find_status_request
from domain.orders.textparse import OrderLine, ParsedOrder, parse_order_text
from domain.orders.written_dates import parse_date

CATALOGUE = ["WIDGET-A", "WIDGET-B", "GADGET-XL", "BOLT-M8"]


def only_line(text: str) -> OrderLine:
    parsed = parse_order_text(text)
    assert parsed.problems == ()
    assert len(parsed.lines) == 1
    return parsed.lines[0]


@pytest.mark.parametrize(
    ("text", "product", "quantity", "price"),
    [
        ("10 x WIDGET-A", "WIDGET-A", "10", None),
        ("10x WIDGET-A", "WIDGET-A", "10", None),
        ("10 X WIDGET-A", "WIDGET-A", "10", None),
        ("10 \u00d7 WIDGET-A", "WIDGET-A", "10", None),
        ("WIDGET-A x 10", "WIDGET-A", "10", None),
        ("WIDGET-A x10", "WIDGET-A", "10", None),
        ("WIDGET-A: 10", "WIDGET-A", "10", None),
        ("WIDGET-A : 10", "WIDGET-A", "10", None),
        ("WIDGET-A 10", "WIDGET-A", "10", None),
        ("WIDGET-A 10 @ 12.50", "WIDGET-A", "10", "12.50"),
        ("10 x WIDGET-A @ 12,50", "WIDGET-A", "10", "12.50"),
        ("10 x WIDGET-A @ €12.50", "WIDGET-A", "10", "12.50"),
        ("WIDGET-A x 2.5", "WIDGET-A", "2.5", None),
        ("widget-a: 3", "widget-a", "3", None),
        ("- 10 x WIDGET-A", "WIDGET-A", "10", None),
        ("* WIDGET-A x 10", "WIDGET-A", "10", None),
        ("1. WIDGET-A: 4", "WIDGET-A", "4", None),
        ("10 pcs WIDGET-A", "WIDGET-A", "10", None),
        ("WIDGET-A x 10 pcs", "WIDGET-A", "10", None),
        ("10 x WIDGET-A (the blue one)", "WIDGET-A", "10", None),
        ("WIDGET-A | 10", "WIDGET-A", "10", None),
        ("WIDGET 10", "WIDGET", "10", None),
    ],
)
def test_english_line_forms(text: str, product: str, quantity: str, price: str | None) -> None:
    line = only_line(text)
    assert (line.product, line.quantity) == (product, Decimal(quantity))
    assert line.unit_price == (Decimal(price) if price else None)
    assert line.text == text
    assert line.line_no == 1


@pytest.mark.parametrize(
    ("text", "product", "quantity", "price"),
    [
        ("Quantité : 10 WIDGET-A", "WIDGET-A", "10", None),
        ("WIDGET-A, quantité 10", "WIDGET-A", "10", None),
        ("WIDGET-A - Quantité : 10", "WIDGET-A", "10", None),
        ("WIDGET-A qté 10", "WIDGET-A", "10", None),
        ("Qté: 10 x WIDGET-A", "WIDGET-A", "10", None),
        ("10 x WIDGET-A à 12,50 €", "WIDGET-A", "10", "12.50"),
        ("WIDGET-A x 2,5", "WIDGET-A", "2.5", None),
        ("Article : WIDGET-A, Quantité : 3", "WIDGET-A", "3", None),
        ("WIDGET-A 10 @ 12,50 € HT", "WIDGET-A", "10", "12.50"),
        ("10 pièces WIDGET-A", "WIDGET-A", "10", None),
    ],
)
def test_french_line_forms(text: str, product: str, quantity: str, price: str | None) -> None:
    line = only_line(text)
    assert (line.product, line.quantity) == (product, Decimal(quantity))
    assert line.unit_price == (Decimal(price) if price else None)


def test_every_line_keeps_its_number_and_text() -> None:
    text = "Hello,\n\nplease send:\n10 x WIDGET-A\n  WIDGET-B: 3  \n\nThanks!\nJane"
    parsed = parse_order_text(text)
    assert [(x.line_no, x.text, x.product) for x in parsed.lines] == [
        (4, "10 x WIDGET-A", "WIDGET-A"),
        (5, "WIDGET-B: 3", "WIDGET-B"),
    ]
    assert parsed.problems == ()


@pytest.mark.parametrize(
    "prose",
    [
        "Hello John,",
        "Bonjour,",
        "Thanks a lot!",
        "Merci d'avance.",
        "Best regards,",
        "Cordialement",
        "I would like to order the following:",
        "Could you deliver before Friday? We need 2 more pallets.",
        "Call me at 0612345678",
        "Tel: +33 6 12 34 56 78",
        "Tel: 0612345678",
        "TVA: 20",
        "Page 2",
        "Order 123",
        "MAX POWER",
        "2 x more demand than last year",
        "john.doe@example.com",
        "https://example.com/catalogue",
        "Date: 3 December 2026",
        "ACME Ltd - 12 rue de la Paix - 75002 Paris",
        "NB: urgent",
    ],
)
def test_prose_is_ignored_without_noise(prose: str) -> None:
    assert parse_order_text(prose) == ParsedOrder()
    assert parse_order_text(prose).is_empty


@pytest.mark.parametrize(
    ("text", "code", "reason"),
    [
        ("10 x", "line.no_product", "no product code before or after 'x'"),
        ("-3 x WIDGET-A", "line.bad_quantity", "WIDGET-A: quantity -3 cannot be negative"),
        ("WIDGET-A x -3", "line.bad_quantity", "WIDGET-A: quantity -3 cannot be negative"),
        ("abc x WIDGET-A", "line.bad_quantity", "WIDGET-A: quantity 'abc' is not a number"),
        ("WIDGET-A x abc", "line.bad_quantity", "WIDGET-A: quantity 'abc' is not a number"),
        ("WIDGET-A: abc", "line.bad_quantity", "WIDGET-A: quantity 'abc' is not a number"),
        ("WIDGET-A x 0", "line.bad_quantity", "WIDGET-A: quantity must be more than 0"),
        ("WIDGET-A x", "line.bad_quantity", "WIDGET-A: quantity is missing"),
        ("WIDGET-A 10 @ abc", "line.bad_price", "WIDGET-A: price 'abc' is not a number"),
        ("WIDGET-A 10 @ -2", "line.bad_price", "WIDGET-A: price -2 cannot be negative"),
        (
            "WIDGET-A x 1,000",
            "line.bad_quantity",
            (
                "WIDGET-A: quantity '1,000' is ambiguous (thousands or decimals?); "
                "write it without separator"
            ),
        ),
        (
            "10 x WIDGET-A in blue",
            "line.extra_text",
            "WIDGET-A: cannot read 'in blue' after the product code",
        ),
    ],
)
def test_unreadable_order_lines_are_problems(text: str, code: str, reason: str) -> None:
    parsed = parse_order_text(f"Hello,\n{text}\nThanks")
    assert parsed.lines == ()
    (problem,) = parsed.problems
    assert (problem.line_no, problem.text, problem.code, str(problem.reason)) == (
        2,
        text,
        code,
        reason,
    )
    assert problem.suggestion is None


def test_good_lines_survive_beside_bad_ones() -> None:
    parsed = parse_order_text("10 x WIDGET-A\n10 x\nWIDGET-B: 2")
    assert [x.product for x in parsed.lines] == ["WIDGET-A", "WIDGET-B"]
    assert [(p.line_no, p.code) for p in parsed.problems] == [(2, "line.no_product")]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("PO: 4500012345", "po", "4500012345"),
        ("PO#: 4500-12", "po", "4500-12"),
        ("P.O. number: AB/77", "po", "AB/77"),
        ("Purchase order: 881", "po", "881"),
        ("Order reference: ACME-2026-01", "po", "ACME-2026-01"),
        ("Ref: X-1", "po", "X-1"),
        ("Réf : X-1", "po", "X-1"),
        ("Référence : BC 2026/12", "po", "BC 2026/12"),
        ("Votre référence: K9", "po", "K9"),
        ("Ship to: MAIN-WH", "ship_to", "MAIN-WH"),
        ("Ship-to: DEPOT-2", "ship_to", "DEPOT-2"),
        ("Livrer à : DEPOT-2", "ship_to", "DEPOT-2"),
        ("Livrer a: DEPOT-2", "ship_to", "DEPOT-2"),
        ("Adresse de livraison : LYON-1", "ship_to", "LYON-1"),
        ("Requested date: 2026-12-03", "requested_date", date(2026, 12, 3)),
        ("Date de demande : 03/12/2026", "requested_date", date(2026, 12, 3)),
        ("Due date: 3.12.2026", "due_date", date(2026, 12, 3)),
        ("Date d'échéance : 3 décembre 2026", "due_date", date(2026, 12, 3)),
        ("Date d\u2019échéance : 3 décembre 2026", "due_date", date(2026, 12, 3)),
        ("Échéance: 1er janvier 2027", "due_date", date(2027, 1, 1)),
        ("Due: December 3, 2026", "due_date", date(2026, 12, 3)),
    ],
)
def test_header_lines(text: str, field: str, value: object) -> None:
    parsed = parse_order_text(f"{text}\n10 x WIDGET-A")
    assert getattr(parsed, field) == value
    assert parsed.problems == ()
    assert len(parsed.lines) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("03/12/2026", date(2026, 12, 3)),
        ("3/12/2026", date(2026, 12, 3)),
        ("3.12.2026", date(2026, 12, 3)),
        ("03-12-2026", date(2026, 12, 3)),
        ("3 December 2026", date(2026, 12, 3)),
        ("3 Dec 2026", date(2026, 12, 3)),
        ("3rd December 2026", date(2026, 12, 3)),
        ("Thursday, 3 December 2026", date(2026, 12, 3)),
        ("December 3, 2026", date(2026, 12, 3)),
        ("3 décembre 2026", date(2026, 12, 3)),
        ("3 DÉCEMBRE 2026", date(2026, 12, 3)),
        ("jeudi 3 décembre 2026", date(2026, 12, 3)),
        ("15 août 2026", date(2026, 8, 15)),
        ("1er février 2026", date(2026, 2, 1)),
        ("3 déc. 2026", date(2026, 12, 3)),
        ("31/02/2026", None),
        ("12/2026", None),
        ("ASAP", None),
        ("3 Brumaire 2026", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_header_problems_carry_line_numbers() -> None:
    text = "PO: A-1\nRequested date: next week\nPO: B-2\nShip to:\n10 x WIDGET-A"
    parsed = parse_order_text(text)
    assert parsed.po == "A-1"
    assert parsed.requested_date is None
    assert [(p.line_no, p.code) for p in parsed.problems] == [
        (2, "header.bad_date"),
        (3, "header.repeated"),
        (4, "header.empty"),
    ]
    assert str(parsed.problems[0].reason) == (
        "cannot read the requested date 'next week' (write e.g. 2026-12-03)"
    )
    assert str(parsed.problems[1].reason) == "PO given twice ('A-1' kept)"


def test_a_header_written_twice_the_same_is_no_problem() -> None:
    parsed = parse_order_text("Requested date: 3 December 2026\nDate de demande : 03/12/2026")
    assert parsed.requested_date == date(2026, 12, 3)
    assert parsed.problems == ()


def test_a_full_french_mail() -> None:
    text = (
        "Bonjour,\n\n"
        "Merci de bien vouloir nous livrer :\n"
        "- 12 x WIDGET-A à 12,50 €\n"
        "- BOLT-M8 : 200\n"
        "Réf : CDE-2026-118\n"
        "Livrer à : LYON-1\n"
        "Date de demande : 3 décembre 2026\n"
        "Échéance : 31/12/2026\n\n"
        "Cordialement,\nMarie"
    )
    parsed = parse_order_text(text)
    assert [(x.product, x.quantity, x.unit_price) for x in parsed.lines] == [
        ("WIDGET-A", Decimal(12), Decimal("12.50")),
        ("BOLT-M8", Decimal(200), None),
    ]
    assert (parsed.po, parsed.ship_to) == ("CDE-2026-118", "LYON-1")
    assert (parsed.requested_date, parsed.due_date) == (date(2026, 12, 3), date(2026, 12, 31))
    assert parsed.problems == ()


def test_products_match_exactly_in_any_case() -> None:
    parsed = parse_order_text("10 x widget-a\nWidget-B: 2")
    matched = match_products(parsed, CATALOGUE)
    assert [(m.code, m.line.product) for m in matched.lines] == [
        ("WIDGET-A", "widget-a"),
        ("WIDGET-B", "Widget-B"),
    ]
    assert matched.problems == ()


def test_a_near_miss_is_a_problem_with_a_suggestion_never_a_guess() -> None:
    parsed = parse_order_text("10 x GADGET-X\nHello\n5 x BOLTM8\n2 x NOTHING-LIKE-IT")
    matched = match_products(parsed, CATALOGUE)
    assert matched.lines == ()
    assert [(p.line_no, p.code, p.suggestion) for p in matched.problems] == [
        (1, "product.unknown", "GADGET-XL"),
        (3, "product.unknown", "BOLT-M8"),
        (4, "product.unknown", None),
    ]
    assert str(matched.problems[0].reason) == "unknown product 'GADGET-X'; did you mean GADGET-XL?"
    assert str(matched.problems[2].reason) == "unknown product 'NOTHING-LIKE-IT'"


def test_no_suggestion_when_two_codes_are_equally_close() -> None:
    assert suggest_product("WIDGET-C", CATALOGUE) is None
    assert suggest_product("WIDGET-AA", CATALOGUE) == "WIDGET-A"


def test_match_keeps_parse_problems_in_line_order() -> None:
    parsed = parse_order_text("2 x WIDGT-A\n10 x\nWIDGET-B: 1")
    matched = match_products(parsed, CATALOGUE)
    assert [m.code for m in matched.lines] == ["WIDGET-B"]
    assert [(p.line_no, p.code) for p in matched.problems] == [
        (1, "product.unknown"),
        (2, "line.no_product"),
    ]
    assert matched.order is parsed


@pytest.mark.parametrize(
    ("text", "subject", "expected"),
    [
        ("status SO-00042", "", StatusRequest("SO-00042", "body")),
        ("Status: so-00042", "", StatusRequest("SO-00042", "body")),
        ("statut SO-00042", "", StatusRequest("SO-00042", "body")),
        ("Bonjour,\nQuel est le statut de SO-7 ?\nMerci", "", StatusRequest("SO-7", "body")),
        ("What is the status of SO-00042?", "", StatusRequest("SO-00042", "body")),
        # a customer asks in their own words, in each of the three languages
        ("Bonjour,\noù en est ma commande SO-00001 ?", "", StatusRequest("SO-00001", "body")),
        ("Ou en est la commande so-12 svp", "", StatusRequest("SO-12", "body")),
        ("Where is my order SO-00042?", "", StatusRequest("SO-00042", "body")),
        ("Hej, hvor er min ordre SO-00042?", "", StatusRequest("SO-00042", "body")),
        ("Hvor bliver ordre SO-00042 af?", "", StatusRequest("SO-00042", "body")),
        ("Any news?", "Re: [SO-00042] Your order", StatusRequest("SO-00042", "subject")),
        ("status SO-00001", "Re: [SO-00042]", StatusRequest("SO-00001", "body")),
        ("10 x WIDGET-A", "New order", None),
        ("status please", "", None),
        ("ISO-9001 certified", "", None),
    ],
)
def test_status_requests(text: str, subject: str, expected: StatusRequest | None) -> None:
    assert find_status_request(text, subject) == expected


def test_a_status_line_is_not_an_order_line() -> None:
    assert parse_order_text("status SO-00042") == ParsedOrder()


def test_a_full_danish_mail() -> None:
    text = (
        "Hej,\n\n"
        "Vi bestiller hermed:\n"
        "Vare: WIDGET-A  Antal: 8\n"
        "- BOLT-M8 200 stk.\n"
        "3 stk GADGET-XL à 12,50 kr.\n"
        "Rekvisitionsnummer: PO-7801\n"
        "Leveringsadresse: LAGER-2\n"
        "Ønsket dato: 3. dec. 2026\n"
        "Leveringsfrist: tirsdag den 15. december 2026\n\n"
        "Med venlig hilsen\nJens Hansen\nTlf: 12 34 56 78\nCVR: 12345678\n"
    )
    parsed = parse_order_text(text)
    assert [(x.product, x.quantity, x.unit_price) for x in parsed.lines] == [
        ("WIDGET-A", Decimal(8), None),
        ("BOLT-M8", Decimal(200), None),
        ("GADGET-XL", Decimal(3), Decimal("12.50")),
    ]
    assert (parsed.po, parsed.ship_to) == ("PO-7801", "LAGER-2")
    assert (parsed.requested_date, parsed.due_date) == (date(2026, 12, 3), date(2026, 12, 15))
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Deres ref.: 4500-77", "po", "4500-77"),
        ("Ordrenummer: K-1200", "po", "K-1200"),
        ("Indkøbsordre nr.: 991", "po", "991"),
        ("Reference: PO-1", "po", "PO-1"),
        ("Levering til: KØBENHAVN", "ship_to", "KØBENHAVN"),
        ("Ønsket leveringsdato: 17. marts 2027", "requested_date", date(2027, 3, 17)),
        ("Leveringsdato: 01-02-2027", "requested_date", date(2027, 2, 1)),
    ],
)
def test_danish_header_lines(text: str, field: str, value: object) -> None:
    parsed = parse_order_text(text + "\nWIDGET-A 1")
    assert getattr(parsed, field) == value
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Notre référence : BC-2026-118", "BC-2026-118"),
        ("Notre bon de commande : 4471", "4471"),
        ("Notre n° de commande : CMD-12", "CMD-12"),
        ("Vores ordrenummer: 8812", "8812"),
        ("Vores rekvisitionsnr.: R-55", "R-55"),
        ("Our reference: PO-9", "PO-9"),
        ("Our PO number: 123", "123"),
    ],
)
def test_the_buyer_names_their_own_po(text: str, value: str) -> None:
    # a buyer names their PO as theirs: "Notre référence", "Vores ordrenummer", "Our PO"
    parsed = parse_order_text(text + "\nWIDGET-A 1")
    assert (parsed.po, parsed.problems) == (value, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3. dec. 2026", date(2026, 12, 3)),
        ("3 déc. 2026", date(2026, 12, 3)),
        ("1. maj 2027", date(2027, 5, 1)),
        ("12. okt. 2026", date(2026, 10, 12)),
        ("onsdag den 2. juni 2027", date(2027, 6, 2)),
    ],
)
def test_danish_and_abbreviated_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_danish_signature_words_are_not_products() -> None:
    parsed = parse_order_text("WIDGET-A 2\nCVR: 12345678\nTlf: 12345678\nEAN 5790001234567")
    assert [x.product for x in parsed.lines] == ["WIDGET-A"]


def test_a_known_product_code_without_letters_is_read_as_a_product() -> None:
    known = frozenset({"1234", "WIDGET-A"})
    parsed = parse_order_text("1234 x 2\n3 x 1234\n1234: 4\nTel 01 23", catalogue=known)
    assert [(line.product, line.quantity) for line in parsed.lines] == [
        ("1234", Decimal(2)),
        ("1234", Decimal(3)),
        ("1234", Decimal(4)),
    ]
    assert parse_order_text("1234 x 2").lines == ()


def test_status_requests_know_the_order_prefixes_they_are_given() -> None:
    prefixes = ("ORD/", "SO-")
    found = find_status_request("status of ord/042 please", "", prefixes)
    assert found == StatusRequest("ORD/042", "body")
    assert find_status_request("", "Re: your order SO-00007", prefixes) == StatusRequest(
        "SO-00007", "subject"
    )
    assert find_status_request("status of ORD/042") is None
    assert find_status_request("", "Re: 00042", ("",)) is None
