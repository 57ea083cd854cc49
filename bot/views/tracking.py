"""The answers of `/order track` (an order's tracking link and how long it holds, the
links revoked) and the lines of `/outbox dead`, in the reader's language."""

from __future__ import annotations

from domain.services.tracking import DeadMessage, RevokedView, TrackingLinkView
from l10n.formats import Formats
from l10n.translation import gettext, ngettext


def tracking_text(result: TrackingLinkView | RevokedView, f: Formats) -> str:
    """The link with its end (in UTC, as links are minted), or what revoking did."""
    if isinstance(result, TrackingLinkView):
        until = gettext("valid until {moment} UTC", moment=f.datetime(result.expires_at))
        title = gettext("Tracking page of {code}:", code=result.order_code)
        return f"{title}\n{result.url}\n  {until}"
    if not result.revoked:
        return gettext(
            "{code} had no valid tracking link; nothing to revoke.", code=result.order_code
        )
    return ngettext(
        "Revoked {n} tracking link of {code}; the next mail or /order track gives a new one.",
        "Revoked {n} tracking links of {code}; the next mail or /order track gives a new one.",
        result.revoked,
        code=result.order_code,
    )


def dead_message_line(m: DeadMessage) -> str:
    """A message the outbox gave up on: what, to whom, after how many tries, and why."""
    about = f" {m.order_code}" if m.order_code else ""
    return ngettext(
        "#{id} {kind}{about} to {recipient} after {n} attempt: {error}",
        "#{id} {kind}{about} to {recipient} after {n} attempts: {error}",
        m.attempts,
        id=m.id,
        kind=m.kind,
        about=about,
        recipient=m.recipient,
        error=m.error,
    )
