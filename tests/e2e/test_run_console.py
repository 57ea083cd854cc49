"""The first README command on an empty directory: `orderbot run` on its embedded defaults
(SQLite in ./var, mail as .eml files, the tracking page on HTTP_PORT), with the console
in the terminal: a person creates and ships an order and opens its tracking page."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.e2e.service import ROOT
from tests.servers.ports import free_port

LINES = [
    "tax new VAT20 20",
    "product new WIDGET-A 'Widget A' 12.50 tax:VAT20",
    "customer new ACME 'Acme SA' email:buyer@acme.example",
    "customer address ACME HQ city:Paris country:FR",
    "order new ACME WIDGET-A 10",
    "order confirm SO-00001",
    "order ship SO-00001 carrier:DHL tracking:1Z999",
    "order track SO-00001",
]


def _read_until(fd: int, pattern: str, seconds: float) -> str:
    seen, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            seen += os.read(fd, 65536)
        except BlockingIOError:
            time.sleep(0.05)
        if re.search(pattern, seen.decode(errors="replace")):
            return seen.decode(errors="replace")
    raise AssertionError(f"{pattern!r} not seen:\n{seen.decode(errors='replace')}")


def test_embedded_defaults_with_the_console(tmp_path: Path) -> None:
    port = free_port()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    env["HTTP_PORT"] = str(port)  # the default 8000 may be taken on a shared machine
    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "main", "run"], cwd=tmp_path, env=env,
        stdin=follower, stdout=follower, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    try:
        start = _read_until(leader, r"orderbot> ", 30)
        assert "orderbot: console: this terminal" in start
        assert "orderbot: database: sqlite:///var/orderbot.db" in start
        assert "orderbot: log: var/orderbot.log" in start
        out, typed = "", start
        for line in LINES:
            os.write(leader, line.encode() + b"\n")
            out = _read_until(leader, r"orderbot> ", 15)
            typed += out
        # the parts' INFO lines went to the log file, not into the middle of the typing
        assert " INFO " not in typed
        assert "orderbot.leader: outbox: leading" in (tmp_path / "var" / "orderbot.log").read_text()
        link = re.search(r"http://127\.0\.0\.1:8000/t/\S+", out)
        assert link is not None, out
        local = link.group(0).replace(":8000/", f":{port}/")  # PUBLIC_URL is the default
        with urllib.request.urlopen(local, timeout=5) as page:
            html = page.read().decode()
        assert "1Z999" in html
        assert "SO-00001" in html
        assert (tmp_path / "var" / "orderbot.db").is_file()
        os.write(leader, b"quit\n")
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)
