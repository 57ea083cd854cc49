"""Whether a customer's reply to a quote says yes.

Only what the customer wrote counts (the mail edge has removed what it quotes and the
signature). The reply's first line says yes when it is one of the words of agreement,
alone or followed by thanks or a greeting ("OK", "OK merci", "Bon pour accord.",
"Ja tak!", "je valide le devis"); a question, a "but" or a "not" makes it something
to read by a person, never a yes: a wrong yes confirms an order, a missed one only
waits for a rep.
"""

from __future__ import annotations

import re
import unicodedata

YES = (
    "ok",
    "okay",
    "accepted",
    "i accept",
    "we accept",
    "agreed",
    "approved",
    "go",
    "go ahead",
    "bon pour accord",
    "bon pour accord et commande",
    "accord",
    "d accord",
    "je valide",
    "nous validons",
    "valide",
    "accepte",
    "j accepte",
    "ja tak",
    "ja",
    "accepteret",
    "godkendt",
    "vi accepterer",
)
# Words that, anywhere in the first line, make a reply not a plain yes.
_DOUBT = re.compile(
    r"\b(?:not|no|but|however|if|lower|discount|cheaper|change|pas|mais|sauf|si|moins|"
    r"remise|baisser|ikke|men|hvis|rabat|nej)\b"
)
_NOT_A_WORD = re.compile(r"[^\w]+")
_LONGEST_FIRST = sorted(YES, key=len, reverse=True)
_MAX_WORDS_AFTER = 6  # "OK, merci beaucoup et bonne journée" still says yes


def _plain(text: str) -> str:
    # accents off and punctuation to spaces: "Accepté !" reads as "accepte"
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_A_WORD.sub(" ", bare).split())


def says_yes(body: str) -> bool:
    """Whether the reply (its own words, quotes removed) accepts the quote."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines:
        return False
    first = lines[0]
    if "?" in first:
        return False
    plain = _plain(first)
    if _DOUBT.search(plain):
        return False
    for yes in _LONGEST_FIRST:
        if plain == yes or plain.startswith(yes + " "):
            rest = plain[len(yes) :].split()
            return len(rest) <= _MAX_WORDS_AFTER
    return False
