"""Catalogues as text: the list of them, one with its products, a catalogue sent, and
the line the customer desk shows for each catalogue a customer was sent."""

from __future__ import annotations

from collections.abc import Callable

from domain.catalog.catalogues import Catalogue, CatalogueSent
from domain.services.catalogues import CatalogSentView, CataloguesView, CatalogueView
from l10n.formats import Formats
from l10n.translation import gettext, ngettext
from l10n.translation import render as say


def sent_line(sent: CatalogueSent, f: Formats, who: Callable[[str], str] = str) -> str:
    """ "spring (source SP26), 12 product(s) to ann@acme.example, 2026-12-07 10:00 by U1"."""
    return ngettext(
        "{name} (source code {source}), {count} product to {recipient}, {at} by {who}",
        "{name} (source code {source}), {count} products to {recipient}, {at} by {who}",
        sent.products,
        name=sent.catalogue_name,
        source=sent.source_code,
        count=f.number(sent.products),
        recipient=sent.recipient,
        at=f.datetime(sent.sent_at),
        who=who(sent.actor) if sent.actor else gettext("someone"),
    )


def _heading(catalogue: Catalogue, f: Formats) -> str:
    said = {
        "name": catalogue.name,
        "source": catalogue.source_code,
        "date": f.date(catalogue.valid_from),
        "held": gettext("every active product")
        if catalogue.every_product
        else gettext("listed products"),
    }
    if catalogue.is_default:
        return gettext(
            "{name} (default) · source code {source} · valid from {date} · {held}", **said
        )
    return gettext("{name} · source code {source} · valid from {date} · {held}", **said)


def catalogue_text(
    result: CatalogueView | CataloguesView | CatalogSentView,
    f: Formats,
    product: Callable[[object], str],
) -> str:
    """The catalogues, one catalogue with its products (`product` writes a product's
    line as lists do), or a catalogue sent."""
    if isinstance(result, CatalogSentView):
        s = result.sent
        return ngettext(
            "Catalogue {name} (source code {source}) of {count} product queued for "
            "{recipient} ({customer}).",
            "Catalogue {name} (source code {source}) of {count} products queued for "
            "{recipient} ({customer}).",
            s.products,
            name=s.catalogue_name,
            source=s.source_code,
            count=f.number(s.products),
            recipient=s.recipient,
            customer=s.customer_code,
        )
    if isinstance(result, CataloguesView):
        if not result.catalogues:
            return gettext("Catalogues: none.")
        return "\n".join(
            [gettext("Catalogues:")]
            + [
                f"  {_heading(c, f)} · "
                + ngettext("{count} product", "{count} products", n, count=f.number(n))
                for c, n in result.catalogues
            ]
        )
    out = [say(result.note)] if result.note else []
    out.append(_heading(result.catalogue, f))
    out += [f"  {product(p)}" for p in result.products]
    if not result.products:
        out.append("  " + gettext("No active product: nothing to send yet."))
    if result.inactive:
        inactive = ", ".join(result.inactive)
        out.append("  " + gettext("Listed but inactive (not sent): {codes}", codes=inactive))
    return "\n".join(out)
