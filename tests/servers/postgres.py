"""A private PostgreSQL cluster for tests: initdb in a temp dir, one server on 127.0.0.1.

Uses Debian's server binaries (/usr/lib/postgresql/VERSION/bin, the newest version found).
initdb refuses to run as root, so when the tests run as root both initdb and the server
run as the `postgres` OS user, which owns the temp dir. Durability is switched off
(fsync, synchronous_commit, full_page_writes): a test cluster is thrown away anyway.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

from tests.servers.ports import LOOPBACK, free_port

SUPERUSER = "postgres"
PG_LIB = Path("/usr/lib/postgresql")
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
PORT_ATTEMPTS = 3

# Settings that trade durability for speed; a crash only loses a test database.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class PostgresNotInstalled(RuntimeError):
    """The PostgreSQL server binaries (initdb, postgres) are not on this machine."""


class PostgresStartError(RuntimeError):
    """initdb or the server failed; the message carries the end of its log."""


@dataclass(frozen=True)
class _RunAs:
    """The OS user the cluster runs as: `postgres` when we are root, else ourselves."""

    # subprocess switches to these in the child right before exec, as setpriv does, so
    # the PID we hold is the server's own PID (runuser would fork and sit in between).
    uid: int | None
    gid: int | None

    @property
    def extra_groups(self) -> list[int] | None:
        """No supplementary groups (root's) when switching user; untouched otherwise."""
        return None if self.uid is None else []


def find_bin_dir() -> Path:
    """The newest /usr/lib/postgresql/*/bin holding initdb and postgres."""
    candidates = [
        path / "bin"
        for path in PG_LIB.glob("*")
        if (path / "bin" / "initdb").is_file() and (path / "bin" / "postgres").is_file()
    ]
    if not candidates:
        raise PostgresNotInstalled(
            f"PostgreSQL server binaries not found under {PG_LIB}/*/bin. "
            "Run ./test, which installs them (apt-get install postgresql), "
            "or install the Debian package `postgresql` yourself."
        )
    return max(candidates, key=lambda path: _version_key(path.parent.name))


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _run_as() -> _RunAs:
    if os.geteuid() != 0:
        return _RunAs(uid=None, gid=None)
    try:
        entry = pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PostgresNotInstalled(
            "Running as root but there is no `postgres` OS user to run the cluster as. "
            "Run ./test, which installs the Debian package `postgresql`."
        ) from None
    return _RunAs(uid=entry.pw_uid, gid=entry.pw_gid)


def _child_env() -> dict[str, str]:
    # PG* variables of the caller (PGDATA, PGPORT, ...) must not steer our private cluster.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


class PostgresServer:
    """One private PostgreSQL cluster; `start()` it, hand out databases, `stop()` it."""

    def __init__(self, base_dir: Path | None = None) -> None:
        self.bin_dir = find_bin_dir()
        self._run_as = _run_as()
        self._own_dir = base_dir is None
        self.dir = Path(tempfile.mkdtemp(prefix="orderbot-pg-")) if base_dir is None else base_dir
        self.data_dir = self.dir / "data"
        self.log_path = self.dir / "postgres.log"
        self.host = LOOPBACK
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The server's PID while it runs."""
        return None if self._process is None else self._process.pid

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """initdb, start the server on a free port, and wait until it accepts logins."""
        if self._process is not None:
            raise RuntimeError("PostgreSQL test server already running")
        self.dir.mkdir(parents=True, exist_ok=True)
        if self._run_as.uid is not None:
            os.chown(self.dir, self._run_as.uid, self._run_as.gid or -1)
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        for attempt in range(PORT_ATTEMPTS):
            self.port = free_port()
            if self._try_start():
                return
            if attempt == PORT_ATTEMPTS - 1:
                break
        raise PostgresStartError(f"could not bind a free port:\n{self._log_tail()}")

    def stop(self) -> None:
        """Fast shutdown (SIGINT to the PID), wait, then remove the temp dir."""
        process, self._process = self._process, None
        if process is not None:
            _stop_process(process)
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL of `dbname` on this server (psycopg 3 driver)."""
        return f"postgresql+psycopg://{SUPERUSER}@{self.host}:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> str:
        """libpq connection string of `dbname`, for psycopg directly."""
        return f"host={self.host} port={self.port} user={SUPERUSER} dbname={dbname}"

    def create_database(self, name: str) -> str:
        """Create an empty database `name`; return its SQLAlchemy URL."""
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name`, disconnecting whoever is still connected to it."""
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def _admin(self, statement: sql.Composed) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction block.
        with psycopg.connect(self.conninfo(), autocommit=True, connect_timeout=10) as conn:
            conn.execute(statement)

    def _initdb(self) -> None:
        command = [
            str(self.bin_dir / "initdb"),
            "-D", str(self.data_dir),
            "-U", SUPERUSER,
            "--auth=trust",
            "-E", "UTF8",
            "--no-locale",
            # No fsync of the new cluster: it lives as long as this test session.
            "--no-sync",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            result = subprocess.run(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.dir,
                env=_child_env(),
                check=False,
                user=self._run_as.uid,
                group=self._run_as.gid,
                extra_groups=self._run_as.extra_groups,
            )
        if result.returncode != 0:
            raise PostgresStartError(f"initdb failed:\n{self._log_tail()}")

    def _try_start(self) -> bool:
        """Start on self.port; True once ready, False if the port was taken meanwhile."""
        command = [
            str(self.bin_dir / "postgres"),
            "-D", str(self.data_dir),
            "-p", str(self.port),
            "-k", str(self.dir),
            "-c", f"listen_addresses={self.host}",
        ]  # fmt: skip
        for setting in FAST_SETTINGS:
            command += ["-c", setting]
        log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.dir,
                env=_child_env(),
                user=self._run_as.uid,
                group=self._run_as.gid,
                extra_groups=self._run_as.extra_groups,
            )
        try:
            return self._wait_ready(log_offset)
        except BaseException:
            self._kill()
            raise

    def _wait_ready(self, log_offset: int) -> bool:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                if "could not bind" in self._log_text(log_offset):
                    return False
                raise PostgresStartError(f"postgres exited at start:\n{self._log_tail()}")
            try:
                with psycopg.connect(self.conninfo(), connect_timeout=1):
                    return True
            except psycopg.OperationalError:
                time.sleep(0.05)
        raise PostgresStartError(
            f"postgres not ready after {START_TIMEOUT:.0f} s:\n{self._log_tail()}"
        )

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            _stop_process(process)

    def _log_text(self, offset: int = 0) -> str:
        try:
            with self.log_path.open("rb") as log:
                log.seek(offset)
                return log.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def _log_tail(self, lines: int = 30) -> str:
        return "\n".join(self._log_text().splitlines()[-lines:])


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    """SIGINT (PostgreSQL's fast shutdown) to the PID; SIGKILL if it will not go."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
