"""Factur-X invoices: the CII XML of an order's invoice passes the profile's official XSD
and EN 16931 schematron (run in process by SaxonC), its amounts are the order's, and a
WeasyPrint PDF/A-3 with the XML attached is a Factur-X PDF the library and pypdf read."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from facturx import get_facturx_xml_from_pdf, get_level
from lxml import etree
from pypdf import PdfReader

from domain.einvoicing.of_invoice import credit_note_of, einvoice_of
from domain.einvoicing.ports import EInvoiceInvalid
from store.einvoice.cii import RAM
from store.einvoice.facturx_files import PROFILES, FacturXFiles
from tests.integration.order_documents import pdf_of
from tests.unit.builders import T1, T2, D, confirmed, spec
from tests.unit.domain.einvoicing.world import SELLER, buyer, invoiced_order

NS = {"ram": RAM}


def _amount(xml: bytes, name: str) -> Decimal:
    found = etree.fromstring(xml).xpath(f"//ram:{name}", namespaces=NS)
    return Decimal(found[-1].text)


@pytest.mark.parametrize("profile", PROFILES)
def test_the_invoice_passes_its_profiles_schema_and_rules(profile: str) -> None:
    order = invoiced_order()
    files = FacturXFiles(profile)
    xml = files.xml(einvoice_of(order, order.invoices[0], buyer(), SELLER))
    files.check(xml)
    assert get_level(etree.fromstring(xml), "factur-x") == profile


def test_the_xml_amounts_are_the_orders_totals() -> None:
    order = invoiced_order()
    xml = FacturXFiles().xml(einvoice_of(order, order.invoices[0], buyer(), SELLER))
    totals = order.totals
    assert _amount(xml, "LineTotalAmount") == totals.subtotal
    assert _amount(xml, "TaxTotalAmount") == totals.tax
    assert _amount(xml, "GrandTotalAmount") == totals.gross
    assert _amount(xml, "DuePayableAmount") == totals.gross
    rows = etree.fromstring(xml).xpath(
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", namespaces=NS
    )
    taxed = {
        (Decimal(r.findtext(f"{{{RAM}}}RateApplicablePercent")),
         Decimal(r.findtext(f"{{{RAM}}}CalculatedAmount")))
        for r in rows if r.findtext(f"{{{RAM}}}CategoryCode") == "S"
    }  # fmt: skip
    assert taxed == set(totals.tax_by_rate)


def test_a_credit_note_and_a_second_partial_invoice_pass_too() -> None:
    files = FacturXFiles()
    order = invoiced_order()
    note = credit_note_of(
        einvoice_of(order, order.invoices[0], buyer(), SELLER), "CN-00001", T2.date(), "void"
    )
    xml = files.xml(note)
    files.check(xml)
    assert etree.fromstring(xml).xpath("//ram:TypeCode", namespaces=NS)[0].text == "381"
    split = confirmed(spec("WIDGET", 7, "12.35"), spec("BOOK", 3, "19.99", "5.5"),
                      shipping_charges=D("8.00"), discount_value=D(3))  # fmt: skip
    split.invoice("INV-00001", T1, [("WIDGET", D(3))])
    split.invoice("INV-00002", T2)
    for invoice in split.invoices:
        files.check(files.xml(einvoice_of(split, invoice, buyer(), SELLER)))


def test_a_broken_rule_is_named() -> None:
    order = invoiced_order()
    files = FacturXFiles()
    xml = files.xml(einvoice_of(order, order.invoices[0], buyer(), SELLER))
    wrong = xml.replace(b"<ram:TaxTotalAmount currencyID=\"EUR\">28.30",
                        b"<ram:TaxTotalAmount currencyID=\"EUR\">28.31")  # fmt: skip
    assert wrong != xml
    with pytest.raises(EInvoiceInvalid) as refused:
        files.check(wrong)
    assert any("BR-CO-" in problem for problem in refused.value.problems)


def test_the_pdf_carries_the_xml_as_factur_x() -> None:
    order = invoiced_order()
    files = FacturXFiles()
    xml = files.xml(einvoice_of(order, order.invoices[0], buyer(), SELLER))
    pdf = files.embed(pdf_of("<h1>Invoice INV-00001</h1><p>Total 212.56 EUR</p>"), xml)
    name, embedded = get_facturx_xml_from_pdf(pdf, check_xsd=True)
    assert (name, embedded) == ("factur-x.xml", xml)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments["factur-x.xml"] == [xml]
    assert reader.xmp_metadata is not None
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")
    for claim in ("pdfaid:part>3<", "pdfaid:conformance>B<", "fx:ConformanceLevel>EN 16931<"):
        assert claim in xmp  # a PDF/A-3b declaring its Factur-X profile
    assert "/AF" in reader.trailer["/Root"]  # the XML is the document's associated file


def test_zero_rated_goods_untaxed_shipping_and_a_discount_after_tax_pass() -> None:
    order = confirmed(
        spec("WIDGET", 3, "12.50"), spec("FOOD", 2, "4.00", "0"),
        shipping_charges=D(5), discount_value=D(10), discount_after_tax=True,
    )  # fmt: skip
    order.invoice("INV-00001", T1)
    files = FacturXFiles()
    made = einvoice_of(order, order.invoices[0], buyer(), SELLER)
    assert {row.category for row in made.tax_rows} == {"S", "Z", "E"}
    xml = files.xml(made)
    files.check(xml)
    assert _amount(xml, "GrandTotalAmount") == order.totals.gross
