"""Which kind of spreadsheet each user said comes next (`/customer import` and the like).

Kept in memory: an announcement only lives until that user's next upload, and a file
sent without one is judged by its name.
"""

from __future__ import annotations


class Intents:
    """Which kind of file each user announced with `/customer import` and the like."""

    def __init__(self) -> None:
        self._kinds: dict[str, str] = {}

    def expect(self, user: str, kind: str) -> None:
        """The next file of `user` is of this kind."""
        self._kinds[user] = kind

    def take(self, user: str, filename: str) -> str:
        """The kind of the file `user` just sent."""
        kind = self._kinds.pop(user, None)
        if kind is not None:
            return kind
        name = filename.lower()
        if "order" in name or "commande" in name:
            return "orders"
        if "product" in name or "produit" in name:
            return "products"
        return "customers"
