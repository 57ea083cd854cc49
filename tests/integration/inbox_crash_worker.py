"""A listener process that stops dead inside its first intake, for the crash tests.

Usage: python -m tests.integration.inbox_crash_worker DB_URL HOST PORT USER PASSWORD
POINT MARKER. POINT is `before_commit` (inside the transaction, nothing committed yet)
or `after_commit` (committed, the message not flagged yet). At that point the process
writes MARKER and waits to be killed with SIGKILL by the test.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import bootstrap
from mail.inbound.imap import ImapAccount
from mail.inbound.listener import InboxListener, ListenerConfig
from settings import Settings
from store.repositories.inbox import InboxStateStore


def _pausing(factory: Any, point: str, marker: Path) -> Any:
    def make(readonly: bool = False) -> Any:
        uow = factory(readonly)
        real_commit = uow.commit

        def commit() -> None:
            if point == "before_commit":
                uow.flush()  # the order and its Message-ID row are written, not committed
                marker.write_text(point)
                time.sleep(3600)
            real_commit()
            if point == "after_commit":
                marker.write_text(point)
                time.sleep(3600)

        uow.commit = commit
        return uow

    return make


def main() -> None:
    """Run one pass that pauses at the given point."""
    url, host, port, user, password, point, marker = sys.argv[1:8]
    app = bootstrap.build(Settings(database_url=url, _env_file=None))
    app.bus.uow_factory = _pausing(app.bus.uow_factory, point, Path(marker))
    config = ListenerConfig(
        account=ImapAccount(host, int(port), user, password, tls=False),
        own_addresses=frozenset({"orders@shop.test"}),
    )
    listener = InboxListener(config, app.async_bus, InboxStateStore(app.engine))
    asyncio.run(listener.poll_once())


if __name__ == "__main__":
    main()
