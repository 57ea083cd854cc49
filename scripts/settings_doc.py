"""The settings reference: docs/settings.md and .env.example, generated from settings.py.

`Settings` owns each setting's name, type, default, description and group; this module
owns how they are written out for people, so that neither file can drift from the code:

    python scripts/settings_doc.py --write   # rewrite both files from Settings
    python scripts/settings_doc.py --check   # exit 1, naming each file that differs
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import get_args

from pydantic import SecretStr

ROOT = Path(__file__).resolve().parents[1]
DOC = Path("docs/settings.md")
ENV_EXAMPLE = Path(".env.example")
UNSET = "(unset)"
COMMENT_WIDTH = 88

DOC_INTRO = """\
# Settings

Read from the environment, then `.env`, then these defaults; all optional (with none
set, `orderbot run` runs on its embedded defaults). `.env.example` lists the same
settings, ready to copy to `.env`; `orderbot check-config` prints the settings in force,
secrets as `****`. (unset) means no default value; every secret is shown so.

This page and `.env.example` are generated from the fields of `Settings` in
`settings.py`: to add or change a setting, edit its field there and run
`python scripts/settings_doc.py --write`; `tests/unit/test_settings_doc.py` fails until
both files match.
"""

ENV_INTRO = """\
# orderbot settings. Every one is optional: with none, orderbot runs on its embedded
# defaults (SQLite in ./var, mail written to ./var/outbox, the console instead of Slack).
# Copy to .env and uncomment what you need. Secrets are never printed (check-config masks
# them). Generated from settings.py by `python scripts/settings_doc.py --write`;
# docs/settings.md describes the same settings.
"""


@dataclass(frozen=True)
class Setting:
    """One field of `Settings`, as the two files show it."""

    name: str
    group: str
    description: str
    default: str
    example: str
    secret: bool


def _settings_module() -> ModuleType:
    # Run as a script, Python puts scripts/ first on the path, not the checkout, and an
    # editable install would then supply the settings.py of another checkout.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("settings")


def _env_value(value: object) -> str:
    """`value` as it would be written in `.env` ("" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Path):
        return value.as_posix()
    return str(value)


def settings() -> tuple[tuple[str, ...], list[Setting]]:
    """The groups in their order, and every setting in the order of `Settings`.

    Raises ValueError naming a field without a description or with an unknown group: the
    files would otherwise be written with a hole in them.
    """
    module = _settings_module()
    groups: tuple[str, ...] = module.GROUPS
    found = []
    for field_name, field in module.Settings.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        group = extra.get("group")
        if not (field.description or "").strip():
            raise ValueError(f"Settings.{field_name} has no description")
        if group not in groups:
            raise ValueError(f"Settings.{field_name}: group {group!r} is not one of GROUPS")
        secret = SecretStr in (field.annotation, *get_args(field.annotation))
        default = "" if secret else _env_value(field.get_default(call_default_factory=True))
        examples = field.examples or []
        found.append(
            Setting(
                name=field_name.upper(),
                group=str(group),
                description=" ".join((field.description or "").split()),
                default=default,
                example=_env_value(examples[0]) if examples else "",
                secret=secret,
            )
        )
    return groups, found


def _anchor(heading: str) -> str:
    """The fragment a Markdown renderer (GitHub's rules) gives to `heading`."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _cell(text: str) -> str:
    return text.replace("|", r"\|")


def _comment(text: str) -> list[str]:
    """`text` as `# ` comment lines, never breaking inside a `code span`."""
    # A no-break space inside code spans keeps textwrap from cutting a command in two.
    glued = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\u00a0"), text)
    lines = textwrap.wrap(
        glued,
        width=COMMENT_WIDTH,
        initial_indent="# ",
        subsequent_indent="# ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace("\u00a0", " ") for line in lines]


def _linked(text: str) -> str:
    """`text` with each docs/PAGE.md made a link, relative to docs/settings.md itself."""
    return re.sub(r"\bdocs/([\w-]+\.md)\b", r"[docs/\1](\1)", text)


def render_doc() -> str:
    """docs/settings.md: a table per group."""
    groups, found = settings()
    used = [g for g in groups if any(s.group == g for s in found)]
    out = [DOC_INTRO]
    out += [f"- [{group}](#{_anchor(group)})" for group in used]
    for group in used:
        out += ["", f"## {group}", "", "| setting | default | description |", "|---|---|---|"]
        for s in (s for s in found if s.group == group):
            default = f"`{s.default}`" if s.default else UNSET
            out.append(f"| `{s.name}` | {_cell(default)} | {_cell(_linked(s.description))} |")
    return "\n".join(out) + "\n"


def render_env_example() -> str:
    """.env.example: a header per group, then each setting commented out.

    A setting unset by default shows its example value, when it has one, so the line
    says what to write; every other setting shows its default.
    """
    groups, found = settings()
    out = [ENV_INTRO]
    for group in groups:
        members = [s for s in found if s.group == group]
        if not members:
            continue
        out.append(f"# === {group} ===")
        for s in members:
            out += _comment(s.description)
            value = s.default or ("" if s.secret else s.example)
            out.append(f"# {s.name}={value}")
        out.append("")
    return "\n".join(out)


def expected() -> dict[Path, str]:
    """Each generated file, relative to the checkout, with the text it must hold."""
    return {DOC: render_doc(), ENV_EXAMPLE: render_env_example()}


def drifted(root: Path = ROOT) -> list[Path]:
    """The generated files under `root` whose text differs from the generator's."""
    wrong = []
    for path, text in expected().items():
        target = root / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            wrong.append(path)
    return wrong


def write(root: Path = ROOT) -> list[Path]:
    """Rewrites the generated files under `root` that differ; returns them."""
    changed = drifted(root)
    texts = expected()
    for path in changed:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(texts[path], encoding="utf-8", newline="\n")
    return changed


def main(argv: Sequence[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the generated files")
    mode.add_argument("--check", action="store_true", help="exit 1 when one differs")
    args = parser.parse_args(argv)
    if args.write:
        for path in write(root):
            print(f"wrote {path}")
        return 0
    wrong = drifted(root)
    for path in wrong:
        print(
            f"{path} differs from settings.py: run `python scripts/settings_doc.py --write`",
            file=sys.stderr,
        )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
