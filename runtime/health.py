"""The health report of `/healthz`: one entry per enabled part, 503 when one is stuck.

Each part gives a probe, an async function returning a `Check` (ok, and what to show).
A probe that raises or takes longer than `timeout` counts as stuck: a health page that
hangs on a stuck database would say nothing. What "stuck" means is each probe's own
rule, with thresholds from the settings (see runtime/probes.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Check:
    """What a part says about itself."""

    ok: bool
    detail: dict[str, Any] = field(default_factory=dict)


Probe = Callable[[], Awaitable[Check]]


class Beat:
    """The last time something succeeded, and since when it has been watched."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.since = clock()
        self.last: datetime | None = None
        self.error: str | None = None

    def beat(self) -> None:
        """It just succeeded."""
        self.last = self.clock()
        self.error = None

    def failed(self, error: str) -> None:
        """It just failed (the last success stays what it was)."""
        self.error = error

    def restart(self) -> None:
        """Watch afresh from now (e.g. on taking the lead)."""
        self.since = self.clock()

    def age(self) -> float:
        """Seconds since the last success (or since watching began, before any)."""
        return (self.clock() - (self.last or self.since)).total_seconds()


class HealthBoard:
    """The probes of this process's parts."""

    def __init__(self, timeout: float = 3.0) -> None:
        self.timeout = timeout
        self.probes: dict[str, Probe] = {}

    def add(self, name: str, probe: Probe) -> None:
        """Report part `name` with `probe`."""
        self.probes[name] = probe

    async def report(self) -> tuple[int, dict[str, Any]]:
        """(HTTP status, JSON body): 200 when every part is ok, else 503."""
        names = list(self.probes)
        checks = await asyncio.gather(*(self._run(self.probes[n]) for n in names))
        parts = {n: {"ok": ch.ok, **ch.detail} for n, ch in zip(names, checks, strict=True)}
        stuck = sorted(n for n, ch in zip(names, checks, strict=True) if not ch.ok)
        body = {"status": "stuck" if stuck else "ok", "stuck": stuck, "parts": parts}
        return (503 if stuck else 200), body

    async def _run(self, probe: Probe) -> Check:
        try:
            return await asyncio.wait_for(probe(), self.timeout)
        except TimeoutError:
            return Check(False, {"error": f"no answer within {self.timeout:g} s"})
        except Exception as error:
            return Check(False, {"error": str(error) or type(error).__name__})
