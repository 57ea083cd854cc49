"""Why email-validator refused an address, as a sentence each reader reads in their
language.

email-validator words its refusals in English only; a French or Danish user must not
read them verbatim. Each of its refusals is matched here to a translatable clause that
says the same (in English, the words it has always shown), keeping the characters or
counts it names; a refusal this table does not know reads as the general one of its
part of the address.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from domain.texts import Text, _, ngettext

_Reason = Callable[[re.Match[str]], Text]


def _too_long(where: str) -> _Reason:
    def reason(match: re.Match[str]) -> Text:
        n = int(match["n"])
        if where == "before":
            return ngettext(
                "the email address is too long before the @-sign ({n} character too many)",
                "the email address is too long before the @-sign ({n} characters too many)",
                n,
            )
        if where == "after":
            return ngettext(
                "the email address is too long after the @-sign ({n} character too many)",
                "the email address is too long after the @-sign ({n} characters too many)",
                n,
            )
        return ngettext(
            "the email address is too long ({n} character too many)",
            "the email address is too long ({n} characters too many)",
            n,
        )

    return reason


_TOO_MANY = r" \((?P<n>\d+) characters? too many\)\."
_REASONS: tuple[tuple[re.Pattern[str], _Reason], ...] = tuple(
    (re.compile(pattern, re.DOTALL), reason)
    for pattern, reason in (
        (r"An email address must have an @-sign\.",
         lambda m: _("an email address must have an @-sign")),
        (r"There must be something after the @-sign\.",
         lambda m: _("there must be something after the @-sign")),
        (r"There must be something before the @-sign\.",
         lambda m: _("there must be something before the @-sign")),
        (r"The part after the @-sign is not valid\. It should have a period\.",
         lambda m: _("the part after the @-sign is not valid; it should have a period")),
        (r"The part after the @-sign is not valid\. It is not within a valid top-level domain\.",
         lambda m: _("the part after the @-sign is not valid; it is not within a valid "
                     "top-level domain")),
        (r"An email address cannot have two periods in a row\.",
         lambda m: _("an email address cannot have two periods in a row")),
        (r"An email address cannot start with a period\.",
         lambda m: _("an email address cannot start with a period")),
        (r"An email address cannot end with a period\.",
         lambda m: _("an email address cannot end with a period")),
        (r"An email address cannot end with a hyphen\.",
         lambda m: _("an email address cannot end with a hyphen")),
        (r"An email address cannot have a period immediately before the @-sign\.",
         lambda m: _("an email address cannot have a period immediately before the @-sign")),
        (r"An email address cannot have a period immediately after the @-sign\.",
         lambda m: _("an email address cannot have a period immediately after the @-sign")),
        (r"An email address cannot have a hyphen immediately after the @-sign\.",
         lambda m: _("an email address cannot have a hyphen immediately after the @-sign")),
        (r"An email address cannot have a period and a hyphen next to each other\.",
         lambda m: _("an email address cannot have a period and a hyphen next to each other")),
        ((r"The email address contains (?:invalid|unsafe) characters(?: in quotes)? before the "
         r"@-sign: (?P<chars>.+)\."),
         lambda m: _("the email address contains invalid characters before the @-sign: "
                     "{chars}", chars=m["chars"])),
        (r"The part after the @-sign contains invalid characters: (?P<chars>.+)\.",
         lambda m: _("the part after the @-sign contains invalid characters: {chars}",
                     chars=m["chars"])),
        (r"The email address contains unsafe characters: (?P<chars>.+)\.",
         lambda m: _("the email address contains unsafe characters: {chars}",
                     chars=m["chars"])),
        (r"The email address is too long before the @-sign" + _TOO_MANY, _too_long("before")),
        (r"The email address is too long after the @-sign" + _TOO_MANY, _too_long("after")),
        (r"The email address is too long" + _TOO_MANY, _too_long("whole")),
        ((r"A display name and angle brackets around the email address are not permitted "
         r"here\."),
         lambda m: _("a display name and angle brackets around the email address are not "
                     "permitted here")),
        (r"Quoting the part before the @-sign is not allowed here\.",
         lambda m: _("quoting the part before the @-sign is not allowed here")),
        (r"A bracketed IP address after the @-sign is not allowed here\.",
         lambda m: _("a bracketed IP address after the @-sign is not allowed here")),
        (r"The email address has the .+ character instead of a regular at-sign\.",
         lambda m: _("the email address has another character instead of a regular @-sign")),
        (r"The part after the @-sign is a special-use or reserved name .*",
         lambda m: _("the part after the @-sign is a special-use or reserved name that "
                     "cannot be used with email")),
        (r"The part after the @-sign .*|After the @-sign.*|.* after the @-sign.*",
         lambda m: _("the part after the @-sign is not a valid domain name")),
    )
)  # fmt: skip


def email_reason(message: str) -> Text:
    """The clause saying what email-validator's English `message` says."""
    for pattern, reason in _REASONS:
        match = pattern.fullmatch(message.strip())
        if match:
            return reason(match)
    return _("it is not written the way an email address is written")
