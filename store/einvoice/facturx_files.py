"""The `EInvoiceFiles` port: Factur-X XML written, checked and embedded in a PDF/A-3.

Owns the `factur-x` library (Akretion) at the edge: the CII XML of an e-invoice
(`store.einvoice.cii`) is checked against the profile's official XSD
(`facturx.xml_check_xsd`) and its EN 16931 schematron, the XSLT the library ships, run
here by SaxonC-HE (the library itself sends it to a Saxon server over HTTP; orderbot
runs it in process, so a check needs no network and no service); a PDF/A-3 (WeasyPrint's
`pdf/a-3b`) gets the XML attached as `factur-x.xml` with the Factur-X XMP metadata
(`facturx.generate_from_binary`).
"""

from __future__ import annotations

import threading
from importlib.resources import files
from typing import Any

import facturx
from facturx import generate_from_binary, xml_check_xsd
from lxml import etree

from domain.einvoicing.document import EInvoice
from domain.einvoicing.ports import EInvoiceInvalid
from store.einvoice.cii import GUIDELINES, cii_xml

PROFILES = tuple(GUIDELINES)
"""The Factur-X profiles orderbot writes (the factur-x library's level names)."""

_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_lock = threading.Lock()
_compiled: dict[str, Any] = {}  # profile -> SaxonC executable, compiled once a process


def _schematron(profile: str) -> Any:
    """The compiled schematron XSLT of a profile (SaxonC is loaded on first use)."""
    with _lock:
        if profile not in _compiled:
            from saxonche import PySaxonProcessor  # a native library: loaded when needed

            path = files(facturx).joinpath(
                "xsd_and_schematron", facturx.facturx.FACTURX_LEVEL2schematron[profile]
            )
            processor = PySaxonProcessor(license=False)
            executable = processor.new_xslt30_processor().compile_stylesheet(
                stylesheet_file=str(path)
            )
            _compiled[profile] = (processor, executable)
        return _compiled[profile]


class FacturXFiles:
    """Factur-X under one profile: `basic`, `en16931` (the default) or `extended`."""

    def __init__(self, profile: str = "en16931") -> None:
        if profile not in GUIDELINES:
            raise ValueError(f"Factur-X profile {profile!r} is not one of {', '.join(PROFILES)}")
        self.profile = profile

    def xml(self, invoice: EInvoice) -> bytes:
        """The CII XML of an e-invoice."""
        return cii_xml(invoice, self.profile)

    def check(self, xml: bytes) -> None:
        """Refuse (EInvoiceInvalid, naming every rule broken) XML that its profile's XSD
        or schematron does not accept."""
        try:
            xml_check_xsd(xml, flavor="factur-x", level=self.profile)
        except Exception as exc:  # the library raises bare Exception with the XSD's words
            raise EInvoiceInvalid((str(exc),)) from exc
        processor, executable = _schematron(self.profile)
        with _lock:  # one SaxonC processor per profile, used by one thread at a time
            node = processor.parse_xml(xml_text=xml.decode("utf-8"))
            report = executable.transform_to_string(xdm_node=node)
        svrl = etree.fromstring(report.encode("utf-8"))
        broken = svrl.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=_SVRL)
        if broken:
            raise EInvoiceInvalid(tuple(" ".join("".join(b.itertext()).split()) for b in broken))

    def embed(self, pdf: bytes, xml: bytes) -> bytes:
        """The Factur-X PDF: a PDF/A-3 with `xml` attached as factur-x.xml."""
        return bytes(
            generate_from_binary(
                pdf, xml, flavor="factur-x", level=self.profile, check_xsd=False,
                lang="en",
            )
        )  # fmt: skip
