"""What a refusal for a product or customer that does not exist adds: the closest code.

When a command names a product or customer that is not there, the bus asks here, in a
read-only unit of work of its own, for the one code to suggest by the rule of
`domain.suggestions` (the same rule the email door and the spreadsheet import use), and
the refusal becomes "No product WIDGT-A. Did you mean WIDGET-A?". Products are compared
with those on sale; customers with the codes that begin like the typed one and are
about as long, and the few the customer search finds for it: both bounded queries,
never every customer read.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.customers.ranking import rank
from domain.customers.search import SearchQuery
from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.suggestions import closest

SIMILAR_CODES = 500
"""At most this many codes that begin like the typed one are compared with it."""
SEARCHED = 5
"""How many of the customer search's best are compared with the typed code too."""


def _product(typed: str, uow: UnitOfWork) -> str | None:
    return closest(typed, (p.code for p in uow.products.list() if p.active))


def _customer(typed: str, uow: UnitOfWork) -> str | None:
    codes = list(uow.customers.codes_like(typed, SIMILAR_CODES))
    query = SearchQuery.read(typed)
    if query.words:
        best = rank(query, uow.customers.search(query, SEARCHED))
        codes += [r.candidate.code for r in best[:SEARCHED]]
    return closest(typed, codes)


_FINDERS: dict[str, Callable[[str, UnitOfWork], str | None]] = {
    "product": _product,
    "customer": _customer,
}


def with_suggestion(missing: NotFound, units: Callable[[bool], UnitOfWork]) -> NotFound:
    """The refusal with the closest existing code suggested, or `missing` as it is."""
    if _FINDERS.get(missing.kind) is None or missing.suggestion is not None:
        return missing
    with units(True) as uow:
        return suggested(missing, uow)


def suggested(missing: NotFound, uow: UnitOfWork) -> NotFound:
    """`missing` with the closest existing code suggested, read in `uow` (a service that
    reports a missing code without raising it asks here)."""
    finder = _FINDERS.get(missing.kind)
    if finder is None or missing.suggestion is not None:
        return missing
    guess = finder(str(missing.key), uow)
    if guess is None or guess.lower() == str(missing.key).lower():
        return missing
    return NotFound(missing.kind, missing.key, guess)
