"""Which language a mail is written in: English, French or Danish, or unsure.

A customer whose language nobody chose is answered in the language of the mail they
write (and then keeps it), so the mail edge tells the domain what that is, as a field of
`MailIn`. py3langid's naive Bayes model (a few MB, loaded once per process on first use)
is asked to choose among orderbot's three languages only; a text too short or too mixed
to tell (a bare `ABC-1 x 12`) gives None, and the customer is answered in the default
language and keeps none.
"""

from __future__ import annotations

import re
import threading
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from l10n.translation import LANGUAGES

SURE = 0.9
"""The probability below which the mail's language is not taken (normalised among the three)."""
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 3
"""Fewer words than this say nothing about a language (codes and numbers are not words)."""
_lock = threading.Lock()


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def written_in(text: str) -> str | None:
    """The language `text` is written in, among en, fr and da; None when unsure."""
    if len(_LETTERS.findall(text)) < _MIN_WORDS:
        return None
    with _lock:  # mails are parsed in worker threads; the model is loaded once
        language, probability = _identifier().classify(text[:4000])
    return str(language) if probability >= SURE and language in LANGUAGES else None
