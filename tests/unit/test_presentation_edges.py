"""Presentation lives at the edges: no markup in the domain, no hand-made amounts in views.

The domain hands out data (Decimals, dates, facts); Block Kit is drawn under `bot/`, mail
text and HTML in `mail/templates`, and every amount a person reads goes through
`l10n.formats`. These scans keep it so.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.paths import ROOT

VIEWS = ("bot", "mail", "scheduler", "runtime")
# An amount formatted by hand: `{x:.2f}`, `{x:,.2f}`, format(x, ".2f"), "%.2f" % x, or an
# amount glued to its currency code: f"{amount} {currency}", f"{cur}{amount}".
HAND_MADE_MONEY = re.compile(
    r"\{[^{}]*:,?\.2f\}"
    r"|format\([^()]*,\s*[\"'],?\.2f[\"']\)"
    r"|%,?\.2f"
    r"|\{[^{}]+\}\s?\{(?:[\w.]*\.)?(?:currency|cur)\}"
    r"|\{(?:[\w.]*\.)?(?:currency|cur)\}\s?\{[^{}]+\}"
)
MARKUP = re.compile(r"<(?:html|body|p|table|tr|td|th|br|div|ul|li|b|code|a|span)\b", re.I)
BLOCK_KIT = frozenset({"blocks", "accessory", "action_id", "mrkdwn", "plain_text", "elements"})


def _view_sources() -> list[Path]:
    found: list[Path] = []
    for package in VIEWS:
        for pattern in ("*.py", "*.j2", "*.js"):
            found += sorted((ROOT / package).rglob(pattern))
    return found


@pytest.mark.parametrize(
    "text",
    [
        'f"{amount:,.2f} {currency}"',
        'f"{ln.unit_price:.2f}"',
        'format(value, ".2f")',
        '"%.2f" % total',
        'f"{total} {self.currency}"',
        'f"{cur}{total}"',
    ],
)
def test_the_scan_finds_hand_made_amounts(text: str) -> None:
    assert HAND_MADE_MONEY.search(text)


def test_views_format_amounts_only_through_l10n() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in _view_sources()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HAND_MADE_MONEY.search(line)
    ]
    assert found == [], "amounts formatted by hand; use l10n.formats:\n" + "\n".join(found)


def _literals(tree: ast.Module) -> list[tuple[int, str]]:
    """String literals of a module that are not docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_the_domain_builds_no_markup_and_no_block_kit() -> None:
    found: list[str] = []
    for path in sorted((ROOT / "domain").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for lineno, text in _literals(tree):
            if MARKUP.search(text) or text in BLOCK_KIT:
                found.append(f"{where}:{lineno}: {text[:60]!r}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                module = node.module if isinstance(node, ast.ImportFrom) else None
                if "html" in names or module == "html":
                    found.append(f"{where}:{node.lineno}: imports html")
    assert found == [], "presentation in the domain:\n" + "\n".join(found)
