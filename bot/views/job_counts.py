"""The counts a job run or a digest is summed up by, each a whole phrase with its own
plural forms ("1 order created", "3 orders created").

A line with several counts is made of these pieces joined by " · ", a separator no
language reads, so each count agrees with its own number and no word is glued.
"""

from __future__ import annotations

from l10n.formats import Formats
from l10n.translation import ngettext

SEPARATOR = " · "


def counted(*pieces: str) -> str:
    """Counts one after the other."""
    return SEPARATOR.join(pieces)


def processed(n: int, f: Formats) -> str:
    """How many records a run went through."""
    # Translators: records a job run went through ("1 200 traités").
    return ngettext("{count} processed", "{count} processed", n, count=f.number(n))


def orders_created(n: int, f: Formats) -> str:
    """How many orders runs made."""
    return ngettext("{count} order created", "{count} orders created", n, count=f.number(n))


def orders(n: int, f: Formats) -> str:
    """How many orders a run made, in a line already saying what the run did."""
    return ngettext("{count} order", "{count} orders", n, count=f.number(n))


def errors(n: int, f: Formats) -> str:
    """How many errors a run counted."""
    return ngettext("{count} error", "{count} errors", n, count=f.number(n))


def runs_since(n: int, f: Formats) -> str:
    """How many runs a digest covers."""
    return ngettext(
        "{count} run since the last digest",
        "{count} runs since the last digest",
        n,
        count=f.number(n),
    )


def failed_or_partial(n: int, f: Formats) -> str:
    """How many of a digest's runs failed or did part of their work."""
    # Translators: job runs that failed or did only part of their work.
    return ngettext("{count} failed or partial", "{count} failed or partial", n, count=f.number(n))


def dead_messages(n: int, f: Formats) -> str:
    """How many messages could not be sent."""
    return ngettext("{count} dead message", "{count} dead messages", n, count=f.number(n))


def subscriptions_ended(n: int, f: Formats) -> str:
    """How many subscriptions ended."""
    return ngettext(
        "{count} subscription ended", "{count} subscriptions ended", n, count=f.number(n)
    )
