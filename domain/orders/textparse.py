"""Free text -> a parsed order: order lines, header fields and line-numbered problems.

Owns how orderbot reads an order a person wrote (an email body, a console line): the line
forms `10 x CODE`, `CODE x 10`, `CODE: 10`, `CODE 10 @ 12.50` in English, French and
Danish, and the header lines (PO / reference, ship-to, requested and due dates) in the
text or its subject. Dates as people write them are `domain.orders.written_dates`,
`status SO-00042` requests `domain.orders.status_requests`, lines inside a sentence
("merci de livrer 12 cartons de WIDGET-A") `domain.orders.prose`. Pure: no I/O. Matching the
written product codes against the catalogue is `domain.orders.matching`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from domain import bounds
from domain.orders.prose import UNIT as _UNIT
from domain.orders.prose import order_phrases
from domain.orders.status_requests import ORDER_PREFIXES, find_status_request, subject_code
from domain.orders.written_dates import fold as _fold
from domain.orders.written_dates import parse_date
from domain.texts import Text, _


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One order line as written: product code as typed, quantity, optional unit price."""

    line_no: int
    text: str
    product: str
    quantity: Decimal
    unit_price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line that looked like part of an order but could not be taken, and why."""

    line_no: int
    text: str
    code: str
    reason: Text  # the sentence told to the writer; `str()` of it is the English
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedOrder:
    """Everything read from one text: lines, header fields and problems, in line order."""

    lines: tuple[OrderLine, ...] = ()
    problems: tuple[LineProblem, ...] = ()
    po: str | None = None
    ship_to: str | None = None
    requested_date: date | None = None
    due_date: date | None = None

    @property
    def is_empty(self) -> bool:
        """True when the text held nothing order-like at all (no lines, headers, problems)."""
        headers = (self.po, self.ship_to, self.requested_date, self.due_date)
        return not self.lines and not self.problems and all(h is None for h in headers)


# --- header lines -------------------------------------------------------------------------

_HeaderName = Literal["po", "ship_to", "requested_date", "due_date"]
_HEADER_KEYS: dict[_HeaderName, str] = {
    # a buyer names the PO as theirs ("Notre référence", "Vores ordrenummer", "Our PO")
    "po": r"(?:(?:our|notre|nos|vores|vor)\s+)?"
    r"(?:customer\s+)?(?:p\.?\s?o\.?(?:\s*(?:number|no\.?))?|purchase\s+order(?:\s+"
    r"(?:number|no\.?))?|(?:order|your|votre|customer)\s+ref(?:erence|\.)?|ref(?:erence|\.)?"
    r"(?:\s+(?:client|commande))?|bon\s+de\s+commande|(?:n°|numero)\s+de\s+commande|"
    r"(?:deres|vores|kunde)\s+ref(?:erence|\.)?|ordre(?:\s*(?:nummer|nr\.?)|reference|\s+ref"
    r"(?:erence|\.)?)|rekvisition(?:snummer|snr\.?)?|indk[oø]bsordre(?:\s*(?:nummer|nr\.?))?)",
    "ship_to": r"(?:ship[\s-]*to|deliver\s+to|delivery\s+address|shipping\s+address|"
    r"livrer\s+a|livraison\s+a|adresse\s+de\s+livraison|lieu\s+de\s+livraison|"
    r"leveringsadresse|levering\s+til|leveres\s+til|lever\s+til)",
    "requested_date": r"(?:requested(?:\s+delivery)?\s+date|date\s+requested|"
    r"date\s+de\s+demande|date\s+(?:de\s+livraison\s+)?souhaitee|"
    r"[oø]nsket\s+(?:leverings)?dato|leveringsdato)",
    "due_date": r"(?:due(?:\s+date)?|date\s+d['\u2019]\s*echeance|echeance|date\s+limite|"
    r"leveringsfrist|seneste\s+leveringsdato)",
}
_HEADER = re.compile(
    r"\s*(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _HEADER_KEYS.items()) + r")"
    r"\s*(?:#\s*:?|:|n°\s*:?)\s*(?P<value>.*)"
)


def _read_header(line_no: int, text: str) -> tuple[_HeaderName, object] | LineProblem | None:
    """A header line as (field, value), a problem when its value is unreadable, else None."""
    m = _HEADER.fullmatch(_fold(text))
    if m is None:
        return None
    name: _HeaderName = next(k for k in _HEADER_KEYS if m[k] is not None)
    value = text[m.start("value") :].strip().rstrip(".;,").strip()
    if not value:
        return LineProblem(line_no, text, "header.empty", _EMPTY[name])
    if name == "po" and len(value) > bounds.REFERENCE:
        too_long = _("PO is {length} characters long; at most {limit}",
                     length=len(value), limit=bounds.REFERENCE)  # fmt: skip
        return LineProblem(line_no, text, "header.too_long", too_long)
    if name in ("requested_date", "due_date"):
        parsed = parse_date(value)
        if parsed is None:
            reason = _UNREADABLE_DATE[name]
            return LineProblem(
                line_no, text, "header.bad_date", Text(reason.msgid, {"value": value})
            )
        return name, parsed
    return name, value


# One whole sentence per header field, so that each language words its own field name.
_EMPTY: dict[_HeaderName, Text] = {
    "po": _("PO has no value"),
    "ship_to": _("Ship to has no value"),
    "requested_date": _("Requested date has no value"),
    "due_date": _("Due date has no value"),
}
_UNREADABLE_DATE: dict[_HeaderName, Text] = {
    "requested_date": _("cannot read the requested date '{value}' (write e.g. 2026-12-03)"),
    "due_date": _("cannot read the due date '{value}' (write e.g. 2026-12-03)"),
}
_REPEATED: dict[_HeaderName, Text] = {
    "po": _("PO given twice ('{kept}' kept)"),
    "ship_to": _("Ship to given twice ('{kept}' kept)"),
    "requested_date": _("Requested date given twice ('{kept}' kept)"),
    "due_date": _("Due date given twice ('{kept}' kept)"),
}


# --- order lines --------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-*•·\u2013\u2014]+|\d{1,2}[.)])\s+")
_PRODUCT_PREFIX = re.compile(
    r"^(?:product|produit|article|item|code(?:\s+article)?|vare(?:nummer|nr\.?)?)\s*[:=]\s*",
    re.IGNORECASE,
)
_QTY_WORD = re.compile(r"\b(?:quantit[eé]|quantity|qt[eé]|qty|antal)\b\s*[:=]?\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r",\s+|\s*;\s*|\s+[-\u2013\u2014]\s+|\s*\|\s*|\t+")
_PRICE_SPLIT = re.compile(r"\s*@\s*|\s+(?:à|at)\s+(?=[€$£]?\s*\d)", re.IGNORECASE)
_X = r"[x\u00d7X*]"
_NUMISH = re.compile(r"[-+\u2212]?\d[\d.,]*")
_FORM_QTY_X = re.compile(
    rf"(?P<qty>\S*\d|\S+(?=\s))(?:\s+{_UNIT})?\s*{_X}(?:\s+(?P<prod>\S+)(?P<rest>.*))?"
)
_FORM_X_QTY = re.compile(rf"(?P<prod>\S+)\s+{_X}(?:\s*(?P<qty>\d\S*?|(?<=\s)\S+?))?(?:\s*{_UNIT})?")
_FORM_COLON = re.compile(rf"(?P<prod>[^\s:]+)\s*:\s*(?P<qty>\S+?)(?:\s*{_UNIT})?")
_FORM_BARE = re.compile(rf"(?P<prod>\S+)\s+(?P<qty>[-+\u2212]?\d[\d.,]*)(?:\s*{_UNIT})?")
_FORM_QTY_FIRST = re.compile(rf"(?P<qty>[-+\u2212]?\d[\d.,]*)(?P<unit>\s*{_UNIT})?\s+(?P<prod>\S+)")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/#+-]*")
# Words that sit before a colon or a number in signatures and prose, never products.
_NOT_PRODUCTS = frozenset(
    {"TEL", "FAX", "PHONE", "MOBILE", "GSM", "SIRET", "SIREN", "TVA", "VAT", "IBAN", "BIC"}
    | {"SWIFT", "TOTAL", "SUBTOTAL", "PAGE", "ZIP", "CP", "BP", "NB", "PS", "RE", "FW", "FWD"}
    | {"TR", "CC", "BCC", "TO", "FROM", "SENT", "DATE", "SUBJECT", "OBJET", "ATTN", "HT", "TTC"}
    | {"EUR", "USD", "STATUS", "STATUT"}
    # Danish signatures and forwarded headers (Fra:, Til:, Emne:, Sendt:, Dato:)
    | {"DKK", "CVR", "TLF", "MOMS", "EAN", "FRA", "TIL", "EMNE", "SENDT", "DATO", "KL"}
)

_Raw = tuple[str, str, str]  # product, quantity text, unreadable text after the product


def _looks_like_code(
    token: str, *, strong: bool = False, known: frozenset[str] = frozenset()
) -> bool:
    """A product code: one of the `known` codes (upper-cased; `1234` too), letters with
    digits or separators, or a shouted word (WIDGET)."""
    if token.upper() in known:
        return True
    if not _CODE.fullmatch(token) or token.upper() in _NOT_PRODUCTS:
        return False
    if not any(c.isalpha() for c in token):
        return False
    marked = any(c.isdigit() or c in "-_./" for c in token)
    return marked or (not strong and token.isupper() and len(token) >= 3)


def _normalize(text: str) -> tuple[str, bool]:
    """Strip bullets, labels and separators; say whether a quantity word was present."""
    s = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    s = _BULLET.sub("", s)
    s = _PRODUCT_PREFIX.sub("", s)
    s, words = _QTY_WORD.subn(" ", s)
    s = _SEPARATORS.sub(" ", s).strip().rstrip(".;,!").strip()
    return re.sub(r"\s+", " ", s), words > 0


def _match_form(s: str, qty_word: bool, known: frozenset[str] = frozenset()) -> _Raw | None:
    """Find the line form as (product, quantity, extra text); None when it is no order line.
    A `known` product code counts as a code even without letters."""

    def code(token: str, strong: bool = False) -> bool:
        return _looks_like_code(token, strong=strong, known=known)

    if m := _FORM_QTY_X.fullmatch(s):
        prod, numish = m["prod"] or "", bool(_NUMISH.fullmatch(m["qty"]))
        extra = re.sub(r"\s*\(.*\)\s*$", "", m["rest"] or "").strip()  # a (comment) may follow
        if extra and numish and code(prod):
            return prod, m["qty"], extra
        has_letter = any(c.isalpha() for c in prod) or prod.upper() in known
        if not extra and ((numish and (not prod or has_letter)) or code(prod)):
            return prod, m["qty"], ""
    if (m := _FORM_X_QTY.fullmatch(s)) and code(m["prod"]):
        return m["prod"], m["qty"] or "", ""
    # `WORD: text` is often prose, so a non-number after the colon needs a code with a digit/dash
    m = _FORM_COLON.fullmatch(s)
    if m and code(m["prod"]) and (_NUMISH.fullmatch(m["qty"]) or code(m["prod"], strong=True)):
        return m["prod"], m["qty"], ""
    if (m := _FORM_BARE.fullmatch(s)) and code(m["prod"]):
        return m["prod"], m["qty"], ""
    m = _FORM_QTY_FIRST.fullmatch(s)
    if m and (qty_word or m["unit"]) and (any(c.isalpha() for c in m["prod"]) or code(m["prod"])):
        return m["prod"], m["qty"], ""
    return None


_What = Literal["quantity", "price"]
# Whole sentences per number read, so that each language words "quantity" and "price".
_NUMBER_PROBLEMS: dict[tuple[_What, str], Text] = {
    ("quantity", "ambiguous"): _(
        "quantity '{value}' is ambiguous (thousands or decimals?); write it without separator"
    ),
    ("price", "ambiguous"): _(
        "price '{value}' is ambiguous (thousands or decimals?); write it without separator"
    ),
    ("quantity", "negative"): _("quantity -{value} cannot be negative"),
    ("price", "negative"): _("price -{value} cannot be negative"),
    ("quantity", "not_number"): _("quantity '{value}' is not a number"),
    ("price", "not_number"): _("price '{value}' is not a number"),
    ("quantity", "missing"): _("quantity is missing"),
    ("price", "missing"): _("price is missing"),
    ("quantity", "zero"): _("quantity must be more than 0"),
}


def _refused(what: _What, kind: str, **values: object) -> Text:
    sentence = _NUMBER_PROBLEMS[what, kind]
    return Text(sentence.msgid, values) if values else sentence


def _number(text: str, what: _What) -> Decimal | Text:
    """A positive Decimal from `12`, `12.50` or `12,50`; else the reason it is refused."""
    if re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
        return _refused(what, "ambiguous", value=text)
    if m := re.fullmatch(r"[-\u2212]\s*(\d+(?:[.,]\d+)?)", text):
        return _refused(what, "negative", value=m[1])
    if not re.fullmatch(r"\+?\d+(?:[.,]\d+)?", text):
        return _refused(what, "not_number", value=text) if text else _refused(what, "missing")
    value = Decimal(text.lstrip("+").replace(",", "."))
    if value <= 0 and what == "quantity":
        return _refused(what, "zero")
    bound = bounds.QUANTITY if what == "quantity" else bounds.PRICE
    return bounds.number_problem(what, value, bound) or value


_CURRENCY = r"(?:€|\$|£|eur|usd|gbp|chf|kr\.?|dkk|sek|nok)"
_PRICE = re.compile(
    rf"{_CURRENCY}?\s*(?P<num>\S+?)\s*{_CURRENCY}?\s*"
    r"(?:/\s*(?:u|unit|pc|pcs|piece|unite|ea|stk\.?)|each|ea|ht|l'unite|per\s+unit|"
    r"par\s+unite|pr\.?\s*stk\.?|ekskl\.?\s*moms)?",
)


def _read_order_line(
    line_no: int, text: str, known: frozenset[str] = frozenset()
) -> OrderLine | LineProblem | None:
    """One order line, a problem when it looks like one but cannot be read, else None."""
    s, qty_word = _normalize(text)
    parts = _PRICE_SPLIT.split(s, maxsplit=1)
    raw = _match_form(parts[0], qty_word, known)
    if raw is None:
        return None
    product, qty_text, extra = raw
    if not product:
        reason = _("no product code before or after 'x'")
        return LineProblem(line_no, text, "line.no_product", reason)
    if too_long := bounds.text_problem("product", product, bounds.PRODUCT_CODE):
        return LineProblem(line_no, text, "line.bad_product", too_long)
    if extra:
        reason = _("{product}: cannot read '{extra}' after the product code",
                   product=product, extra=extra)  # fmt: skip
        return LineProblem(line_no, text, "line.extra_text", reason)
    quantity = _number(qty_text, "quantity")
    if isinstance(quantity, Text):
        reason = _("{product}: {problem}", product=product, problem=quantity)
        return LineProblem(line_no, text, "line.bad_quantity", reason)
    price: Decimal | None = None
    if len(parts) == 2:
        m = _PRICE.fullmatch(_fold(parts[1]))
        read = _number(m["num"] if m else parts[1], "price")
        if isinstance(read, Text):
            reason = _("{product}: {problem}", product=product, problem=read)
            return LineProblem(line_no, text, "line.bad_price", reason)
        price = read
    return OrderLine(line_no, text, product, quantity, price)


# --- the whole text -----------------------------------------------------------------------


def parse_order_text(
    text: str, prefixes: tuple[str, ...] = ORDER_PREFIXES, catalogue: frozenset[str] = frozenset()
) -> ParsedOrder:
    """Read order lines, header lines and problems from free text; prose is ignored.
    `prefixes` are those of order codes (a status request is no order line); `catalogue`
    holds the upper-cased product codes, so that a code without letters (`1234`) reads
    as a product where it stands as one."""
    lines: list[OrderLine] = []
    problems: list[LineProblem] = []
    headers: dict[_HeaderName, object] = {}
    for line_no, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or find_status_request(line, prefixes=prefixes) is not None:
            continue
        header = _read_header(line_no, line)
        if isinstance(header, tuple):
            name, value = header
            if name in headers and headers[name] != value:
                reason = Text(_REPEATED[name].msgid, {"kept": str(headers[name])})
                problems.append(LineProblem(line_no, line, "header.repeated", reason))
            headers.setdefault(name, value)
            continue
        item = header or _read_order_line(line_no, line, catalogue)
        # else an order written in a sentence: each of its phrases is read as a line
        phrases = order_phrases(line, catalogue) if item is None else []
        for found in [item, *(_read_order_line(line_no, p, catalogue) for p in phrases)]:
            if isinstance(found, OrderLine):
                lines.append(found)
            elif isinstance(found, LineProblem):
                problems.append(found)
    return _build(lines, problems, headers)


def _build(
    lines: list[OrderLine], problems: list[LineProblem], headers: dict[_HeaderName, object]
) -> ParsedOrder:
    """Assemble the frozen result with typed header values."""
    po, ship_to = headers.get("po"), headers.get("ship_to")
    requested, due = headers.get("requested_date"), headers.get("due_date")
    return ParsedOrder(
        lines=tuple(lines),
        problems=tuple(problems),
        po=po if isinstance(po, str) else None,
        ship_to=ship_to if isinstance(ship_to, str) else None,
        requested_date=requested if isinstance(requested, date) else None,
        due_date=due if isinstance(due, date) else None,
    )


# --- the subject -------------------------------------------------------------------------

_SUBJECT_PREFIXES = re.compile(r"\s*(?:(?:re|aw|sv|tr|fwd?|wg|vs)\s*:\s*)+", re.IGNORECASE)
_SUBJECT_PIECES = re.compile(r"\s+[-\u2013\u2014|/]\s+|\s*[;,\[\]()]\s*")


def parse_subject(subject: str, prefixes: tuple[str, ...] = ORDER_PREFIXES) -> ParsedOrder:
    """The header fields a subject names (`Order - PO: 4711`, `Commande Réf : PO-7800`).

    The subject is cut at its separators (` - `, `|`, `;`, brackets), and each piece is
    read as a header line from any word on; a piece whose value cannot be read is not
    told (a subject is no line to correct), it just names nothing.
    """
    headers: dict[_HeaderName, object] = {}
    our_code = subject_code(prefixes)
    for piece in _SUBJECT_PIECES.split(_SUBJECT_PREFIXES.sub("", subject, count=1)):
        for word in re.finditer(r"(?:^|(?<=\s))\S", piece):
            header = _read_header(0, piece[word.start() :].strip())
            # `Re: your order ref: SO-00042` names our order, not the customer's PO
            if not isinstance(header, tuple):
                continue
            if our_code is None or not our_code.search(str(header[1])):
                headers.setdefault(*header)
                break
    return _build([], [], headers)
