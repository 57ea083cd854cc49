"""Reference-data checks for imports: ISO countries, EU VAT check digits, email syntax.

Implements the domain's `Normalisers` port with pycountry, python-stdnum (through
`store.identity.vat_numbers`) and email-validator. Each answer is cached per distinct text,
since a file repeats the same countries; emails take a fast path for plain ASCII
addresses (a strict pattern that email-validator accepts unchanged but for the
domain's case) because calling email-validator costs ~30 µs per address, a second per
30,000 contacts."""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

import pycountry
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from domain.imports.columns import normalise_header
from domain.imports.sessions import HeadStart
from store.identity.vat_numbers import PREFIXES, VatJudge
from store.worker import Worker

# Names people write that are in none of pycountry's name fields.
_ALIASES = {"uk": "GB", "england": "GB", "greatbritain": "GB", "usa": "US", "unitedstates": "US",
            "holland": "NL", "angleterre": "GB", "etatsunis": "US", "russia": "RU",
            "southkorea": "KR", "northkorea": "KP", "vietnam": "VN", "iran": "IR",
            "syria": "SY", "bolivia": "BO", "tanzania": "TZ", "venezuela": "VE"}  # fmt: skip
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
_SPECIAL = frozenset(SPECIAL_USE_DOMAIN_NAMES)
_AS_WRITTEN = (
    rf"{_ATOM}(?:\.{_ATOM})*@(?:[a-z0-9-]{{1,63}}\.)+"
    rf"(?!(?:{'|'.join(sorted(_SPECIAL))})(?:\n|\Z))[a-z]{{2,63}}"
)
_ALL_AS_WRITTEN = re.compile(rf"{_AS_WRITTEN}(?:\n{_AS_WRITTEN})*")
_HYPHEN_EDGES = ("@-", ".-", "-.")
"""Addresses one per line that `_email`'s plain path takes exactly as written: its
pattern with the domain already in lower case and no special-use top-level domain.
Written for speed (100,000 addresses in 0.05 s): a domain label's hyphens at its ends,
and the lengths, are checked apart (`emails_as_written`), and more strictly than
needed (`.-` may be in a valid local part): a text turned down here is read alone."""
_VAT_TEXT = 24  # the longest EU VAT number is 14 characters; room for spaces and dots
_VAT_SHAPE = f"[A-Z]{{2}}[ .-]?[0-9A-Z][0-9A-Za-z .-]{{1,{_VAT_TEXT - 4}}}"
"""Two capitals (a member state's prefix), then digits and letters (spaces, dots, dashes
between): what a file's VAT numbers look like, and few of its other texts. Kept this
simple so that the reader's regular expression runs fast; `warm` picks the prefixes."""


def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                names.setdefault(normalise_header(name), code)
                names.setdefault(normalise_header(french.gettext(name)), code)
        names.setdefault(normalise_header(country.alpha_3), code)
    names.update(_ALIASES)
    return names


class ReferenceNormalisers:
    """The `Normalisers` port on pycountry, python-stdnum and email-validator."""

    def __init__(self, worker: Callable[[], Worker | None] | None = None) -> None:
        """`worker` gives the process that VAT numbers handed ahead go to (by default
        this process's helper, see `store.worker`); one giving None keeps them here."""
        self._codes = frozenset(country.alpha_2 for country in pycountry.countries)
        self._names = _country_names()
        self._cached_country = lru_cache(maxsize=4096)(self._country)
        self._cached_email = lru_cache(maxsize=65536)(self._email)
        self._vat = VatJudge(worker)

    def country(self, text: str) -> str | None:
        """The alpha-2 code of a code or a name in English or French; None if unknown."""
        return self._cached_country(text)

    def _country(self, text: str) -> str | None:
        stripped = text.strip()
        if stripped.upper() in self._codes and len(stripped) == 2:
            return stripped.upper()
        return self._names.get(normalise_header(stripped))

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
            if len(text) <= _VAT_TEXT and text[:2].lower() in PREFIXES
            for compact in (
                text.upper() if text.isalnum() else "".join(filter(str.isalnum, text)).upper(),
            )
            if len(compact) >= 4
        )

    def vat_none_wrong(self, numbers: Collection[str]) -> bool:
        """True when no number among these (compact, in capitals) has wrong check digits:
        a set difference with the numbers already found right, rather than a look-up per
        number (a large customer file has as many distinct numbers as rows)."""
        return self._vat.none_wrong(numbers)

    def email(self, text: str) -> str | None:
        """The normalised address when valid (domain in lower case), else None."""
        return self._cached_email(text)

    def emails_as_written(self, texts: Sequence[str]) -> bool:
        """True when `email` would give back every one of these texts as it is: one
        regular expression over the column rather than a call per address (a large
        customer file has as many distinct addresses as rows)."""
        if not texts or max(map(len, texts)) > 64:  # local part and address within limits
            return False
        joined = "\n".join(texts)
        if joined.count("\n") != len(texts) - 1 or any(e in joined for e in _HYPHEN_EDGES):
            return False  # a line break in a text; a label starting or ending with "-"
        return _ALL_AS_WRITTEN.fullmatch(joined) is not None

    @staticmethod
    def _email(text: str) -> str | None:
        text = text.strip()
        plain = _PLAIN_EMAIL.fullmatch(text)
        if plain and len(plain[1]) <= 64 and len(text) <= 254:
            domain = plain[2].lower()
            if domain.rsplit(".", 1)[-1] not in _SPECIAL:
                return f"{plain[1]}@{domain}"
        try:
            return validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError:
            return None
