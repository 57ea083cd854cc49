"""Every refusal of the orders (domain/orders/, bounds, numbering, money) is a sentence to
translate: none is raised with a plain string or an f-string as its message, which a
French or Danish reader would read in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from domain.errors import MergeRefused, ValidationFailed
from domain.orders.refusals import refused
from domain.texts import _

ROOT = Path(__file__).resolve().parents[3] / "domain"
MODULES = sorted((ROOT / "orders").glob("*.py")) + [
    ROOT / name for name in ("bounds.py", "numbering.py", "money.py")
]

# The refusals, and where their message is: (positional index, keyword).
MESSAGE_OF = {
    "DomainError": (1, "message"),
    "InvalidTransition": (1, "message"),
    "ValidationFailed": (1, "message"),
    "field": (1, "message"),  # ValidationFailed.field
    "MergeRefused": (1, "message"),
    "JobSkipped": (1, "message"),
    "Forbidden": (1, "message"),
    "refused": (1, "problem"),
    "NotFound": (3, "said"),
    "refusal": (0, "message"),
}


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _plain(node: ast.expr) -> bool:
    """A string written in the code: a constant, an f-string, or one glued with `+`/`%`."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _plain(node.left) or _plain(node.right)
    return False


def plain_messages(source: str) -> list[tuple[int, str]]:
    """(line, call) of every refusal in `source` whose message is a plain string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _called(node) not in MESSAGE_OF:
            continue
        index, keyword = MESSAGE_OF[_called(node)]
        given = node.args[index] if len(node.args) > index else None
        given = next((k.value for k in node.keywords if k.arg == keyword), given)
        if given is not None and _plain(given):
            found.append((node.lineno, ast.unparse(node.func)))
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(ROOT.parent)))
def test_no_refusal_of_the_orders_is_a_plain_string(module: Path) -> None:
    assert plain_messages(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        'raise ValidationFailed.field("quantity", f"{q} must be more than 0", "x")',
        'raise InvalidTransition("order.x", "SO-1 is draft.")',
        'raise MergeRefused("same_order", f"{a} cannot be merged with itself.")',
        'raise NotFound("line", key, said="No line 3.")',
        'raise refused("quantity", "must be " + str(n), "x")',
    ],
)
def test_the_walk_finds_a_plain_message(source: str) -> None:
    assert len(plain_messages(source)) == 1


def test_the_walk_lets_a_sentence_pass() -> None:
    source = 'raise ValidationFailed.field("quantity", _("{q} must be more", q=q), "x")'
    assert plain_messages(source) == []


def test_a_field_refusal_keeps_the_field_key_and_its_english() -> None:
    problem = _("{quantity} must be more than 0", quantity=0)
    made = refused("quantity", problem, "order.quantity_invalid")
    plain = ValidationFailed.field("quantity", problem, "order.quantity_invalid")
    assert (made.code, made.message, made.errors) == (plain.code, plain.message, plain.errors)


def test_a_merge_refusal_says_its_sentence() -> None:
    said = _("{code} cannot be merged with itself.", code="SO-00001")
    made = MergeRefused("same_order", said)
    assert isinstance(made, MergeRefused)
    assert (made.code, made.reason, made.message, made.text) == (
        "merge.same_order",
        "same_order",
        "SO-00001 cannot be merged with itself.",
        said,
    )
