"""`orderbot mail poll [--once]`: the order inbox read once, or listened to until stopped."""

from __future__ import annotations

import asyncio
import signal
import sys

from l10n.translation import gettext
from settings import Settings


def poll(settings: Settings, once: bool) -> int:
    """Read the inbox once, or keep listening."""
    import bootstrap
    from bootstrap.inbox import inbox_listener

    app = bootstrap.build(settings)
    try:
        listener = inbox_listener(app)
        if listener is None:
            said = gettext("IMAP_HOST is not set: there is no inbox to read")
            print(f"orderbot: {said}", file=sys.stderr)
            return 1
        if once:
            from mail.inbound.imap import ImapError

            try:
                print(f"orderbot: {asyncio.run(listener.poll_once())}")
            except ImapError as error:  # one line: what failed, not where in the code
                said = gettext("cannot read the inbox: {error}", error=error)
                print(f"orderbot: {said}", file=sys.stderr)
                return 1
            return 0

        async def listen() -> None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            await listener.run(stop)

        asyncio.run(listen())
        return 0
    finally:
        app.engine.dispose()
