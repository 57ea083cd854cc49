"""Machine-readable orders read as an order sheet: Order-X (a PDF with its XML, or the XML
alone) and UBL 2.x Order documents.

Owns turning such a file into the rows of a single-order sheet (product, quantity, unit
price, requested date, delivery address, remarks, order reference), so the import
engine judges them exactly as a customer's spreadsheet: the same verdicts, the same
answer. Only the XML is read: a PDF without an embedded order XML is refused, its text
never guessed at. A product is the seller's item id, else the buyer's, else its name
(matched against our product codes and names by the engine); the PO is the order's
own number (Order-X `ExchangedDocument/ID`, UBL `cbc:ID`), else the buyer's reference;
the delivery address is the ship-to party's id, else its name (an address code or name
of the customer); the requested date is the line's, else the order's.
The XML is parsed without a DTD, entities or the network, and a DOCTYPE is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from facturx import get_xml_from_pdf
from lxml import etree

from domain.imports.columns import CellValue, SheetKind, columns_for, find_header_row
from domain.text_values import Count
from domain.texts import _
from store.sheets.cells import Row
from store.sheets.guard import SheetLimits, SheetRefused, too_large
from store.sheets.read import SheetTable

ORDER_X = "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
_CII = {
    "rsm": ORDER_X,
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:128",
}
UBL_ORDER = "urn:oasis:names:specification:ubl:schema:xsd:Order-2"
_UBL = {
    "o": UBL_ORDER,
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}
_NEW_ORDER = "220"  # Order-X: 230 is an order change, 231 an order response
_COLUMNS = (
    "product", "quantity", "unit_price", "requested_date", "delivery_address", "remarks",
    "order_reference",
)  # fmt: skip


@dataclass
class XmlLine:
    """One ordered line as the XML gives it."""

    product: str | None
    quantity: Decimal | str | None
    price: Decimal | str | None = None
    requested: date | str | None = None
    remarks: str | None = None


@dataclass
class XmlOrder:
    """An order document's header and lines."""

    po: str | None = None
    ship_to: str | None = None
    requested: date | str | None = None
    lines: list[XmlLine] = field(default_factory=list)


def is_order_document(head: bytes) -> bool:
    """True when a file's first bytes are a PDF's or an XML document's."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith((b"%PDF-", b"<?xml", b"<"))


def read_order_document(path: str | Path, limits: SheetLimits) -> SheetTable:
    """The file's order as the table of a single-order sheet; SheetRefused when it is not
    an Order-X or UBL order (a PDF without its XML, an invoice, an order change...)."""
    data = Path(path).read_bytes()
    if len(data) > limits.max_bytes:
        raise too_large(len(data), limits)
    root = _root(_xml_of(data))
    if root.tag == f"{{{ORDER_X}}}SCRDMCCBDACIOMessageStructure":
        order = _order_x(root)
    elif root.tag == f"{{{UBL_ORDER}}}Order":
        order = _ubl(root)
    elif etree.QName(root).localname in ("CrossIndustryInvoice", "Invoice", "CreditNote"):
        raise SheetRefused(
            "order_xml.invoice", _("The file holds an invoice, not an order; nothing was ordered.")
        )
    else:
        raise SheetRefused(
            "order_xml.unknown",
            _(
                "The XML is not an Order-X or UBL order (its root is {root}).",
                root=etree.QName(root).localname,
            ),
        )
    if len(order.lines) > limits.max_rows:
        raise SheetRefused(
            "sheet.too_many_rows",
            _(
                "The order has {lines} lines, more than the {allowed} allowed.",
                lines=Count(len(order.lines)),
                allowed=Count(limits.max_rows),
            ),
        )
    return _table(order)


def _xml_of(data: bytes) -> bytes:
    """The XML itself, or the order XML embedded in a PDF."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return data
    try:
        _name, xml = get_xml_from_pdf(data, check_xsd=False)
    except Exception as exc:  # a broken PDF is the sender's file, told as unreadable
        raise SheetRefused(
            "order_xml.pdf_unreadable",
            _("The PDF could not be read ({problem}).", problem=type(exc).__name__),
        ) from exc
    if not xml:
        raise SheetRefused(
            "order_xml.pdf_without_xml",
            _(
                "The PDF holds no order XML (Order-X); the text of a PDF is never read as an "
                "order. Send the order as Order-X, UBL, a spreadsheet or in the mail's text."
            ),
        )
    return bytes(xml)


def _root(xml: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise SheetRefused(
            "order_xml.invalid", _("The XML cannot be read: {problem}", problem=str(exc)[:280])
        ) from exc
    if root.getroottree().docinfo.doctype:
        raise SheetRefused("order_xml.doctype", _("The XML declares a DOCTYPE; it is not read."))
    return root


def _text(node: etree._Element, path: str, ns: dict[str, str]) -> str | None:
    """The stripped text of the first match, or None."""
    found = node.xpath(path, namespaces=ns)
    value = found[0].text if found else None
    return value.strip() or None if value else None


def _number(text: str | None) -> Decimal | str | None:
    """A number as Decimal, or the text as written (the engine names it as bad)."""
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _unit_price(amount: str | None, basis: str | None) -> Decimal | str | None:
    """The price per unit: the amount over its basis quantity, when one is given."""
    price, per = _number(amount), _number(basis)
    if isinstance(price, Decimal) and isinstance(per, Decimal) and per > 0 and per != 1:
        return price / per
    return price


def _day(text: str | None, compact: bool) -> date | str | None:
    """A date written 20250331 (CII format 102) or 2025-03-31 (UBL)."""
    if text is None:
        return None
    try:
        if compact and len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return date.fromisoformat(text)
    except ValueError:
        return text


def _order_x(root: etree._Element) -> XmlOrder:
    ns = _CII
    kind = _text(root, "rsm:ExchangedDocument/ram:TypeCode", ns)
    if kind not in (None, _NEW_ORDER):
        raise SheetRefused(
            "order_xml.not_new_order",
            _(
                "The Order-X document is of type {kind}; only a new order (type 220) is read.",
                kind=kind,
            ),
        )
    tx = "rsm:SupplyChainTradeTransaction/"
    agreement = tx + "ram:ApplicableHeaderTradeAgreement/"
    delivery = tx + "ram:ApplicableHeaderTradeDelivery/"
    when = "ram:RequestedDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString"
    order = XmlOrder(
        po=_text(root, "rsm:ExchangedDocument/ram:ID", ns)
        or _text(root, agreement + "ram:BuyerReference", ns),
        ship_to=_text(root, delivery + "ram:ShipToTradeParty/ram:ID", ns)
        or _text(root, delivery + "ram:ShipToTradeParty/ram:Name", ns),
        requested=_day(_text(root, delivery + when, ns), compact=True),
    )
    for item in root.xpath(tx + "ram:IncludedSupplyChainTradeLineItem", namespaces=ns):
        price = "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/"
        order.lines.append(
            XmlLine(
                product=_text(item, "ram:SpecifiedTradeProduct/ram:SellerAssignedID", ns)
                or _text(item, "ram:SpecifiedTradeProduct/ram:BuyerAssignedID", ns)
                or _text(item, "ram:SpecifiedTradeProduct/ram:Name", ns),
                quantity=_number(
                    _text(item, "ram:SpecifiedLineTradeDelivery/ram:RequestedQuantity", ns)
                ),
                price=_unit_price(
                    _text(item, price + "ram:ChargeAmount", ns),
                    _text(item, price + "ram:BasisQuantity", ns),
                ),
                requested=_day(
                    _text(item, "ram:SpecifiedLineTradeDelivery/" + when, ns), compact=True
                ),
                remarks=_text(
                    item, "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content", ns
                ),
            )
        )
    return order


def _ubl(root: etree._Element) -> XmlOrder:
    ns = _UBL
    period = "cac:Delivery/cac:RequestedDeliveryPeriod/"
    order = XmlOrder(
        po=_text(root, "cbc:ID", ns) or _text(root, "cbc:CustomerReference", ns),
        ship_to=_text(root, "cac:Delivery/cac:DeliveryLocation/cbc:ID", ns)
        or _text(root, "cac:Delivery/cac:DeliveryLocation/cbc:Name", ns)
        or _text(root, "cac:Delivery/cac:DeliveryParty/cac:PartyName/cbc:Name", ns),
        requested=_day(
            _text(root, period + "cbc:StartDate", ns) or _text(root, period + "cbc:EndDate", ns),
            compact=False,
        ),
    )
    for item in root.xpath("cac:OrderLine/cac:LineItem", namespaces=ns):
        order.lines.append(
            XmlLine(
                product=_text(item, "cac:Item/cac:SellersItemIdentification/cbc:ID", ns)
                or _text(item, "cac:Item/cac:BuyersItemIdentification/cbc:ID", ns)
                or _text(item, "cac:Item/cbc:Name", ns),
                quantity=_number(_text(item, "cbc:Quantity", ns)),
                price=_unit_price(
                    _text(item, "cac:Price/cbc:PriceAmount", ns),
                    _text(item, "cac:Price/cbc:BaseQuantity", ns),
                ),
                requested=_day(
                    _text(item, period + "cbc:StartDate", ns)
                    or _text(item, period + "cbc:EndDate", ns),
                    compact=False,
                ),
                remarks=_text(item, "../cbc:Note", ns) or _text(item, "cbc:Note", ns),
            )
        )
    return order


def _table(order: XmlOrder) -> SheetTable:
    """The order as a sheet: a header of the order columns, then one row a line
    (numbered from 1, as the document's lines are)."""
    names = {column.key: column.en for column in columns_for(SheetKind.ORDERS)}
    header: list[CellValue] = [names[key] for key in _COLUMNS]
    found = find_header_row(SheetKind.ORDERS, [header])
    if found is None:  # the order columns' own names always match
        raise SheetRefused("order_xml.columns", _("The order columns could not be matched."))
    rows: list[Row] = [
        (
            number,
            [
                line.product, line.quantity, line.price, line.requested or order.requested,
                order.ship_to, line.remarks, order.po,
            ],
        )
        for number, line in enumerate(order.lines, start=1)
    ]  # fmt: skip
    return SheetTable(SheetKind.ORDERS, 0, header, found[1], iter(rows))
