"""No source module over 400 lines and no function over 60, outside the tests and the
migrations: a module or a function that grows past them is split by what it owns."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

from tests.paths import ROOT

MOST_LINES = 400
MOST_FUNCTION_LINES = 60
SKIPPED_FOLDERS = {"tests", "migrations", "var", "node_modules", "__pycache__"}


def _sources(root: Path) -> Iterator[Path]:
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith(".")]
        yield from (Path(folder) / name for name in files if name.endswith(".py"))


def _too_long(path: Path, root: Path) -> list[str]:
    """What in `path` is over its limit, one line each."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root).as_posix()
    found = []
    if len(text.splitlines()) > MOST_LINES:
        found.append(f"{name}: {len(text.splitlines())} lines")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MOST_FUNCTION_LINES:
                found.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    return found


def test_no_module_or_function_is_over_its_limit() -> None:
    found = [line for path in _sources(ROOT) for line in _too_long(path, ROOT)]
    assert found == []


def test_the_walk_sees_a_long_module_and_a_long_function(tmp_path: Path) -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(MOST_FUNCTION_LINES))
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "long.py").write_text("def f():\n" + body + "\n" * MOST_LINES)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_long.py").write_text("\n" * (MOST_LINES + 1))
    found = [line for path in _sources(tmp_path) for line in _too_long(path, tmp_path)]
    assert found == [
        f"pkg/long.py: {MOST_LINES + MOST_FUNCTION_LINES + 1} lines",
        f"pkg/long.py:1 f: {MOST_FUNCTION_LINES + 1} lines",
    ]
