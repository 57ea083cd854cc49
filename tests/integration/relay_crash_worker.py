"""A relay process for the crash tests, killed by the test with SIGKILL.

    python -m tests.integration.relay_crash_worker URL SMTP_PORT [hang-settle|plain]

hang-settle (the default): it sends, says so, and hangs before marking sent; the test
kills it while it hangs: the server has the mail, the database still has the row
pending (claimed under a lease).
plain: the real relay, one pass; the test kills it wherever it is (e.g. while the
server holds back its answer to a mail).
Nothing here fakes the send itself.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from datetime import datetime

import bootstrap
from bootstrap.outbox import outbox_relay
from domain.outbox.queue import Settlement
from settings import Settings
from store.repositories.notifications import SqlOutboxQueue
from tests.integration.notify_world import SECRET


class HangingQueue(SqlOutboxQueue):
    """Claims like the real queue; settling announces itself and never returns."""

    def settle(self, settlements: Sequence[Settlement], now: datetime) -> None:
        print(f"SETTLING {len(settlements)}", flush=True)
        time.sleep(3600)


def main(url: str, port: int, mode: str) -> None:
    settings = Settings(
        _env_file=None,
        database_url=url,
        secret_key=SECRET,
        mail_from="orders@shop.test",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls="none",
    )
    app = bootstrap.build(settings, migrate=False)
    relay = outbox_relay(app)
    if mode == "hang-settle":
        relay.queue = HangingQueue(app.engine)
    asyncio.run(relay.run_once())


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "hang-settle")
