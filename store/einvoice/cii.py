"""An e-invoice as Cross Industry Invoice XML (UN/CEFACT CII D16B, as Factur-X carries it).

Owns writing `domain.einvoicing.EInvoice` values into the elements the Factur-X profiles
name, in the order their XSD wants: nothing is computed here, every amount is the
domain's. The profile (`minimum`... `extended`, the factur-x library's names) only
changes the guideline id the document declares; orderbot writes the lines, so the
profiles that carry lines (basic, en16931, extended) are the ones it offers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from domain.einvoicing.document import (
    EXEMPT,
    NOT_SUBJECT,
    AllowanceCharge,
    EInvoice,
    EInvoiceLine,
    Party,
    TaxRow,
)

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"

GUIDELINES = {
    "basic": "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
    "en16931": "urn:cen.eu:en16931:2017",
    "extended": "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
}
"""The Factur-X profiles with lines, and the guideline id (BT-24) each declares."""

_UNIT = "C62"  # UN/ECE rec 20 "one": orderbot's quantities are counts of the product
_CREDIT_TRANSFER = "58"  # UNTDID 4461: SEPA credit transfer


def _el(
    parent: etree._Element, ns: str, name: str, text: object = None, **attrs: str
) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ns}}}{name}", attrs)
    if text is not None:
        node.text = str(text)
    return node


def _ram(parent: etree._Element, name: str, text: object = None, **attrs: str) -> etree._Element:
    return _el(parent, RAM, name, text, **attrs)


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _number(value: Decimal) -> str:
    """A quantity or price as written, without trailing zeros beyond the cents."""
    text = format(value.normalize(), "f")
    return text if "." not in text or len(text.split(".")[1]) >= 2 else f"{value:.2f}"


def _day(parent: etree._Element, name: str, day: date) -> None:
    _el(_ram(parent, name), UDT, "DateTimeString", day.strftime("%Y%m%d"), format="102")


def _address(parent: etree._Element, party: Party) -> None:
    address = _ram(parent, "PostalTradeAddress")
    if party.postal_code:
        _ram(address, "PostcodeCode", party.postal_code)
    if party.street:
        _ram(address, "LineOne", party.street)
    if party.city:
        _ram(address, "CityName", party.city)
    _ram(address, "CountryID", party.country.upper())


def _party(parent: etree._Element, name: str, party: Party, seller: bool) -> None:
    node = _ram(parent, name)
    if party.code and not seller:
        _ram(node, "ID", party.code)
    _ram(node, "Name", party.name)
    if party.code and seller:
        _ram(_ram(node, "SpecifiedLegalOrganization"), "ID", party.code)
    _address(node, party)
    if party.email:
        _ram(_ram(node, "URIUniversalCommunication"), "URIID", party.email, schemeID="EM")
    if party.vat_number:
        _ram(_ram(node, "SpecifiedTaxRegistration"), "ID", party.vat_number, schemeID="VA")


def _category(
    parent: etree._Element, name: str, category: str, rate: Decimal, reason: str = ""
) -> None:
    tax = _ram(parent, name)
    _ram(tax, "TypeCode", "VAT")
    if reason:
        _ram(tax, "ExemptionReason", reason)
    _ram(tax, "CategoryCode", category)
    _ram(tax, "RateApplicablePercent", _number(rate))


def _line(parent: etree._Element, line: EInvoiceLine, profile: str) -> None:
    item = _ram(parent, "IncludedSupplyChainTradeLineItem")
    _ram(_ram(item, "AssociatedDocumentLineDocument"), "LineID", line.line_no)
    product = _ram(item, "SpecifiedTradeProduct")
    if profile != "basic":  # BASIC names a product by its name (or global id) only
        _ram(product, "SellerAssignedID", line.product_code)
    _ram(product, "Name", line.name)
    agreement = _ram(item, "SpecifiedLineTradeAgreement")
    _ram(_ram(agreement, "NetPriceProductTradePrice"), "ChargeAmount", _number(line.unit_price))
    _ram(_ram(item, "SpecifiedLineTradeDelivery"), "BilledQuantity", _number(line.quantity),
         unitCode=_UNIT)  # fmt: skip
    settlement = _ram(item, "SpecifiedLineTradeSettlement")
    _category(settlement, "ApplicableTradeTax", line.category, line.tax_rate)
    if line.discount:
        allowance = _ram(settlement, "SpecifiedTradeAllowanceCharge")
        _el(_ram(allowance, "ChargeIndicator"), UDT, "Indicator", "false")
        _ram(allowance, "ActualAmount", _amount(line.discount))
        _ram(allowance, "Reason", "Discount")
    summation = _ram(settlement, "SpecifiedTradeSettlementLineMonetarySummation")
    _ram(summation, "LineTotalAmount", _amount(line.net))


def _tax_row(parent: etree._Element, row: TaxRow) -> None:
    tax = _ram(parent, "ApplicableTradeTax")
    _ram(tax, "CalculatedAmount", _amount(row.tax))
    _ram(tax, "TypeCode", "VAT")
    if row.exemption_reason:
        _ram(tax, "ExemptionReason", row.exemption_reason)
    _ram(tax, "BasisAmount", _amount(row.base))
    _ram(tax, "CategoryCode", row.category)
    _ram(tax, "RateApplicablePercent", _number(row.rate))


def _allowance_charge(parent: etree._Element, item: AllowanceCharge, profile: str) -> None:
    node = _ram(parent, "SpecifiedTradeAllowanceCharge")
    _el(_ram(node, "ChargeIndicator"), UDT, "Indicator", "true" if item.is_charge else "false")
    _ram(node, "ActualAmount", _amount(item.amount))
    _ram(node, "Reason", item.reason)
    # EXTENDED wants an exempt charge's reason beside its category, as its VAT row says
    reason = NOT_SUBJECT if profile == "extended" and item.category == EXEMPT else ""
    _category(node, "CategoryTradeTax", item.category, item.rate, reason)


def _agreement(tx: etree._Element, doc: EInvoice, profile: str) -> None:
    agreement = _ram(tx, "ApplicableHeaderTradeAgreement")
    _party(agreement, "SellerTradeParty", doc.seller, seller=True)
    _party(agreement, "BuyerTradeParty", doc.buyer, seller=False)
    if profile != "basic":  # BASIC has no seller's order reference (BT-14)
        seller_order = _ram(agreement, "SellerOrderReferencedDocument")
        _ram(seller_order, "IssuerAssignedID", doc.order_code)
    if doc.purchase_order:
        buyer_order = _ram(agreement, "BuyerOrderReferencedDocument")
        _ram(buyer_order, "IssuerAssignedID", doc.purchase_order)


def _delivery(tx: etree._Element, doc: EInvoice) -> None:
    delivery = _ram(tx, "ApplicableHeaderTradeDelivery")
    if doc.delivered_to is not None and doc.delivered_to.country:
        ship_to = _ram(delivery, "ShipToTradeParty")
        _ram(ship_to, "Name", doc.delivered_to.name)
        _address(ship_to, doc.delivered_to)


def _settlement(tx: etree._Element, doc: EInvoice, profile: str) -> None:
    settlement = _ram(tx, "ApplicableHeaderTradeSettlement")
    _ram(settlement, "InvoiceCurrencyCode", doc.currency)
    if doc.payee.iban:
        means = _ram(settlement, "SpecifiedTradeSettlementPaymentMeans")
        _ram(means, "TypeCode", _CREDIT_TRANSFER)
        _ram(_ram(means, "PayeePartyCreditorFinancialAccount"), "IBANID", doc.payee.iban)
        if doc.payee.bic and profile != "basic":  # BASIC has no bank id (BT-86)
            bank = _ram(means, "PayeeSpecifiedCreditorFinancialInstitution")
            _ram(bank, "BICID", doc.payee.bic)
    for row in doc.tax_rows:
        _tax_row(settlement, row)
    for item in doc.allowances_charges:
        _allowance_charge(settlement, item, profile)
    terms = _ram(settlement, "SpecifiedTradePaymentTerms")
    _ram(terms, "Description", doc.payment_terms or "Payable on receipt")
    if doc.due_date is not None:
        _day(terms, "DueDateDateTime", doc.due_date)
    t = doc.totals
    summation = _ram(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation")
    _ram(summation, "LineTotalAmount", _amount(t.lines))
    _ram(summation, "ChargeTotalAmount", _amount(t.charges))
    _ram(summation, "AllowanceTotalAmount", _amount(t.allowances))
    _ram(summation, "TaxBasisTotalAmount", _amount(t.tax_basis))
    _ram(summation, "TaxTotalAmount", _amount(t.tax), currencyID=doc.currency)
    _ram(summation, "GrandTotalAmount", _amount(t.gross))
    _ram(summation, "DuePayableAmount", _amount(t.gross))
    if doc.preceding_invoice:
        _ram(_ram(settlement, "InvoiceReferencedDocument"), "IssuerAssignedID",
             doc.preceding_invoice)  # fmt: skip


def cii_xml(doc: EInvoice, profile: str = "en16931") -> bytes:
    """The CII XML of `doc` under a Factur-X profile (a key of GUIDELINES)."""
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice",
                         nsmap={"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT})  # fmt: skip
    context = _el(root, RSM, "ExchangedDocumentContext")
    _ram(_ram(context, "GuidelineSpecifiedDocumentContextParameter"), "ID", GUIDELINES[profile])
    header = _el(root, RSM, "ExchangedDocument")
    _ram(header, "ID", doc.number)
    _ram(header, "TypeCode", doc.type.value)
    _day(header, "IssueDateTime", doc.issued)
    if doc.note:
        _ram(_ram(header, "IncludedNote"), "Content", doc.note)
    tx = _el(root, RSM, "SupplyChainTradeTransaction")
    for line in doc.lines:
        _line(tx, line, profile)
    _agreement(tx, doc, profile)
    _delivery(tx, doc)
    _settlement(tx, doc, profile)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
