"""Printouts to HTML and PDF: one Jinja layout for every kind, WeasyPrint for the PDF.

The templates (documents/templates) say every word with `_()` (`jinja2.ext.i18n` with
`l10n.translation`'s callables, so the catalogs hold them) in the document's language,
the customer's unless told otherwise; amounts, quantities, rates and dates go through
`l10n.formats` in that language (unit prices with every decimal they carry). Nothing is
fetched while rendering: the logo comes as a `data:` URI and any other URL is refused,
so a name typed by a customer can never make the renderer reach out.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import jinja2
import weasyprint
from weasyprint.urls import URLFetcher

from documents.company import Company
from domain.printouts.printout import Printout
from domain.records.terms import term_words
from l10n import formats, translation

TEMPLATES = Path(__file__).with_name("templates")
LOCALES = {"en": "en_GB", "fr": "fr_FR", "da": "da_DK"}
PDF_A3B = "pdf/a-3b"
"""The PDF/A variant of electronic invoices (an XML may be attached to it)."""


def page_counter_css() -> str:
    """`Page N of M` in the current language, as a CSS `content` value with the page
    counters where the sentence has its placeholders."""
    sentence = translation.gettext("Page {page} of {pages}", page="\x00", pages="\x01")
    parts: list[str] = []
    for i, piece in enumerate(sentence.split("\x00")):
        if i:
            parts.append("counter(page)")
        for j, bit in enumerate(piece.split("\x01")):
            if j:
                parts.append("counter(pages)")
            if bit:
                parts.append(str(css_string(bit)))
    return " ".join(parts)


def css_string(text: str) -> str:
    """A CSS string literal of `text` (for `content:` in the page's margins), its quotes,
    backslashes and angle brackets escaped so no value leaves the string or the style (the
    template writes it `| safe`)."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>&' or ord(ch) < 32 else ch for ch in text)
    return f'"{escaped}"'


@dataclass(frozen=True)
class Rendered:
    """A document made: its file name and its bytes."""

    filename: str
    data: bytes
    # why an invoice is a plain PDF rather than an electronic invoice ("" when it is one,
    # or when the document is no invoice)
    not_einvoice: str = ""


class DocumentRenderer:
    """Renders printouts; the templates and the stylesheet are read once."""

    def __init__(self, company: Company) -> None:
        self.company = company
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            translation.gettext,
            translation.ngettext,
            newstyle=False,
            pgettext=translation.pgettext,
        )
        self.env.filters["css_string"] = css_string
        self.env.filters["term"] = lambda name: translation.render(term_words(name))
        self.css = (TEMPLATES / "document.css").read_text(encoding="utf-8")

    def html(self, printout: Printout, language: str | None = None) -> str:
        """The document as HTML, in `language` (the customer's when not given)."""
        with translation.speaking(language or printout.language) as lang:
            template = self.env.get_template(f"{printout.kind.value}.html.j2")
            return template.render(
                doc=printout,
                company=self.company,
                f=formats.Formats(printout.currency, LOCALES.get(lang, lang)),
                lang=lang,
                css=self.css,
                page_counter=page_counter_css(),
            )

    def pdf(
        self, printout: Printout, language: str | None = None, variant: str | None = None
    ) -> bytes:
        """The document as PDF; `variant` "pdf/a-3b" for an electronic invoice."""
        return html_to_pdf(self.html(printout, language), variant)

    def render(
        self, printout: Printout, language: str | None = None, variant: str | None = None
    ) -> Rendered:
        """The document's file name and PDF bytes."""
        return Rendered(filename_of(printout), self.pdf(printout, language, variant))


def html_to_pdf(html: str, variant: str | None = None) -> bytes:
    """WeasyPrint on a finished HTML page, fetching nothing."""
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    if not variant:
        data: bytes = document.write_pdf()
        return data
    # A PDF/A's colour profile is a file WeasyPrint 70 opens and never closes; Python
    # ignores that ResourceWarning by default, a process that shows warnings would not.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        data = document.write_pdf(pdf_variant=variant)
    return data


def filename_of(printout: Printout) -> str:
    """`SO-00001-quote.pdf`, `INV-00001.pdf`, `CN-00001.pdf`, `SO-00001-2-packing-slip.pdf`."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in printout.number)
    if printout.kind.value in ("invoice", "credit-note"):
        return f"{safe}.pdf"
    return f"{safe}-{printout.kind.value}.pdf"
