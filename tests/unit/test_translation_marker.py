"""`_` marks a sentence to translate wherever a module imports it (domain.texts, the
catalogs' extraction): a function of such a module that also binds `_` as a throwaway
name makes every `_("...")` in it fail at run time (UnboundLocalError, or a call of
whatever was unpacked), on paths tests may not reach. Comprehensions have their own
scope, so a `_` bound in one is harmless."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("domain", "store", "bot", "mail", "documents", "cli", "runtime", "scheduler", "l10n")
_OWN_SCOPE = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _imports_marker(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == "_" for a in node.names)
        for node in ast.walk(tree)
    )


def _bound_in_scope(node: ast.AST) -> Iterator[ast.Name]:
    """Names bound in this function's own scope (not in nested comprehensions or defs)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (*_OWN_SCOPE, *_FUNCTIONS, ast.ClassDef)):
            continue
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            yield child
        yield from _bound_in_scope(child)


def shadowing(source: str) -> list[int]:
    """Lines where a function binds `_` in a module that imports `_` to mark sentences."""
    tree = ast.parse(source)
    if not _imports_marker(tree):
        return []
    return [
        name.lineno
        for function in ast.walk(tree)
        if isinstance(function, _FUNCTIONS)
        for name in _bound_in_scope(function)
        if name.id == "_"
    ]


def test_the_check_sees_a_throwaway_underscore_and_lets_comprehensions_be() -> None:
    bad = "from domain.texts import _\ndef f(x):\n    a, _, b = x.partition(':')\n    return a\n"
    fine = "from domain.texts import _\ndef f(xs):\n    return [a for a, _ in xs]\n"
    unmarked = "def f(x):\n    a, _, b = x.partition(':')\n    return a\n"
    assert shadowing(bad) == [3]
    assert shadowing(fine) == []
    assert shadowing(unmarked) == []


def test_no_function_hides_the_translation_marker() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for package in SOURCES
        for path in sorted((ROOT / package).rglob("*.py"))
        for line in shadowing(path.read_text(encoding="utf-8"))
    ]
    assert found == []
