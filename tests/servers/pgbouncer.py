"""A private PgBouncer (Debian `pgbouncer`) in front of the test PostgreSQL, on 127.0.0.1.

    with PgBouncer(postgres_server, "transaction") as pooler:
        url = pooler.url("dbname")

It runs as the cluster's OS user (PgBouncer refuses root), trusts every client, and logs
in to PostgreSQL as `postgres`; stop it with SIGTERM to its PID (done on exit).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from tests.servers.ports import LOOPBACK, free_port
from tests.servers.postgres import SUPERUSER, PostgresServer, _run_as

BINARY = Path("/usr/sbin/pgbouncer")


def available() -> bool:
    """Whether PgBouncer is installed here."""
    return BINARY.is_file()


class PgBouncer:
    """PgBouncer with one pool mode (session or transaction) for every database."""

    def __init__(self, server: PostgresServer, mode: str) -> None:
        self.server = server
        self.mode = mode
        self.dir = Path(tempfile.mkdtemp(prefix="orderbot-pgbouncer-"))
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL of `dbname` through the pooler."""
        return f"postgresql+psycopg://{SUPERUSER}@{LOOPBACK}:{self.port}/{dbname}"

    def __enter__(self) -> PgBouncer:
        run_as = _run_as()
        (self.dir / "users.txt").write_text(f'"{SUPERUSER}" ""\n')
        config = self.dir / "pgbouncer.ini"
        config.write_text(
            "[databases]\n"
            f"* = host={LOOPBACK} port={self.server.port} user={SUPERUSER}\n"
            "[pgbouncer]\n"
            f"listen_addr = {LOOPBACK}\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {self.dir / 'users.txt'}\n"
            f"pool_mode = {self.mode}\ndefault_pool_size = 4\nmax_client_conn = 50\n"
            f"logfile = {self.dir / 'pgbouncer.log'}\n"
            "ignore_startup_parameters = extra_float_digits,options\n"
        )
        if run_as.uid is not None:
            for path in (self.dir, *self.dir.iterdir()):
                os.chown(path, run_as.uid, run_as.gid or -1)
        self._process = subprocess.Popen(
            [str(BINARY), str(config)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.dir,
            user=run_as.uid, group=run_as.gid, extra_groups=run_as.extra_groups,
        )  # fmt: skip
        self._wait_listening()
        return self

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"pgbouncer exited:\n{self._log()}")
            try:
                socket.create_connection((LOOPBACK, self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"pgbouncer not listening after 10 s:\n{self._log()}")

    def _log(self) -> str:
        path = self.dir / "pgbouncer.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
