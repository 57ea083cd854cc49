"""`orderbot console` and `orderbot demo`: the Slack commands typed in this terminal, and
the database filled with sample data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.console import Console, run_console
from settings import Settings

if TYPE_CHECKING:
    from bootstrap import App


def console(app: App, settings: Settings) -> int:
    """Read commands from this terminal until it ends."""
    import bootstrap
    from bootstrap.documents import lazy_pdf

    today = bootstrap.local_today(settings)
    run_console(Console(app.bus.handle, today, settings.currency, pdf=lazy_pdf(app)))
    return 0


def demo(app: App, settings: Settings) -> int:
    """Fill the database with sample customers, products, orders and the rest."""
    import bootstrap
    from demo import load_demo

    print(load_demo(app.bus, bootstrap.local_today(settings)()))
    return 0
