"""The `/catalog` forms of the catalogues as records: create one, add or remove its
products, list them, show one. (`/catalog send` is with the notification forms, in
`bot.language.notify`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.language.words import Args, UsageError, parse_date
from domain import commands as c
from l10n.translation import N_, gettext

if TYPE_CHECKING:
    from bot.language.grammar import Door, Grammar


def _base(door: Door) -> dict[str, Any]:
    return {"actor": door.actor, "manager": door.manager}


def _new(a: Args, d: Door) -> c.Command:
    if not a.words:
        raise UsageError(gettext("expected a catalogue NAME, then the codes of its products"))
    return c.CreateCatalogue(
        name=a.words[0],
        valid_from=parse_date(a.options["from"], d.today) if "from" in a.options else None,
        source_code=a.options.get("source", ""),
        products=tuple(a.words[1:]),
        **_base(d),
    )


def _products(remove: bool) -> Any:
    def build(a: Args, d: Door) -> c.Command:
        if len(a.words) < 2:
            raise UsageError(gettext("expected a catalogue NAME and at least one product code"))
        return c.ChangeCatalogueProducts(
            name=a.words[0], products=tuple(a.words[1:]), remove=remove, **_base(d)
        )

    return build


def _show(a: Args, d: Door) -> c.Command:
    if len(a.words) > 1:
        raise UsageError(gettext("expected at most one catalogue NAME"))
    return c.ShowCatalogue(name=a.words[0] if a.words else None, **_base(d))


def register(grammar: Grammar) -> None:
    """Add the catalogue forms (`/catalog` alone lists the catalogues)."""
    from bot.language.grammar import Form

    grammar.families["catalog"] = N_(
        "catalogues: named selections of products, valid from a day, mailed to customers"
    )
    grammar.defaults["catalog"] = "list"
    for form in [
        Form(
            "catalog",
            "new",
            "NAME [PRODUCT...] [from:DATE] [source:CODE]",
            N_(
                "create a catalogue of the products named, valid from a day (today unless "
                "from: says), sent under a source code (its name unless source: says)"
            ),
            _new,
            frozenset({"from", "source"}),
            min_words=1,
        ),
        Form(
            "catalog",
            "add",
            "NAME PRODUCT...",
            N_("add products to a catalogue"),
            _products(remove=False),
            min_words=2,
        ),
        Form(
            "catalog",
            "remove",
            "NAME PRODUCT...",
            N_("take products out of a catalogue"),
            _products(remove=True),
            min_words=2,
        ),
        Form(
            "catalog",
            "list",
            "",
            N_("the catalogues, the default one first, with their product counts"),
            lambda a, d: c.ListCatalogues(**_base(d)),
        ),
        Form(
            "catalog",
            "show",
            "[NAME]",
            N_("a catalogue with the active products it holds (the default one when unnamed)"),
            _show,
        ),
    ]:
        grammar.add(form)
