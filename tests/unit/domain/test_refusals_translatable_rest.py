"""Every refusal the domain (outside its orders) gives is a translatable sentence.

Walks the modules with `ast` and fails when a refusal is built from a plain string or an
f-string: such a message reads in English whatever the reader's language. A refusal's
message is a `domain.texts.Text` (`_(...)`, `ngettext(...)`), or a value holding one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = ROOT / "domain"
# Another part of the domain, checked on its own.
ELSEWHERE = ("orders", "bounds.py", "numbering.py", "money.py")

# The refusals and where their message is: (position, keyword).
MESSAGE_AT = {
    "DomainError": (1, "message"),
    "InvalidTransition": (1, "message"),
    "ValidationFailed": (1, "message"),
    "Forbidden": (1, "message"),
    "JobBusy": (1, "message"),
    "EInvoiceInvalid": (1, "message"),
    "MergeRefused": (1, "message"),
    "field": (1, "message"),  # ValidationFailed.field(field, message, code)
    "refusal": (1, "message"),  # a family's own ValidationFailed.field
    "JobSkipped": (0, "reason"),
    "NotFound": (3, "said"),
}
# Where the field a refusal names is: its label is shown to people too.
FIELD_AT = {"field": 0, "refusal": 0}


def modules() -> list[Path]:
    found = []
    for path in sorted(DOMAIN.rglob("*.py")):
        parts = path.relative_to(DOMAIN).parts
        if parts[0] not in ELSEWHERE:
            found.append(path)
    return found


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for given in call.keywords:
        if given.arg == keyword:
            return given.value
    return call.args[position] if len(call.args) > position else None


def plain(node: ast.expr | None) -> bool:
    """A message written as a plain string: a constant, an f-string, a string glued or
    formatted, or a choice between such."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return plain(node.left) or plain(node.right)
    if isinstance(node, ast.IfExp):
        return plain(node.body) or plain(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and isinstance(node.func.value, ast.Constant)
    return False


def glued(node: ast.expr | None) -> bool:
    """A field label made up on the spot (a constant names the field and is worded by the
    labels of `domain.errors`)."""
    return node is not None and not isinstance(node, ast.Constant | ast.Name) and plain(node)


def offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or (name := _name(node)) not in MESSAGE_AT:
            continue
        position, keyword = MESSAGE_AT[name]
        where = f"{path.relative_to(ROOT)}:{node.lineno} {name}"
        if plain(_argument(node, position, keyword)):
            found.append(f"{where}: message is a plain string")
        if name in FIELD_AT and glued(_argument(node, FIELD_AT[name], "field")):
            found.append(f"{where}: field label is a plain string")
    return found


def test_every_refusal_is_a_translatable_sentence() -> None:
    found = [offence for path in modules() for offence in offences(path)]
    assert not found, "refusals written in English only:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        'raise ValidationFailed.field("rate", f"{rate} is not a percentage", "tax.rate")',
        'raise DomainError("x.y", "a plain sentence")',
        'raise JobSkipped("switched off " + why)',
        'raise NotFound("order", key, said="none")',
        'raise refusal(f"line {n}", _("too long"), "line")',
        'raise InvalidTransition("case.closed", "{} is closed".format(code))',
    ],
)
def test_the_walk_sees_a_plain_message(tmp_path: Path, source: str) -> None:
    module = tmp_path / "module.py"
    module.write_text(source + "\n", encoding="utf-8")
    assert offences_of(module)


def test_the_walk_lets_a_sentence_through(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        'raise ValidationFailed.field("rate", _("{rate} is not a percentage", rate=r), "t")\n'
        'raise NotFound("order", key)\n',
        encoding="utf-8",
    )
    assert not offences_of(module)


def offences_of(module: Path) -> list[str]:
    """`offences` of a module outside the repository (its path said as given)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _name(node)) in MESSAGE_AT:
            position, keyword = MESSAGE_AT[name]
            if plain(_argument(node, position, keyword)):
                found.append(name)
            if name in FIELD_AT and glued(_argument(node, FIELD_AT[name], "field")):
                found.append(name)
    return found
