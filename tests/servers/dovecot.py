"""A private dovecot IMAP server for tests: own config, users and maildirs in a temp dir.

`dovecot -F -c DIR/dovecot.conf` runs as our child on 127.0.0.1 and a free port; nothing
under /etc/dovecot is read and the package's system service is not involved. Each user
is a one-line passwd-file in DIR/users, mail is maildir under DIR/mail, owned by uid
65534 because dovecot will not store mail as root. Tests script
the mailbox through the helpers here (append, create a folder, search, read flags) with
the stdlib's imaplib, and make connections drop with `kick()` or `restart()`.
`DovecotServer(namespace_prefix="INBOX.")` puts every folder under `INBOX.` with `.` as
separator, as Cyrus and Courier do: there `CREATE Quarantine` is refused and
`CREATE INBOX.Quarantine` works.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.servers.ports import LOOPBACK, free_port

START_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0
PORT_ATTEMPTS = 3
# Dovecot refuses to store mail as root; `nobody` owns the maildirs when we are root.
MAIL_UID = 65534

# Dovecot 2.3's post-login capabilities, minus IDLE: a client that honours CAPABILITY
# must fall back to polling. (Dovecot still accepts an IDLE command if sent regardless.)
CAPABILITY_WITHOUT_IDLE = (
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES "
    "THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN "
    "NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES "
    "WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW "
    "STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE"
)

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]*")
_APPENDUID = re.compile(rb"\[APPENDUID \d+ (\d+)\]")
_FLAGS = re.compile(rb"FLAGS \(([^)]*)\)")


_CONFIG = """\
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = imap
listen = {host}
ssl = no
# Loopback only: plaintext LOGIN is fine, and it is what the tests use.
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
# Tests refuse logins on purpose: no delay after a refusal, and no anvil auth penalty
# (which would slow every later login from 127.0.0.1 by 2-15 s). mode = 0 is dovecot's
# documented way to switch the penalty off.
auth_failure_delay = 0
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
mail_location = maildir:{dir}/mail/%u
first_valid_uid = {first_valid_uid}
# Tests open many sessions per user (listener, helpers, reconnects).
mail_max_userip_connections = 200
namespace inbox {{
  inbox = yes
{namespace}
}}
# One passwd-file per user, written once: dovecot notices a changed file only by its
# mtime (seconds) and size, so rewriting one shared file would miss quick changes.
passdb {{
  driver = passwd-file
  args = {users}/%u
}}
userdb {{
  driver = passwd-file
  args = {users}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
{extra}
"""


class DovecotNotInstalled(RuntimeError):
    """The dovecot binaries are not on this machine."""


class DovecotStartError(RuntimeError):
    """dovecot failed to start; the message carries the end of its log."""


@dataclass(frozen=True)
class ImapAccount:
    """One mailbox user on a running `DovecotServer`, with helpers bound to it."""

    host: str
    port: int
    user: str
    password: str
    server: DovecotServer = field(repr=False, compare=False)

    def append(self, raw: bytes, folder: str = "INBOX", flags: Iterable[str] = ()) -> int:
        """APPEND `raw` (a whole RFC 5322 message) to `folder`; return its UID."""
        return self.server.append(self.user, raw, folder=folder, flags=flags)

    def create_folder(self, folder: str) -> None:
        """Create and subscribe `folder`."""
        self.server.create_folder(self.user, folder)

    def search(self, criteria: str = "ALL", folder: str = "INBOX") -> list[int]:
        """UIDs in `folder` matching an IMAP SEARCH `criteria` such as "UNSEEN"."""
        return self.server.search(self.user, criteria, folder=folder)

    def folders(self) -> list[str]:
        """The user's folders as dovecot names them (UTF-8)."""
        return self.server.folders(self.user)

    def flags(self, uid: int, folder: str = "INBOX") -> set[str]:
        """Flags of message `uid` in `folder`, e.g. {"\\Seen"}."""
        return self.server.flags(self.user, uid, folder=folder)

    def kick(self) -> None:
        """Drop every IMAP connection of this user (doveadm kick)."""
        self.server.kick(self.user)


class DovecotServer:
    """One private dovecot; `start()` it, `add_user()`, script mailboxes, `stop()` it."""

    def __init__(
        self, *, idle: bool = True, base_dir: Path | None = None, namespace_prefix: str = ""
    ) -> None:
        self.dovecot = _find_binary("dovecot", "/usr/sbin/dovecot")
        self.doveadm = _find_binary("doveadm", "/usr/bin/doveadm")
        self.idle = idle
        self.namespace_prefix = namespace_prefix
        self._own_dir = base_dir is None
        self.dir = (
            Path(tempfile.mkdtemp(prefix="orderbot-dovecot-")) if base_dir is None else base_dir
        )
        self.config_path = self.dir / "dovecot.conf"
        self.users_dir = self.dir / "users"
        self.log_path = self.dir / "dovecot.log"
        self.host = LOOPBACK
        self.port = 0
        self._passwords: dict[str, str] = {}
        self._process: subprocess.Popen[bytes] | None = None
        if os.geteuid() == 0:
            self._mail_uid, self._mail_gid = MAIL_UID, MAIL_UID
        else:
            self._mail_uid, self._mail_gid = os.getuid(), os.getgid()

    @property
    def pid(self) -> int | None:
        """The dovecot master's PID while it runs."""
        return None if self._process is None else self._process.pid

    def __enter__(self) -> DovecotServer:
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
        """Write the config and start dovecot on a free port (the same port on restart)."""
        if self._process is not None:
            raise RuntimeError("dovecot test server already running")
        self._prepare_dir()
        ports = [self.port] if self.port else [free_port() for _ in range(PORT_ATTEMPTS)]
        for port in ports:
            self.port = port
            self.config_path.write_text(self._config())
            if self._try_start():
                return
        raise DovecotStartError(f"could not bind a free port:\n{self._log_tail()}")

    def stop(self) -> None:
        """SIGTERM to the master's PID, wait, then remove the temp dir."""
        self._terminate()
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def restart(self) -> None:
        """Stop and start again on the same port: every connection drops, mail stays."""
        self._terminate()
        self.start()

    def add_user(self, user: str, password: str = "secret") -> ImapAccount:
        """Create a user with an empty maildir; return its account."""
        if not _NAME.fullmatch(user) or ":" in password or "\n" in password:
            raise ValueError(f"unusable IMAP user name or password: {user!r}")
        if user in self._passwords:
            raise ValueError(f"IMAP user {user!r} exists already")
        home = self.dir / "home" / user
        home.mkdir(parents=True)
        os.chown(home, self._mail_uid, self._mail_gid)
        self._passwords[user] = password
        self._write_user(user, password)
        return ImapAccount(self.host, self.port, user, password, self)

    def remove_user(self, user: str) -> None:
        """Drop the user's connections, then delete the user and its mail."""
        if self._process is not None:
            self.kick(user)
        self._passwords.pop(user, None)
        (self.users_dir / user).unlink(missing_ok=True)
        shutil.rmtree(self.dir / "home" / user, ignore_errors=True)
        shutil.rmtree(self.dir / "mail" / user, ignore_errors=True)

    def append(
        self, user: str, raw: bytes, folder: str = "INBOX", flags: Iterable[str] = ()
    ) -> int:
        """APPEND `raw` to `user`'s `folder` as a client would; return the new UID."""
        flag_list = " ".join(flags)
        with self.imap(user) as imap:
            _, data = _ok(
                imap.append(_quote(folder), f"({flag_list})" if flag_list else "", None, raw)
            )
        match = _APPENDUID.search(b" ".join(d for d in data if isinstance(d, bytes)))
        if match is None:
            raise AssertionError(f"no APPENDUID in dovecot's answer: {data!r}")
        return int(match.group(1))

    def create_folder(self, user: str, folder: str) -> None:
        """Create and subscribe `folder` in `user`'s mailbox."""
        with self.imap(user) as imap:
            _ok(imap.create(_quote(folder)))
            _ok(imap.subscribe(_quote(folder)))

    def search(self, user: str, criteria: str = "ALL", folder: str = "INBOX") -> list[int]:
        """UIDs of `user`'s messages in `folder` matching an IMAP SEARCH `criteria`."""
        with self.imap(user) as imap:
            _ok(imap.select(_quote(folder), readonly=True))
            _, data = _ok(imap.uid("SEARCH", criteria))
        return [int(uid) for uid in (data[0] or b"").split()]

    def flags(self, user: str, uid: int, folder: str = "INBOX") -> set[str]:
        """Flags of `user`'s message `uid` in `folder`."""
        with self.imap(user) as imap:
            _ok(imap.select(_quote(folder), readonly=True))
            _, data = _ok(imap.uid("FETCH", str(uid), "(FLAGS)"))
        for item in data:
            line = item[0] if isinstance(item, tuple) else item
            match = _FLAGS.search(line) if isinstance(line, bytes) else None
            if match:
                return set(match.group(1).decode().split())
        raise KeyError(f"no message with UID {uid} in {user}/{folder}")

    def folders(self, user: str) -> list[str]:
        """`user`'s folders as dovecot itself names them (UTF-8, not modified UTF-7)."""
        result = subprocess.run(
            [self.doveadm, "-c", str(self.config_path), "mailbox", "list", "-u", user],
            capture_output=True,
            check=True,
        )
        return sorted(result.stdout.decode("utf-8").splitlines())

    def kick(self, user: str) -> None:
        """Disconnect every IMAP session of `user` (the server keeps running)."""
        result = subprocess.run(
            [self.doveadm, "-c", str(self.config_path), "kick", user],
            capture_output=True,
            check=False,
        )
        # doveadm kick exits 68 (EX_NOUSER) when the user had no connection to drop.
        if result.returncode not in (0, 68):
            raise RuntimeError(f"doveadm kick {user} failed: {result.stderr.decode()}")

    @contextmanager
    def imap(self, user: str) -> Iterator[imaplib.IMAP4]:
        """A logged-in stdlib IMAP client for `user` (blocking; for test set-up only)."""
        imap = imaplib.IMAP4(self.host, self.port, timeout=10)
        try:
            _ok(imap.login(user, self._passwords[user]))
            yield imap
        finally:
            try:
                imap.logout()
            except (OSError, imaplib.IMAP4.error):
                imap.shutdown()

    def _prepare_dir(self) -> None:
        # dovecot's unprivileged processes (auth, login) must traverse DIR and read users.
        self.dir.chmod(0o755)
        for name in ("mail", "home"):
            path = self.dir / name
            path.mkdir(exist_ok=True)
            os.chown(path, self._mail_uid, self._mail_gid)
        (self.dir / "state").mkdir(exist_ok=True)
        self.users_dir.mkdir(exist_ok=True)
        self.users_dir.chmod(0o755)

    def _write_user(self, user: str, password: str) -> None:
        home = self.dir / "home" / user
        line = f"{user}:{{PLAIN}}{password}:{self._mail_uid}:{self._mail_gid}::{home}::\n"
        # Written aside and renamed so that dovecot never reads half a file; 0644 because
        # the auth process runs as the `dovecot` user ("Temporary authentication failure").
        tmp = self.users_dir / f".{user}.tmp"
        tmp.write_text(line)
        tmp.chmod(0o644)
        tmp.replace(self.users_dir / user)

    def _config(self) -> str:
        extra = []
        if not self.idle:
            extra.append(f"imap_capability = {CAPABILITY_WITHOUT_IDLE}")
        if os.geteuid() != 0:
            extra += _unprivileged_config()
        return _CONFIG.format(
            dir=self.dir,
            host=self.host,
            port=self.port,
            users=self.users_dir,
            namespace=_namespace(self.namespace_prefix),
            first_valid_uid=min(500, self._mail_uid),
            extra="\n".join(extra),
        )

    def _try_start(self) -> bool:
        """Start on self.port; True once it greets, False if the port was taken."""
        log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            # Errors before dovecot opens its own log_path (bad config) land here too.
            self._process = subprocess.Popen(
                [self.dovecot, "-F", "-c", str(self.config_path)],
                stdout=subprocess.DEVNULL,
                stderr=log,
                cwd=self.dir,
                # Its own process group, so that stop() can find every dovecot process.
                start_new_session=True,
            )
        try:
            return self._wait_ready(log_offset)
        except BaseException:
            self._terminate()
            raise

    def _wait_ready(self, log_offset: int) -> bool:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                if "Address already in use" in self._log_text(log_offset):
                    return False
                raise DovecotStartError(f"dovecot exited at start:\n{self._log_tail()}")
            if _greets(self.host, self.port):
                return True
            time.sleep(0.02)
        raise DovecotStartError(f"dovecot not ready after {START_TIMEOUT:.0f} s")

    def _terminate(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # The master leaves logged-in imap processes running (and their clients connected)
        # after it exits; they are in its process group, which we created for it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    def _log_text(self, offset: int = 0) -> str:
        try:
            with self.log_path.open("rb") as log:
                log.seek(offset)
                return log.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def _log_tail(self, lines: int = 30) -> str:
        return "\n".join(self._log_text().splitlines()[-lines:])


def _namespace(prefix: str) -> str:
    """The body of the inbox namespace: `/` between folders, or `prefix` with `.`."""
    if not prefix:
        return "  separator = /"
    return f"  prefix = {prefix}\n  separator = ."


def _find_binary(name: str, default: str) -> str:
    path = shutil.which(name) or (default if os.access(default, os.X_OK) else None)
    if path is None:
        raise DovecotNotInstalled(
            f"{name} not found. Run ./test, which installs it "
            "(apt-get install dovecot-imapd), or install dovecot-imapd yourself."
        )
    return path


def _unprivileged_config() -> list[str]:
    # Without root dovecot can neither switch users nor chroot: run everything as us.
    me = pwd.getpwuid(os.getuid()).pw_name
    return [
        f"default_internal_user = {me}",
        f"default_login_user = {me}",
        f"default_internal_group = {me}",
        "service anvil {\n  chroot =\n}",
        "service imap-login {\n  chroot =\n}",
    ]


def _greets(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            return sock.recv(64).startswith(b"* OK")
    except OSError:
        return False


def _quote(mailbox: str) -> str:
    # imaplib sends mailbox names as given; quote them so names with spaces work.
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(response: tuple[str, list[Any]]) -> tuple[str, list[Any]]:
    status, data = response
    if status != "OK":
        raise AssertionError(f"IMAP command failed: {status} {data!r}")
    return status, data
