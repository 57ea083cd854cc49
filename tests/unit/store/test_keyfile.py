"""Where the tracking key lives without SECRET_KEY: beside the SQLite file, never in ./var."""

from __future__ import annotations

from pathlib import Path

from store.keyfile import database_key, key_path


def test_the_key_lives_beside_the_database_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'orderbot.db'}"
    assert key_path(url) == tmp_path / "data" / "secret.key"
    first = database_key(url)
    assert first is not None
    assert len(first) == 64
    assert database_key(url) == first  # made once, then read
    assert (tmp_path / "data" / "secret.key").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["secret.key"]  # no temporary


def test_a_relative_database_keeps_its_key_beside_it() -> None:
    assert key_path("sqlite:///var/orderbot.db") == Path("var/secret.key")


def test_in_memory_databases_get_a_key_of_their_own_and_postgresql_none() -> None:
    assert key_path("sqlite://") is None
    one, two = database_key("sqlite://"), database_key("sqlite:///:memory:")
    assert None not in (one, two)
    assert one != two
    assert database_key("postgresql+psycopg://u@h/db") is None
