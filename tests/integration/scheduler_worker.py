"""A process running only the scheduler part, printing `leader` when it takes the lead.

python -m tests.integration.scheduler_worker URL CRON
"""

from __future__ import annotations

import asyncio
import signal
import sys

import bootstrap
from bootstrap.jobs import job_scheduler
from settings import Settings


async def main(url: str, cron: str) -> None:
    """Run the scheduler until SIGTERM."""
    app = bootstrap.build(
        Settings(
            database_url=url, _env_file=None, subscription_job_cron=cron,
            scheduler_poll_seconds=0.2,
        ),
        migrate=False,
    )  # fmt: skip
    scheduler = job_scheduler(app)
    inner = scheduler.on_lead

    def on_lead(leading: bool) -> None:
        inner(leading)
        if leading:
            print("leader", flush=True)

    scheduler.on_lead = on_lead
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        await scheduler.run(stop)
    finally:
        app.engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
