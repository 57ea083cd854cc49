"""Machine-readable purchase orders as a customer's system sends them, for the tests:
an Order-X PDF (WeasyPrint's PDF/A-3 with the Order-X XML embedded by the `factur-x`
library) and a UBL 2.1 Order XML. The Order-X XML is checked against its official XSD
(the library's) when made; the UBL one follows the UBL 2.1 Order schema's elements and
their order (the library ships the schemas of UBL invoices only).
"""

from __future__ import annotations

import gc
import warnings
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import weasyprint
from facturx import generate_from_binary, xml_check_xsd
from lxml import etree

_RSM = "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
_RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128"
_UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:128"
_UBL = "urn:oasis:names:specification:ubl:schema:xsd:Order-2"
_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"


@dataclass(frozen=True)
class Ordered:
    """A line of a buyer's order: our item id (the seller's), the buyer's own, a price."""

    seller_id: str | None
    quantity: Decimal
    price: Decimal
    buyer_id: str | None = None
    name: str = "Item"


def _el(
    parent: etree._Element, ns: str, name: str, text: object = None, **attrs: str
) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ns}}}{name}", attrs)
    if text is not None:
        node.text = str(text)
    return node


def _party(parent: etree._Element, name: str, party: str) -> None:
    node = _el(parent, _RAM, name)
    _el(node, _RAM, "Name", party)


def order_x_xml(
    number: str, lines: list[Ordered], ship_to: str | None = None, wanted: date | None = None
) -> bytes:
    """An Order-X COMFORT order (type 220) with these lines, valid against its XSD."""
    root = etree.Element(f"{{{_RSM}}}SCRDMCCBDACIOMessageStructure",
                         nsmap={"rsm": _RSM, "ram": _RAM, "udt": _UDT})  # fmt: skip
    context = _el(root, _RSM, "ExchangedDocumentContext")
    guideline = _el(context, _RAM, "GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, _RAM, "ID", "urn:order-x.eu:1p0:comfort")
    document = _el(root, _RSM, "ExchangedDocument")
    _el(document, _RAM, "ID", number)
    _el(document, _RAM, "TypeCode", "220")
    issued = _el(document, _RAM, "IssueDateTime")
    _el(issued, _UDT, "DateTimeString", "20260101", format="102")
    tx = _el(root, _RSM, "SupplyChainTradeTransaction")
    total = Decimal(0)
    for n, line in enumerate(lines, start=1):
        item = _el(tx, _RAM, "IncludedSupplyChainTradeLineItem")
        _el(_el(item, _RAM, "AssociatedDocumentLineDocument"), _RAM, "LineID", n)
        product = _el(item, _RAM, "SpecifiedTradeProduct")
        if line.seller_id:
            _el(product, _RAM, "SellerAssignedID", line.seller_id)
        if line.buyer_id:
            _el(product, _RAM, "BuyerAssignedID", line.buyer_id)
        _el(product, _RAM, "Name", line.name)
        agreement = _el(item, _RAM, "SpecifiedLineTradeAgreement")
        _el(_el(agreement, _RAM, "NetPriceProductTradePrice"), _RAM, "ChargeAmount", line.price)
        delivery = _el(item, _RAM, "SpecifiedLineTradeDelivery")
        _el(delivery, _RAM, "RequestedQuantity", line.quantity, unitCode="C62")
        amount = line.price * line.quantity
        total += amount
        settlement = _el(item, _RAM, "SpecifiedLineTradeSettlement")
        summation = _el(settlement, _RAM, "SpecifiedTradeSettlementLineMonetarySummation")
        _el(summation, _RAM, "LineTotalAmount", f"{amount:.2f}")
    agreement = _el(tx, _RAM, "ApplicableHeaderTradeAgreement")
    _el(agreement, _RAM, "BuyerReference", "Purchasing")
    _party(agreement, "SellerTradeParty", "Orderbot Seller SARL")
    _party(agreement, "BuyerTradeParty", "Acme SA")
    delivery = _el(tx, _RAM, "ApplicableHeaderTradeDelivery")
    if ship_to:
        _party(delivery, "ShipToTradeParty", ship_to)
    if wanted:
        event = _el(delivery, _RAM, "RequestedDeliverySupplyChainEvent")
        occurs = _el(event, _RAM, "OccurrenceDateTime")
        _el(occurs, _UDT, "DateTimeString", wanted.strftime("%Y%m%d"), format="102")
    settlement = _el(tx, _RAM, "ApplicableHeaderTradeSettlement")
    _el(settlement, _RAM, "OrderCurrencyCode", "EUR")
    summation = _el(settlement, _RAM, "SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, _RAM, "LineTotalAmount", f"{total:.2f}")
    _el(summation, _RAM, "TaxBasisTotalAmount", f"{total:.2f}")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    xml_check_xsd(data, flavor="order-x", level="comfort")
    return data


def pdf_of(html: str) -> bytes:
    """A PDF/A-3b of a small HTML page, as WeasyPrint writes it.

    WeasyPrint 70 opens its sRGB profile for PDF/A without closing it; the warning of
    that file, freed here, is WeasyPrint's own and is not one of ours."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        pdf = bytes(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-3b"))
        gc.collect()
    return pdf


def order_x_pdf(
    number: str, lines: list[Ordered], ship_to: str | None = None, wanted: date | None = None
) -> bytes:
    """The Order-X PDF: a printable order with its XML embedded as order-x.xml."""
    xml = order_x_xml(number, lines, ship_to, wanted)
    rows = "".join(f"<li>{ln.seller_id} x {ln.quantity}</li>" for ln in lines)
    pdf = pdf_of(f"<h1>Purchase order {number}</h1><ul>{rows}</ul>")
    return bytes(generate_from_binary(pdf, xml, flavor="order-x", level="comfort"))


def ubl_order(
    number: str, lines: list[Ordered], ship_to: str | None = None, wanted: date | None = None
) -> bytes:
    """A UBL 2.1 Order with these lines."""
    root = etree.Element(f"{{{_UBL}}}Order", nsmap={None: _UBL, "cbc": _CBC, "cac": _CAC})
    _el(root, _CBC, "UBLVersionID", "2.1")
    _el(root, _CBC, "ID", number)
    _el(root, _CBC, "IssueDate", "2026-01-01")
    _el(root, _CBC, "DocumentCurrencyCode", "EUR")
    for role, name in (("BuyerCustomerParty", "Acme SA"), ("SellerSupplierParty", "Seller")):
        party = _el(_el(root, _CAC, role), _CAC, "Party")
        _el(_el(party, _CAC, "PartyName"), _CBC, "Name", name)
    if ship_to or wanted:
        delivery = _el(root, _CAC, "Delivery")
        if ship_to:
            _el(_el(delivery, _CAC, "DeliveryLocation"), _CBC, "ID", ship_to)
        if wanted:
            period = _el(delivery, _CAC, "RequestedDeliveryPeriod")
            _el(period, _CBC, "StartDate", wanted.isoformat())
    for n, line in enumerate(lines, start=1):
        item = _el(_el(root, _CAC, "OrderLine"), _CAC, "LineItem")
        _el(item, _CBC, "ID", n)
        _el(item, _CBC, "Quantity", line.quantity, unitCode="EA")
        _el(_el(item, _CAC, "Price"), _CBC, "PriceAmount", line.price, currencyID="EUR")
        product = _el(item, _CAC, "Item")
        _el(product, _CBC, "Name", line.name)
        if line.buyer_id:
            _el(_el(product, _CAC, "BuyersItemIdentification"), _CBC, "ID", line.buyer_id)
        if line.seller_id:
            _el(_el(product, _CAC, "SellersItemIdentification"), _CBC, "ID", line.seller_id)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
