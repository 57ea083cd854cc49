"""Tracking links: the unguessable, signed, revocable and expiring link to an order's page.

A link's token is derived, never stored: `token = HMAC-SHA256(secret, salt)` where the
salt is 128 random bits kept on the `TrackingToken` row. The row keeps only the salt and
`sha256(token)` (to find the row from a link), so the database alone cannot rebuild a
link (that needs the secret), yet the bot can show a rep the very link the customer got
("view as customer") and put it in every mail rendered at send time. Changing the
secret makes every link invalid at once. Revoking marks the row; the page then answers
like for any unknown token. A link expires `days` after it was last handed out.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

SALT_BYTES = 16  # 128 random bits per link
TOKEN_CHARS = 43  # base64url of the 32-byte HMAC, unpadded

RandomBytes = Callable[[int], bytes]


def token_hash(token: str) -> str:
    """The stored fingerprint of a token (hex SHA-256)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_token(text: str) -> bool:
    """Whether `text` has a token's shape (43 base64url characters)."""
    return len(text) == TOKEN_CHARS and all(ch.isalnum() or ch in "-_" for ch in text)


@dataclass(eq=False)
class TrackingToken:
    """One tracking link of one order: its salt, its token's hash, and its life."""

    order_code: str
    salt: str  # hex
    token_hash: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    id: int | None = None

    def is_valid(self, now: datetime) -> bool:
        """Neither revoked nor expired at `now`."""
        return self.revoked_at is None and now < self.expires_at

    def extend(self, now: datetime, days: int) -> None:
        """Keep the link alive `days` from `now` (each mail carrying it renews it)."""
        self.expires_at = max(self.expires_at, now + timedelta(days=days))

    def revoke(self, now: datetime) -> None:
        """Make the link invalid for good."""
        if self.revoked_at is None:
            self.revoked_at = now


class TrackingLinks:
    """Mints links and rebuilds their URLs; the secret and the random source are injected."""

    def __init__(
        self, secret: bytes, random_bytes: RandomBytes, public_url: str, days: int = 90
    ) -> None:
        if len(secret) < 16:
            raise ValueError("the tracking secret must be at least 16 bytes")
        if days < 1:
            raise ValueError("tracking links must live at least one day")
        self._secret = secret
        self._random = random_bytes
        self.public_url = public_url.rstrip("/")
        self.days = days

    def token_for(self, salt: str) -> str:
        """The token of a link, from its salt."""
        digest = hmac.new(self._secret, bytes.fromhex(salt), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    def url_for(self, salt: str) -> str:
        """The public URL of a link, from its salt."""
        return f"{self.public_url}/t/{self.token_for(salt)}"

    def mint(self, order_code: str, now: datetime) -> TrackingToken:
        """A new link for an order, valid `days` from `now`."""
        salt = self._random(SALT_BYTES)
        if len(salt) != SALT_BYTES:
            raise ValueError(f"the random source gave {len(salt)} bytes, not {SALT_BYTES}")
        token = self.token_for(salt.hex())
        return TrackingToken(
            order_code=order_code,
            salt=salt.hex(),
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(days=self.days),
        )


class TrackingTokenRepository(Protocol):
    """The tracking links of orders."""

    def add(self, token: TrackingToken) -> None: ...
    def of_order(self, order_code: str) -> Sequence[TrackingToken]: ...


class TrackingReadView(Protocol):
    """What the tracking page reads: the page data of a valid token, or None."""

    def page(self, token: str, now: datetime) -> dict[str, Any] | None:
        """The order summary behind `token`; None when unknown, revoked or expired."""
        ...


def current_link(
    tokens: Sequence[TrackingToken], links: TrackingLinks, order_code: str, now: datetime
) -> tuple[TrackingToken, bool]:
    """The order's newest valid link renewed, or a new one; True when it is new."""
    valid = [t for t in tokens if t.is_valid(now)]
    if valid:
        newest = max(valid, key=lambda t: (t.created_at, t.id or 0))
        newest.extend(now, links.days)
        return newest, False
    return links.mint(order_code, now), True
