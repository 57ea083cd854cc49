"""The identity rule: what makes a customer's email, VAT number, country, phone and
postal code right (a postal code in its address's country), and the one form each is
kept in.

Every door (the console and Slack commands, the customer import, the mail intake)
calls these functions, so the same text gets the same verdict and the same message
wherever it is typed. A `judge_*` function answers with the normalised value or a
`Refusal` (a stable code and a reason naming the value and what was wrong); the
function of the same name without `judge_` raises the refusal as `ValidationFailed` on
a field. Answers are cached per distinct text, since an import runs 100,000 rows
through them and repeats the same countries.

Reserved domains: the top-level names set aside so that they never reach a mail
server (`.invalid`, `.localhost`, `.local`, `.onion`, `.arpa`) and bare hosts
(`a@b`, `x@localhost`) are refused. The names reserved for tests and documentation,
`.test` and `.example` (with example.com, .net and .org), are accepted: people try
orderbot, write its documentation and run its tests with them, and nothing is lost when
a mail to them goes nowhere. See "Customers" in docs/orders.md.

The libraries used here (email-validator without its deliverability check,
python-stdnum, phonenumbers, pycountry) are pure: no I/O, only reference data shipped
with them, so they may stand in the domain (the import contract says so).
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email
from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from domain import bounds
from domain.customers.email_reasons import email_reason
from domain.customers.postal_codes import FORMS
from domain.errors import ValidationFailed
from domain.texts import Text, _

RESERVED_TLDS = frozenset({"invalid", "localhost", "local", "onion", "arpa"})
"""Top-level names that never receive mail: refused with the reason "reserved"."""
POSTAL_CODE_MAX = bounds.POSTAL_CODE
"""The longest postal code kept (the database column's width)."""
VAT_PREFIXES = frozenset({*eu_vat.MEMBER_STATES, "el"})
"""Lower-case country prefixes of EU VAT numbers ("el" is Greece's)."""

# Names people write that are in none of pycountry's name fields.
_ALIASES = {"uk": "GB", "england": "GB", "greatbritain": "GB", "usa": "US", "unitedstates": "US",
            "holland": "NL", "angleterre": "GB", "etatsunis": "US", "russia": "RU",
            "southkorea": "KR", "northkorea": "KP", "vietnam": "VN", "iran": "IR",
            "syria": "SY", "bolivia": "BO", "tanzania": "TZ", "venezuela": "VE"}  # fmt: skip
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
PLAIN_EMAIL = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
"""An ASCII address that email-validator takes unchanged but for the domain's case: read
without it (it costs ~30 µs an address). Its local part (64 at most) and Punycode
labels (which email-validator writes in Unicode) are checked apart."""
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a value was refused: a stable code, and a reason naming the value."""

    code: str
    reason: Text

    def error(self, field: str) -> ValidationFailed:
        """The refusal as a `ValidationFailed` on `field`."""
        return ValidationFailed.field(field, self.reason, self.code)


def _raise_on(field: str, judged: str | Refusal) -> str:
    if isinstance(judged, Refusal):
        raise judged.error(field)
    return judged


# --- email --------------------------------------------------------------------------------


def email_taken(address: str, owner: str) -> Refusal:
    """An address already held by another customer's contact."""
    return Refusal(
        "contact.email_taken",
        _("{address} is already the contact of customer {owner}", address=address, owner=owner),
    )


@lru_cache(maxsize=1 << 17)
def judge_email(text: str) -> str | Refusal:
    """The address normalised (its domain in lower case), or why it is refused."""
    text = text.strip()
    domain = text.rpartition("@")[2].rstrip(".").lower()
    if "@" in text and domain.rpartition(".")[2] in RESERVED_TLDS:
        why = _("its domain {domain} is reserved and never receives mail", domain=domain)
        return Refusal("identity.email_reserved", _not_email(text, why))
    plain = PLAIN_EMAIL.fullmatch(text)
    if plain and len(plain[1]) <= 64 and len(text) <= 254 and "xn--" not in plain[2].lower():
        return f"{plain[1]}@{plain[2].lower()}"
    return _validated(text)


def _validated(text: str) -> str | Refusal:
    """email-validator's verdict: syntax only, `.test` allowed, a dot after the @-sign."""
    try:
        found = validate_email(text, check_deliverability=False, test_environment=True)
    except EmailNotValidError as error:
        return Refusal("identity.email_invalid", _not_email(text, email_reason(str(error))))
    if "." not in found.ascii_domain:  # the test environment lets a bare `test` through
        why = email_reason("The part after the @-sign is not valid. It should have a period.")
        return Refusal("identity.email_invalid", _not_email(text, why))
    return str(found.normalized)


def _not_email(text: str, why: Text) -> Text:
    return _("{value} is not a valid email address ({why})", value=repr(text), why=why)


def _not_phone(text: str, why: Text) -> Text:
    return _("{value} is not a valid phone number ({why})", value=repr(text), why=why)


def email(text: str, field: str = "email") -> str:
    """`judge_email`, raising its refusal on `field`; empty stays empty."""
    return _raise_on(field, judge_email(text)) if text.strip() else ""


def email_key(text: str) -> str:
    """What two addresses are compared by: the normalised address in lower case (the text
    itself, stripped and lower-cased, when it is not a valid address)."""
    judged = judge_email(text)
    return (text.strip() if isinstance(judged, Refusal) else judged).lower()


# --- VAT numbers --------------------------------------------------------------------------


@cache
def _vat_module(prefix: str) -> Any:
    return get_cc_module("gr" if prefix == "el" else prefix, "vat") or eu_vat


def compact_vat(text: str) -> str:
    """A VAT number without spaces, dots or dashes, in capitals."""
    return text.upper() if text.isalnum() else "".join(filter(str.isalnum, text)).upper()


def vat_check_digits(number: str) -> bool | None:
    """Check digits of a compact EU VAT number in capitals; None when not an EU one."""
    prefix = number[:2].lower()
    if len(number) < 4 or prefix not in VAT_PREFIXES:
        return None
    # The country's own module, as eu.vat would pick it, minus its second clean-up.
    return bool(_vat_module(prefix).is_valid(number))


@lru_cache(maxsize=1 << 17)
def judge_vat(text: str) -> str | Refusal:
    """The number compact and in capitals; an EU number must have right check digits."""
    text = text.strip()
    number = compact_vat(text)
    if vat_check_digits(number) is not False:
        return number
    why = _("wrong check digits")
    try:
        _vat_module(number[:2].lower()).validate(number)
    except InvalidChecksum:
        pass
    except InvalidLength:
        why = _("wrong number of characters for {country}", country=number[:2])
    except ValidationError:
        why = _("wrong format for {country}", country=number[:2])
    return Refusal(
        "identity.vat_invalid",
        _("{value} is not a valid EU VAT number ({why})", value=repr(text), why=why),
    )


def vat_number(text: str, field: str = "vat_number") -> str:
    """`judge_vat`, raising its refusal on `field`; empty stays empty."""
    return _raise_on(field, judge_vat(text)) if text.strip() else ""


# --- countries ----------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case letters and digits without accents: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in no_marks.casefold() if ch.isalnum())


@cache
def _countries() -> tuple[frozenset[str], dict[str, str]]:
    """The alpha-2 codes, and the code of every name (English, French, Danish, alpha-3,
    alias); a name two languages give two countries keeps the first language's."""
    names: dict[str, str] = {}
    local = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
             for lang in ("fr", "da")]  # fmt: skip
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                names.setdefault(fold(name), code)
                for translation in local:
                    names.setdefault(fold(translation.gettext(name)), code)
        names.setdefault(fold(country.alpha_3), code)
    names.update(_ALIASES)
    return frozenset(country.alpha_2 for country in pycountry.countries), names


@lru_cache(maxsize=4096)
def judge_country(text: str) -> str | Refusal:
    """The ISO 3166 alpha-2 code of a code (any case) or a name in English, French or
    Danish."""
    stripped = text.strip()
    codes, names = _countries()
    if len(stripped) == 2 and stripped.upper() in codes:
        return stripped.upper()
    found = names.get(fold(stripped))
    if found is None:
        return Refusal(
            "identity.country_unknown",
            _("{value} is not a country (use a code such as FR)", value=repr(stripped)),
        )
    return found


def country(text: str, field: str = "country") -> str:
    """`judge_country`, raising its refusal on `field`; empty stays empty."""
    return _raise_on(field, judge_country(text)) if text.strip() else ""


# --- phones -------------------------------------------------------------------------------

_NO_REGION = phonenumbers.NumberParseException.INVALID_COUNTRY_CODE
_PARSE_ERRORS = {
    _NO_REGION: _("unknown country code"),
    phonenumbers.NumberParseException.NOT_A_NUMBER: _("not a telephone number"),
    phonenumbers.NumberParseException.TOO_LONG: _("too long"),
}
_NATIONAL = _(
    "a national number needs the address's country; or write it with its country code, "
    "such as +33 1 42 68 53 00"
)
_TOO = {
    phonenumbers.ValidationResult.TOO_SHORT: _("too short"),
    phonenumbers.ValidationResult.TOO_LONG: _("too long"),
    phonenumbers.ValidationResult.INVALID_LENGTH: _("wrong number of digits"),
}


@lru_cache(maxsize=1 << 15)
def judge_phone(text: str, region: str = "") -> str | Refusal:
    """The number in international form (+33 1 42 68 53 00); a national number is read
    in `region` (the address's country), and refused when there is none."""
    text = text.strip()
    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException as error:
        why = _PARSE_ERRORS.get(error.error_type, _("too short"))
        if error.error_type == _NO_REGION and not text.startswith("+"):
            why = _NATIONAL
        return Refusal("identity.phone_invalid", _not_phone(text, why))
    if not phonenumbers.is_valid_number(number):
        reason = phonenumbers.is_possible_number_with_reason(number)
        where = phonenumbers.region_code_for_country_code(number.country_code or 0)
        why = _TOO.get(reason) or _("no such number in {country}", country=where)
        return Refusal("identity.phone_invalid", _not_phone(text, why))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def phone(text: str, region: str = "", field: str = "phone") -> str:
    """`judge_phone`, raising its refusal on `field`; empty stays empty."""
    return _raise_on(field, judge_phone(text, region)) if text.strip() else ""


# --- postal codes -------------------------------------------------------------------------


@lru_cache(maxsize=1 << 15)
def judge_postal_code(text: str, country: str = "") -> str | Refusal:
    """The code as text (leading zeros kept), trimmed, inner spaces single; in a country
    whose form is known (`postal_codes.FORMS`), a code of another form is refused, and one
    of digits that lacks its leading zeros is said to have lost them."""
    code = _SPACES.sub(" ", text.strip())
    if len(code) > POSTAL_CODE_MAX:
        reason = _("{value} is too long for a postal code ({limit} characters at most)",
                   value=repr(code), limit=POSTAL_CODE_MAX)  # fmt: skip
        return Refusal("identity.postal_code_invalid", reason)
    form = FORMS.get(country.upper())
    if form is None or form.pattern.fullmatch(code):
        return code
    values = {"value": repr(code), "country": country.upper(), "words": form.words,
              "example": form.example}  # fmt: skip
    if form.digits and code.isdigit() and len(code) < form.digits:
        reason = _("{value} is not a postal code of {country} ({words}, such as {example}; if "
                   "a spreadsheet dropped its leading zero, write {padded})",
                   padded=code.zfill(form.digits), **values)  # fmt: skip
    else:
        reason = _("{value} is not a postal code of {country} ({words}, such as {example})",
                   **values)  # fmt: skip
    return Refusal("identity.postal_code_invalid", reason)


def postal_code(text: str, field: str = "postal_code", country: str = "") -> str:
    """`judge_postal_code` in `country`, raising its refusal on `field`; empty stays
    empty."""
    return _raise_on(field, judge_postal_code(text, country)) if text.strip() else ""
