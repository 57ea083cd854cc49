"""The README's settings table names every setting of settings.py, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def settings_table() -> list[str]:
    """The setting names in the first column of the table under `## Settings`."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            names += re.findall(r"`([A-Z][A-Z0-9_]*)`", first)
    return names


def test_the_readme_table_lists_every_setting_once() -> None:
    names = settings_table()
    assert len(names) == len(set(names)), "a setting is listed twice"
    assert sorted(names) == sorted(field.upper() for field in Settings.model_fields)


def test_env_example_mentions_every_setting() -> None:
    example = (README.parent / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    assert listed == {field.upper() for field in Settings.model_fields}
