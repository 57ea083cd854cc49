"""Fixtures of the order-door tests: shops on real databases, disposed after use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import bootstrap
from tests.integration.orders.doors import build_shop

ShopFactory = Callable[..., bootstrap.App]


@pytest.fixture
def make_shop() -> Iterator[ShopFactory]:
    """Build shops (`build_shop`) on a URL; every engine is disposed at the end."""
    built: list[bootstrap.App] = []

    def make(url: str, **settings: Any) -> bootstrap.App:
        built.append(build_shop(url, **settings))
        return built[-1]

    yield make
    for app in built:
        app.engine.dispose()
