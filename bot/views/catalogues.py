"""Catalogues as text: the list of them, one with its products, a catalogue sent, and
the line the customer desk shows for each catalogue a customer was sent."""

from __future__ import annotations

from collections.abc import Callable

from domain.catalog.catalogues import Catalogue, CatalogueSent
from domain.services.catalogues import CatalogSentView, CataloguesView, CatalogueView
from l10n.formats import Formats
from l10n.translation import render as say


def sent_line(sent: CatalogueSent, f: Formats, who: Callable[[str], str] = str) -> str:
    """ "spring (source SP26), 12 product(s) to ann@acme.example, 2026-12-07 10:00 by U1"."""
    return (
        f"{sent.catalogue_name} (source code {sent.source_code}), "
        f"{f.number(sent.products)} product(s) to {sent.recipient}, "
        f"{f.datetime(sent.sent_at)} by {who(sent.actor) if sent.actor else 'someone'}"
    )


def _heading(catalogue: Catalogue, f: Formats) -> str:
    marks = " (default)" if catalogue.is_default else ""
    held = "every active product" if catalogue.every_product else "listed products"
    return (
        f"{catalogue.name}{marks} · source code {catalogue.source_code} · valid from "
        f"{f.date(catalogue.valid_from)} · {held}"
    )


def catalogue_text(
    result: CatalogueView | CataloguesView | CatalogSentView,
    f: Formats,
    product: Callable[[object], str],
) -> str:
    """The catalogues, one catalogue with its products (`product` writes a product's
    line as lists do), or a catalogue sent."""
    if isinstance(result, CatalogSentView):
        return str(result)
    if isinstance(result, CataloguesView):
        if not result.catalogues:
            return "Catalogues: none."
        return "\n".join(
            ["Catalogues:"]
            + [f"  {_heading(c, f)} · {f.number(n)} product(s)" for c, n in result.catalogues]
        )
    out = [say(result.note)] if result.note else []
    out.append(_heading(result.catalogue, f))
    out += [f"  {product(p)}" for p in result.products]
    if not result.products:
        out.append("  No active product: nothing to send yet.")
    if result.inactive:
        out.append(f"  Listed but inactive (not sent): {', '.join(result.inactive)}")
    return "\n".join(out)
