"""Which customer a search puts first: the rule, over the candidates the store found.

A candidate is scored by the best thing it matches, from the strongest down:

| score | what matched |
|---|---|
| 100 | its code, exactly (case, accents and punctuation aside) |
| 98, 97 | the code of one of its orders; the PO number of one of its orders |
| 96 | its VAT number, a contact's email address, or a phone as a whole number |
| 94 | its name, exactly |
| 90 | the beginning of its code |
| 88, 85 | every word typed is a word of its name; begins one |
| 84, 82, 80 | every word is a word of one address: its postal code, city, street |
| 81, 78 | every word is (begins) a word of one address, in any of its parts |
| 74, 70 | every word is (begins) a word of its name, addresses or emails together |
| 50-65 | close: every word typed close to one of those words (a slip of the keys) |

Digits are compared with phones only as whole numbers (see `search.phone_matches`), so
`SO-00001` never finds a phone ending in 00001; a word never matches the middle of
another, so `x` finds what begins with x, not every address at `example.com`. Equal
scores go by name, then code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from domain.customers.customer import Customer
from domain.customers.search import (
    SearchQuery,
    compact,
    digits,
    email_words,
    fold,
    phone_matches,
    words,
)

CLOSE_ENOUGH = 0.75
"""The least similarity (0-1, Indel) of a word typed to a word of the customer to count
as a slip of the keys; words shorter than `CLOSE_MIN_LENGTH`, and numbers (a postal code
one digit off is another place), must begin a word instead."""
CLOSE_MIN_LENGTH = 4
LOWEST_SCORE = 50
"""Matches below this are not shown."""
CANDIDATES = 200
"""The most customers a search ranks: what the store hands over at most."""


@dataclass(frozen=True)
class OrderHit:
    """An order whose code or PO number is what was typed, and its customer."""

    order_code: str
    reference: str
    customer_code: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the rule reads of a customer: plain values, so that a search ranks hundreds
    of customers without loading them whole (only the best are, afterwards)."""

    code: str
    name: str
    vat_number: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    places: tuple[tuple[str, str, str], ...] = ()
    """(street, postal code, city) of each address."""

    @classmethod
    def of(cls, customer: Customer) -> Candidate:
        """The candidate of a whole customer."""
        return cls(
            customer.code,
            customer.name,
            customer.vat_number,
            tuple(k.email for k in customer.contacts if k.email),
            tuple(k.phone for k in customer.contacts if k.phone),
            tuple((a.street, a.postal_code, a.city) for a in customer.addresses),
        )


@dataclass(frozen=True)
class Candidates:
    """What the store found for a query: customers that may match, and the orders whose
    code or PO number was typed (their customers among `customers`)."""

    customers: Sequence[Candidate] = ()
    orders: Sequence[OrderHit] = ()


@dataclass(frozen=True)
class Ranked:
    """A candidate with its score (0-100) and what matched, in words."""

    candidate: Candidate
    score: int
    matched: str


@dataclass(frozen=True)
class _Fields:
    """A customer's words by what they are."""

    name: list[str]
    places: list[tuple[str, list[str], list[str], list[str]]]  # (label, street, postal, city)
    emails: list[str]


def rank(query: SearchQuery, found: Candidates) -> list[Ranked]:
    """The candidates that match, best first; each customer once."""
    by_order: dict[str, tuple[int, str]] = {}
    for hit in found.orders:
        owner = hit.customer_code.lower()
        if compact(hit.order_code) == query.compact:
            named = (98, f"order {hit.order_code}")
        else:
            named = (97, f"PO {hit.reference}")
        by_order[owner] = max(by_order.get(owner, named), named)
    ranked: dict[str, Ranked] = {}
    for candidate in found.customers:
        key = candidate.code.lower()
        best = max(_score(query, candidate), by_order.get(key, (0, "")))
        if best[0] >= LOWEST_SCORE and (key not in ranked or ranked[key].score < best[0]):
            ranked[key] = Ranked(candidate, best[0], best[1])
    return sorted(ranked.values(), key=_order)


def _order(ranked: Ranked) -> tuple[int, str, str]:
    return -ranked.score, fold(ranked.candidate.name), ranked.candidate.code


def _score(query: SearchQuery, candidate: Candidate) -> tuple[int, str]:
    """The best (score, what matched) of one candidate; (0, "") when nothing does."""
    if not query.words:
        return 0, ""
    exact = _exact(query, candidate)
    if exact is not None:
        return exact
    if fold(candidate.name) == " ".join(query.words):
        return 94, "name"
    if compact(candidate.code).startswith(query.compact):
        return 90, "code"
    fields = _fields(candidate, words(candidate.name))
    return _by_words(query.words, fields) or _close(query.words, fields)


def _exact(query: SearchQuery, candidate: Candidate) -> tuple[int, str] | None:
    """Code, VAT number, email or phone equal to what was typed."""
    if compact(candidate.code) == query.compact:
        return 100, "code"
    if candidate.vat_number and compact(candidate.vat_number) == query.compact:
        return 96, "VAT number"
    if query.email and any(email.lower() == query.email for email in candidate.emails):
        return 96, "email"
    typed = digits(query.text)
    if query.phones and any(phone_matches(typed, phone) for phone in candidate.phones):
        return 96, "phone"
    return None


def _fields(candidate: Candidate, name: list[str]) -> _Fields:
    places = [("address", words(street), words(postal), words(city))
              for street, postal, city in candidate.places]  # fmt: skip
    emails = [w for email in candidate.emails for w in email_words(email)]
    return _Fields(name, places, emails)


def _by_words(typed: Sequence[str], fields: _Fields) -> tuple[int, str] | None:
    """Every word typed is (or begins) a word of the name, of one address, or of them
    all together."""
    name = _cover(typed, fields.name)
    if name == 2:
        return 88, "name"
    if name == 1:
        return 85, "name"
    best: tuple[int, str] | None = None
    for _, street, postal, city in fields.places:
        for label, place_words, score in (
            ("postal code", postal, 84),
            ("city", city, 82),
            ("street", street, 80),
        ):
            if _cover(typed, place_words) == 2:
                best = max(best or (0, ""), (score, label))
        together = _cover(typed, street + postal + city) if best is None else 0
        if together:
            best = (81 if together == 2 else 78, "address")
    if best is not None:
        return best
    every = fields.name + fields.emails + [w for p in fields.places for ws in p[1:] for w in ws]
    together = _cover(typed, every)
    if together:
        return (74 if together == 2 else 70), _which(typed, fields)
    return None


def _cover(typed: Sequence[str], field: Sequence[str]) -> int:
    """2 when every word typed is a word of `field`, 1 when each begins one, else 0."""
    if not field:
        return 0
    if all(w in field for w in typed):
        return 2
    if all(any(f.startswith(w) for f in field) for w in typed):
        return 1
    return 0


def _which(typed: Sequence[str], fields: _Fields) -> str:
    """Which fields the words typed were found in, in words ("name, city")."""
    found = []
    place_words = [w for p in fields.places for ws in p[1:] for w in ws]
    for label, field in (("name", fields.name), ("address", place_words),
                         ("email", fields.emails)):  # fmt: skip
        if any(any(f.startswith(w) for f in field) for w in typed):
            found.append(label)
    return ", ".join(found)


def _close(typed: Sequence[str], fields: _Fields) -> tuple[int, str]:
    """Every word typed close to a word of the name or an address: 50-65 by how close."""
    labelled = [(w, "name") for w in fields.name]
    labelled += [(w, "address") for p in fields.places for ws in p[1:] for w in ws]
    if not labelled:
        return 0, ""
    total = 0.0
    where: dict[str, None] = {}
    for word in typed:
        if len(word) < CLOSE_MIN_LENGTH or any(ch.isdigit() for ch in word):
            hits = [(1.0, label) for w, label in labelled if w.startswith(word)]
        else:
            hits = [(Indel.normalized_similarity(word, w), label) for w, label in labelled]
        similarity, label = max(hits, default=(0.0, ""))
        if similarity < CLOSE_ENOUGH:
            return 0, ""
        total += similarity
        where[label] = None
    closeness = (total / len(typed) - CLOSE_ENOUGH) / (1 - CLOSE_ENOUGH)
    return round(LOWEST_SCORE + 15 * closeness), "close to " + ", ".join(where)
