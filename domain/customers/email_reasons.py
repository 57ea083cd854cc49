"""Why email-validator refused an address, said in one of orderbot's own sentences.

email-validator explains a refusal in English only; the identity rule quotes the
explanation inside a sentence the reader reads in their language, so each explanation it
gives is matched here to a translatable sentence (its English words kept, the bad
characters it names passed on as they are). An explanation not known here (a later
version's) is said in general words rather than in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from domain.texts import Text, _

_Reason = Callable[[re.Match[str]], Text]

_REASONS: tuple[tuple[re.Pattern[str], _Reason], ...] = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"An email address must have an @-sign\.",
         lambda m: _("an email address must have an @-sign")),
        (r"There must be something before the @-sign\.",
         lambda m: _("there must be something before the @-sign")),
        (r"There must be something after the @-sign\.",
         lambda m: _("there must be something after the @-sign")),
        (r"There can't be anything after the email address\.",
         lambda m: _("there can't be anything after the email address")),
        (r"The email address contains invalid characters before the @-sign: (.+)\.",
         lambda m: _("the email address contains invalid characters before the @-sign: "
                     "{characters}", characters=m[1])),
        (r"The part after the @-sign contains invalid characters: (.+)\.",
         lambda m: _("the part after the @-sign contains invalid characters: {characters}",
                     characters=m[1])),
        ((r"The email address contains (?:an )?invalid characters? before the @-sign\.|"
         r"Internationalized characters before the @-sign are not supported"),
         lambda m: _("the email address contains invalid characters before the @-sign")),
        ((r"The part after the @-sign (?:contains invalid characters|is not valid IDNA|"
         r"became invalid)"),
         lambda m: _("the part after the @-sign contains invalid characters")),
        (r"An email address cannot have two periods in a row\.",
         lambda m: _("an email address cannot have two periods in a row")),
        (r"An email address cannot have a period and a hyphen next to each other\.",
         lambda m: _("an email address cannot have a period and a hyphen next to each other")),
        (r"An email address cannot start with a period\.",
         lambda m: _("an email address cannot start with a period")),
        (r"An email address cannot have a period immediately before the @-sign\.",
         lambda m: _("an email address cannot have a period immediately before the @-sign")),
        (r"An email address cannot have a period immediately after the @-sign\.",
         lambda m: _("an email address cannot have a period immediately after the @-sign")),
        (r"An email address cannot have a hyphen immediately after the @-sign\.",
         lambda m: _("an email address cannot have a hyphen immediately after the @-sign")),
        (r"An email address cannot end with a period\.",
         lambda m: _("an email address cannot end with a period")),
        (r"An email address cannot end with a hyphen\.",
         lambda m: _("an email address cannot end with a hyphen")),
        (r"The part after the @-sign is not valid\. It should have a period\.",
         lambda m: _("the part after the @-sign is not valid; it should have a period")),
        (r"The part after the @-sign is not valid\. It is not within a valid top-level",
         lambda m: _("the part after the @-sign is not valid; it is not within a valid "
                     "top-level domain")),
        (r"The part after the @-sign is a special-use or reserved name",
         lambda m: _("the part after the @-sign is a special-use or reserved name that "
                     "cannot be used with email")),
        (r"The email address is too long before the @-sign",
         lambda m: _("the email address is too long before the @-sign")),
        (r"The email address is too long after the @-sign|After the @-sign, periods",
         lambda m: _("the email address is too long after the @-sign")),
        (r"The email address is too long",
         lambda m: _("the email address is too long")),
        (r"(?:A|The) (?:bracketed|address in brackets|IPv6|part after the @-sign in brack)",
         lambda m: _("a bracketed IP address after the @-sign is not allowed here")),
        (r"A display name and angle brackets",
         lambda m: _("a display name and angle brackets around the email address are not "
                     "permitted here")),
    )
)  # fmt: skip


def reason(explanation: str) -> Text:
    """email-validator's English `explanation` as a translatable clause."""
    for pattern, said in _REASONS:
        found = pattern.match(explanation)
        if found:
            return said(found)
    return _("it is not written the way an email address is")
