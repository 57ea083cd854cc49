"""docs/settings.md and .env.example are what scripts/settings_doc.py makes of settings.py.

Every setting is described once, on its field; these tests fail when a field has no
description or group, or when either generated file was edited by hand or not rewritten
after a change to settings.py (`python scripts/settings_doc.py --write` fixes that).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import settings_doc
from settings import GROUPS, Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted(settings_doc.expected(), key=str))
def test_the_generated_file_is_up_to_date(path: Path) -> None:
    expected = settings_doc.expected()[path]
    actual = (ROOT / path).read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs: run `python scripts/settings_doc.py --write`"


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_field_has_a_description_and_a_known_group(name: str) -> None:
    field = Settings.model_fields[name]
    assert (field.description or "").strip(), f"Settings.{name} has no description"
    extra = field.json_schema_extra
    assert isinstance(extra, dict), f"Settings.{name} has no group"
    assert extra.get("group") in GROUPS, f"Settings.{name}: unknown group {extra.get('group')!r}"


def test_every_group_has_a_setting() -> None:
    used = {
        field.json_schema_extra.get("group")
        for field in Settings.model_fields.values()
        if isinstance(field.json_schema_extra, dict)
    }
    assert set(GROUPS) == used


def test_both_files_name_every_setting_once() -> None:
    names = sorted(field.upper() for field in Settings.model_fields)
    doc = re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", settings_doc.render_doc(), re.MULTILINE)
    env = re.findall(r"^# ([A-Z][A-Z0-9_]*)=", settings_doc.render_env_example(), re.MULTILINE)
    assert sorted(doc) == names
    assert sorted(env) == names


def test_secrets_are_never_given_a_value() -> None:
    text = settings_doc.render_env_example()
    for name in ("SLACK_BOT_TOKEN", "IMAP_PASSWORD", "SMTP_PASSWORD", "SECRET_KEY"):
        assert f"\n# {name}=\n" in text
        assert re.search(rf"^\| `{name}` \| \(unset\) \|", settings_doc.render_doc(), re.MULTILINE)


def test_check_names_a_drifted_file_and_write_mends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert settings_doc.main(["--write"], root=tmp_path) == 0
    assert settings_doc.main(["--check"], root=tmp_path) == 0
    env = tmp_path / ".env.example"
    env.write_text(env.read_text(encoding="utf-8") + "# EXTRA=1\n", encoding="utf-8")
    capsys.readouterr()

    assert settings_doc.main(["--check"], root=tmp_path) == 1
    assert ".env.example" in capsys.readouterr().err
    assert settings_doc.main(["--write"], root=tmp_path) == 0
    assert settings_doc.main(["--check"], root=tmp_path) == 0
