"""The shop most mail tests read orders into: its catalogue (taxes, products) and ACME,
whose contact is the sender of `inbox_helpers.mail`, on a new SQLite database."""

from __future__ import annotations

import pytest

import bootstrap
from tests.integration.inbox_helpers import AppFactory, load_catalogue


@pytest.fixture
def shop(make_app: AppFactory, sqlite_url: str) -> bootstrap.App:
    app = make_app(sqlite_url)
    load_catalogue(app)
    return app
