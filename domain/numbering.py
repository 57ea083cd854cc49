"""How documents are numbered: one counter per kind of document, shown in the kind's style.

Orders, invoices, work orders, returns and credit notes each have a counter (the store
keeps one row per `DocumentKind`). A code is the kind's prefix followed by the counter's
next value padded with zeros to the kind's width (`SO-` and 5: `SO-00042`; a number
longer than the width is written whole). Prefix and width are settings and shape only
the codes made from then on: a code once given never changes, and the counter never goes
back. A code already taken by a document of the same kind (an order code typed by hand,
or one an earlier style happened to make) is passed over by the counter, so it is never
handed out twice.

An order code typed by hand (`code:` on `/order new`) is read by `typed_order_code`:
trimmed, upper-cased, bounded in length and characters, so it compares without case and
reads the same at every door.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from domain import bounds
from domain.errors import ValidationFailed
from domain.orders.refusals import refused
from domain.texts import Text, _


class DocumentKind(StrEnum):
    """A kind of numbered document; the value names its counter in the store."""

    ORDER = "SO"
    INVOICE = "INV"
    WORK_ORDER = "WO"
    RETURN = "RMA"
    CREDIT_NOTE = "CN"


PREFIX_LENGTH = 12
"""At most this many characters in a prefix, so that prefix and number fit a code."""
WIDTH_RANGE = (1, 10)
"""A number is padded to at least 1 and at most 10 digits (a counter's whole range)."""
CODE_CHARACTERS = "letters A to Z, digits, '-', '_', '/' and '.'"
_PREFIX = re.compile(r"[A-Z0-9._/-]*")
_TYPED_CODE = re.compile(r"[A-Z0-9][A-Z0-9._/-]*")


# The names of each kind's prefix and width, as a refusal of a setting names them; their
# English is the field key of the refusal (`order number prefix`).
_LABELS: dict[DocumentKind, tuple[Text, Text]] = {
    DocumentKind.ORDER: (_("order number prefix"), _("order number width")),
    DocumentKind.INVOICE: (_("invoice number prefix"), _("invoice number width")),
    DocumentKind.WORK_ORDER: (_("work order number prefix"), _("work order number width")),
    DocumentKind.RETURN: (_("return number prefix"), _("return number width")),
    DocumentKind.CREDIT_NOTE: (_("credit note number prefix"), _("credit note number width")),
}


@dataclass(frozen=True)
class NumberStyle:
    """How the codes of one kind are written: prefix, then the number on `width` digits."""

    kind: DocumentKind
    prefix: str
    width: int = 5

    def __post_init__(self) -> None:
        prefix_label, width_label = _LABELS[self.kind]
        if len(self.prefix) > PREFIX_LENGTH or not _PREFIX.fullmatch(self.prefix.upper()):
            problem = _(
                "{prefix} must be at most {limit} characters among letters A to Z, digits, "
                "'-', '_', '/' and '.'",
                prefix=repr(self.prefix), limit=PREFIX_LENGTH,
            )  # fmt: skip
            raise ValidationFailed.field(prefix_label, problem, "numbering.bad_prefix")
        low, high = WIDTH_RANGE
        if not low <= self.width <= high:
            raise ValidationFailed.field(
                width_label,
                _("{width} must be between {low} and {high}", width=self.width, low=low, high=high),
                "numbering.bad_width",
            )
        object.__setattr__(self, "prefix", self.prefix.upper())

    def code(self, number: int) -> str:
        """The code of a counter value, e.g. 42 -> SO-00042."""
        return f"{self.prefix}{number:0{self.width}d}"

    def number_of(self, code: str) -> int | None:
        """The counter value a code of this style was made from; None for another code."""
        digits = code[len(self.prefix) :] if code.upper().startswith(self.prefix) else ""
        return int(digits) if digits.isdigit() else None


def _defaults() -> dict[DocumentKind, NumberStyle]:
    return {kind: NumberStyle(kind, f"{kind.value}-") for kind in DocumentKind}


@dataclass(frozen=True)
class Numbering:
    """The style of every kind (today's `SO-00001`, `INV-00001`... unless set otherwise)."""

    styles: Mapping[DocumentKind, NumberStyle] = field(default_factory=_defaults)

    def __getitem__(self, kind: DocumentKind) -> NumberStyle:
        return self.styles.get(kind) or _defaults()[kind]

    def order_prefixes(self) -> tuple[str, ...]:
        """The prefixes an order's code may have: today's, and the default one (the
        codes made before another was set)."""
        return tuple(dict.fromkeys((self[DocumentKind.ORDER].prefix, "SO-")))

    @classmethod
    def of(cls, *styles: NumberStyle) -> Numbering:
        """The default styles with these ones instead."""
        return cls({**_defaults(), **{style.kind: style for style in styles}})


def typed_order_code(text: str) -> str:
    """An order code typed by hand, upper-cased; ValidationFailed naming the rule otherwise."""
    code = text.strip().upper()
    if not code or len(code) > bounds.ORDER_CODE:
        problem = _(
            "'{typed}' must be 1 to {limit} characters long",
            typed=text.strip(),
            limit=bounds.ORDER_CODE,
        )
        raise refused("code", problem, "order.code_invalid")
    if not _TYPED_CODE.fullmatch(code):
        problem = _(
            "'{typed}' may hold only letters A to Z, digits, '-', '_', '/' and '.', and must "
            "begin with a letter or a digit",
            typed=text.strip(),
        )
        raise refused("code", problem, "order.code_invalid")
    return code


def code_taken(code: str) -> ValidationFailed:
    """The refusal of an order code another order holds (compared without case)."""
    problem = _(
        "{code} is already the code of an order (codes are compared without case); "
        "choose another or leave code: out to get the next number",
        code=code,
    )
    return refused("code", problem, "order.code_taken")
