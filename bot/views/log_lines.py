"""One entry of a log (an order's history, a customer's changes, a case's log) as a
whole sentence: when, who, and what was said, so that each language places the colon
its own way."""

from __future__ import annotations

from l10n.translation import gettext


def log_line(at: str, who: str, said: str) -> str:
    """`at` (already formatted) and `who` before what was said."""
    # Translators: one entry of a history, e.g. "2026-12-07 17:25 root: Order confirmed."
    return gettext("{at} {who}: {said}", at=at, who=who, said=said)
