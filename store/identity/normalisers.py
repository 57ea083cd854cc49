"""A customer file's identity checks made fast: the domain's `Normalisers` port.

The verdicts are the identity rule's (`domain.customers.identity`); this adds what a
100,000-row file needs on top: VAT numbers' check digits worked out ahead, partly in
the helper process (`store.identity.vat_numbers`), and a column of addresses found to
be written as the rule would write them by one regular expression rather than a call
per address (a large customer file has as many distinct addresses as rows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from domain.customers.identity import RESERVED_TLDS, VAT_PREFIXES, compact_vat
from domain.imports.sessions import HeadStart
from store.identity.vat_numbers import VatJudge
from store.worker import Worker

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_AS_WRITTEN = (
    rf"{_ATOM}(?:\.{_ATOM})*@(?:[a-z0-9-]{{1,63}}\.)+"
    rf"(?!(?:{'|'.join(sorted(RESERVED_TLDS))})(?:\n|\Z))[a-z]{{2,63}}"
)
_ALL_AS_WRITTEN = re.compile(rf"{_AS_WRITTEN}(?:\n{_AS_WRITTEN})*")
_HYPHEN_EDGES = ("@-", ".-", "-.", "xn--")
"""Addresses one per line that `identity.judge_email` gives back exactly as written:
its plain pattern with the domain already in lower case and no reserved top-level
domain. Written for speed (100,000 addresses in 0.05 s): a domain label's hyphens at its
ends, Punycode labels (written back in Unicode), and the lengths are checked apart
(`emails_as_written`), and more strictly than needed (`.-` may be in a valid local
part): a text turned down here is read alone."""
_VAT_TEXT = 24  # the longest EU VAT number is 14 characters; room for spaces and dots
_VAT_SHAPE = f"[A-Z]{{2}}[ .-]?[0-9A-Z][0-9A-Za-z .-]{{1,{_VAT_TEXT - 4}}}"
"""Two capitals (a member state's prefix), then digits and letters (spaces, dots, dashes
between): what a file's VAT numbers look like, and few of its other texts. Kept this
simple so that the reader's regular expression runs fast; `warm` picks the prefixes."""


class ReferenceNormalisers:
    """The `Normalisers` port: the identity rule's checks, made fast for a whole file."""

    def __init__(self, worker: Callable[[], Worker | None] | None = None) -> None:
        """`worker` gives the process that VAT numbers handed ahead go to (by default
        this process's helper, see `store.worker`); one giving None keeps them here."""
        self._vat = VatJudge(worker)

    def vat_valid(self, number: str) -> bool | None:
        """Check digits of an EU VAT number (with its country prefix); None for others."""
        return self._vat.valid(number)

    def head_start(self) -> HeadStart:
        """VAT numbers' check digits, worked out while a file's sheet is parsed."""
        self._vat.prepare()  # the helper process starts while the file is first read
        return HeadStart(_VAT_SHAPE, self.warm)

    def warm(self, texts: list[str]) -> None:
        """Check ahead the texts shaped like an EU VAT number (remembered for the rows;
        many are handed to a worker process, see `store.identity.vat_numbers`)."""
        self._vat.ahead(
            compact
            for text in texts
            if len(text) <= _VAT_TEXT and text[:2].lower() in VAT_PREFIXES
            for compact in (compact_vat(text),)
            if len(compact) >= 4
        )

    def vat_none_wrong(self, numbers: Collection[str]) -> bool:
        """True when no number among these (compact, in capitals) has wrong check digits:
        a set difference with the numbers already found right, rather than a look-up per
        number (a large customer file has as many distinct numbers as rows)."""
        return self._vat.none_wrong(numbers)

    def emails_as_written(self, texts: Sequence[str]) -> bool:
        """True when `identity.judge_email` would give back every one of these texts as
        it is: one regular expression over the column rather than a call per address."""
        if not texts or max(map(len, texts)) > 64:  # local part and address within limits
            return False
        joined = "\n".join(texts)
        if joined.count("\n") != len(texts) - 1 or any(e in joined for e in _HYPHEN_EDGES):
            return False  # a line break in a text; a label starting or ending with "-"
        return _ALL_AS_WRITTEN.fullmatch(joined) is not None
