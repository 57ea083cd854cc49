"""`orderbot run` as a subprocess for the end-to-end tests: start, watch, signal, stop.

The process runs in its own directory (no .env there) with only the settings given, so
the test's own environment never leaks into it. Its output goes to a log file the test
reads (and shows when an assertion fails).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


@dataclass
class Service:
    """A running `orderbot run`."""

    proc: subprocess.Popen[bytes]
    log: Path
    port: int

    def output(self) -> str:
        """Everything it printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def health(self) -> tuple[int, dict[str, Any]]:
        """GET /healthz: (status, JSON); OSError while it does not listen yet."""
        url = f"http://127.0.0.1:{self.port}/healthz"
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> tuple[int, float]:
        """Send `sig`; (exit status, seconds it took to exit)."""
        started = time.monotonic()
        self.proc.send_signal(sig)
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"no exit within {timeout} s:\n{self.output()}") from None
        return status, time.monotonic() - started

    def kill(self) -> None:
        """Make sure it is gone (SIGKILL by its PID)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def start(directory: Path, port: int, settings: dict[str, str], name: str = "run") -> Service:
    """Start `orderbot run --no-console` in `directory` with exactly `settings`."""
    directory.mkdir(parents=True, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    env |= {"HTTP_PORT": str(port), "HTTP_HOST": "127.0.0.1", **settings}
    log = directory / f"{name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "main", "run", "--no-console"],
            cwd=directory, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    return Service(proc, log, port)


async def until(check: Callable[[], T | None], within: float, what: str, svc: Service) -> T:
    """Poll `check` (in a thread: it may block) until it gives something truthy."""
    deadline = time.monotonic() + within
    while True:
        value = await asyncio.to_thread(check)
        if value:
            return value
        if svc.proc.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"{what}: not seen in {within} s\n{svc.output()}")
        await asyncio.sleep(0.1)


def wait_healthy(svc: Service, timeout: float = 20.0) -> dict[str, Any]:
    """Block until /healthz answers 200 (the parts are up)."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        assert svc.proc.poll() is None, svc.output()
        with contextlib.suppress(OSError):
            status, body = svc.health()
            if status == 200:
                return body
            last = body
        time.sleep(0.1)
    raise AssertionError(f"not healthy in {timeout} s: {last}\n{svc.output()}")
