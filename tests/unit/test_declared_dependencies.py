"""Every library the application imports is a declared runtime dependency.

`./run` installs only `[project] dependencies`; the test extras bring more (import-linter
brings rich, for one), so a library missing from the list passes the suite and breaks
the first command of a fresh clone.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from tests.paths import ROOT

PACKAGES = (
    "domain",
    "store",
    "bot",
    "mail",
    "documents",
    "scheduler",
    "runtime",
    "l10n",
    "bootstrap",
    "setting_groups",
    "cli",
)
MODULES = ("main.py", "cli_args.py", "settings.py", "demo.py")


def _sources() -> list[Path]:
    files = [ROOT / name for name in MODULES]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def _imported(path: Path) -> set[str]:
    """Top-level names of the absolute imports in `path` (in functions too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        _normal(re.split(r"[\[=<>~! ;]", spec, maxsplit=1)[0]) for spec in project["dependencies"]
    }


def test_every_imported_library_is_a_declared_dependency() -> None:
    first_party = {*PACKAGES, *(name.removesuffix(".py") for name in MODULES)}
    distributions = importlib.metadata.packages_distributions()
    declared = _declared()
    missing: dict[str, str] = {}
    for path in _sources():
        for name in _imported(path) - first_party - set(sys.stdlib_module_names):
            owners = {_normal(d) for d in distributions.get(name, [name])}
            if not owners & declared:
                missing.setdefault(name, str(path.relative_to(ROOT)))
    assert missing == {}, f"imported but not in [project] dependencies: {missing}"


def test_the_check_sees_a_missing_library(tmp_path: Path) -> None:
    """The walk finds imports inside functions too (that is where most lazy ones are)."""
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    import rich.progress\n    from yaml import safe_load\n")
    assert _imported(module) == {"rich", "yaml"}
    assert "pyyaml" not in _declared()  # a test extra only: importing it would be caught


DOMAIN_LIBRARIES = {
    "pydantic", "email_validator", "stdnum", "phonenumbers", "pycountry", "rapidfuzz"
}  # fmt: skip
"""What the domain may import besides itself and the standard library: pydantic, the
identity rule's pure libraries and the search ranking's string distances (see the
import contract in pyproject.toml)."""


def test_the_domain_imports_only_the_standard_library_and_its_libraries() -> None:
    found: dict[str, str] = {}
    for path in sorted((ROOT / "domain").rglob("*.py")):
        for name in _imported(path) - {"domain"} - set(sys.stdlib_module_names):
            found.setdefault(name, str(path.relative_to(ROOT)))
    assert set(found) <= DOMAIN_LIBRARIES, found
    assert {"email_validator", "phonenumbers"} <= set(found)  # the walk sees the domain
