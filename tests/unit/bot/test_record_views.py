"""What an order says of the orders made from it: each once, in words for its relation."""

from __future__ import annotations

from bot.views.records import related_lines
from domain.records.ports import RelatedOrder

MERGED = RelatedOrder("SO-00002", "merged-into", "cancelled")
RETURN = RelatedOrder("SO-00003", "return-of", "draft")
OTHER = RelatedOrder("SO-00004", "", "confirmed")


def test_children_are_named_by_their_relation() -> None:
    expected = (
        "  Orders made from this one: SO-00002 (merged into this one, cancelled), "
        "SO-00003 (a return of this one, draft), SO-00004 (confirmed)"
    )
    assert related_lines((MERGED, RETURN, OTHER), []) == [expected]


def test_an_absorbed_order_is_not_named_twice() -> None:
    assert related_lines((MERGED, RETURN), ["SO-00002"]) == [
        "  Orders made from this one: SO-00003 (a return of this one, draft)"
    ]
    assert related_lines((MERGED,), ["SO-00002"]) == []
