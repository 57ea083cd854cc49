"""Fixtures of the integration tests: orderbot apps on real databases, disposed after use."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

import bootstrap
from settings import Settings

AppFactory = Callable[..., bootstrap.App]


@pytest.fixture
def make_app() -> Iterator[AppFactory]:
    """Build apps on a URL (migrated); every engine is disposed at the end of the test."""
    built: list[bootstrap.App] = []

    def make(url: str, **settings: object) -> bootstrap.App:
        app = bootstrap.build(Settings(database_url=url, _env_file=None, **settings))
        built.append(app)
        return app

    yield make
    for app in built:
        app.engine.dispose()


@pytest.fixture
def app(make_app: AppFactory, database_url: str) -> bootstrap.App:
    """An app on an empty SQLite or PostgreSQL database (the test runs once on each)."""
    return make_app(database_url)
