"""The `orderbot` command line as a user runs it: from any folder, into a closed pipe."""

from __future__ import annotations

import email
import email.policy
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import aiohttp
from aiohttp import web

import bootstrap
from bootstrap.web import web_application
from domain import commands as c
from settings import Settings
from tests.paths import ROOT


def _seeded(url: str, **settings: object) -> bootstrap.App:
    """An app on `url` with order SO-00001 for ACME, confirmed."""
    app = bootstrap.build(Settings(_env_file=None, database_url=url, **settings))
    app.bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    app.bus.handle(c.CreateProduct(code="W", name="Widget", price=Decimal(5), tax="VAT20"))
    app.bus.handle(c.CreateCustomer(code="ACME", name="Acme", email="buyer@acme.test"))
    lines = (c.LineInput(product="W", quantity=Decimal(1)),)
    app.bus.handle(c.CreateOrder(customer="ACME", lines=lines, confirm=True))
    return app


def _orderbot(folder: Path, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    """`orderbot ARGS` run in `folder` (no .env there) with only the settings in `env`."""
    base = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=folder,
        env=base | env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'orderbot.db'}"
    _seeded(url).engine.dispose()
    proc = _orderbot(tmp_path / "elsewhere", {"DATABASE_URL": url}, "order", "list", "--json")
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the first line (`| head -0`)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err.decode()) == (141, "")


async def test_the_command_line_in_another_folder_signs_with_the_servers_key(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'orderbot.db'}"
    outbox = tmp_path / "outbox"
    app = _seeded(url, outbox_dir=outbox, public_url="https://shop.test")
    try:
        app.bus.handle(c.NotifyOrder(code="SO-00001"))
        elsewhere = tmp_path / "elsewhere"
        env = {"DATABASE_URL": url, "OUTBOX_DIR": str(outbox), "PUBLIC_URL": "https://shop.test"}
        proc = _orderbot(elsewhere, env, "jobs", "run", "outbox")
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
        assert list(elsewhere.iterdir()) == []  # no ./var/secret.key here
        assert (tmp_path / "data" / "secret.key").stat().st_mode & 0o777 == 0o600
        (mail_file,) = outbox.glob("*.eml")
        mail = email.message_from_bytes(mail_file.read_bytes(), policy=email.policy.default)
        body = mail.get_body(preferencelist=("plain",))
        assert body is not None
        found = re.search(r"https://shop\.test(/t/[A-Za-z0-9_-]{43})", str(body.get_content()))
        assert found is not None
        assert await _status(app, found.group(1)) == 200  # the server knows the link
    finally:
        app.engine.dispose()


async def _status(app: bootstrap.App, path: str) -> int:
    runner = web.AppRunner(web_application(app, None), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}{path}") as response,
        ):
            return response.status
    finally:
        await runner.cleanup()
