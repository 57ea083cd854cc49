"""One IMAP session on the order folder, over aioimaplib: the few verbs the listener uses.

Owns talking IMAP: connect and log in (TLS or not), SELECT (its UIDVALIDITY), list new
messages with their size and flags without touching them, fetch bodies or only headers
with BODY.PEEK (so nothing is marked \\Seen by reading), mark handled messages, ask the
personal NAMESPACE, make sure a folder exists, move messages to a folder or flag them,
and wait for a change with IDLE or, when the server lacks it, by polling. Folder names
are given as people write them and sent in modified UTF-7. aioimaplib does not notice
a connection dropped during IDLE (iroco-co/aioimaplib#110), so a lost connection is
watched with its callback and every wait is bounded. IMAP failures surface as
`ImapError` (a `ConnectionError`).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import aioimaplib

from mail.inbound.utf7 import encode_folder

HANDLED_KEYWORD = "$OrderbotHandled"
QUARANTINED_KEYWORD = "$OrderbotQuarantined"
_UIDVALIDITY = re.compile(rb"\[UIDVALIDITY (\d+)\]")
_FETCH_UID = re.compile(rb"\bUID (\d+)")
_FETCH_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
_FETCH_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")
_FETCH_START = re.compile(rb"^\d+ FETCH \(")
_QUOTED = rb'"((?:[^"\\]|\\.)*)"'
# the first personal namespace of `NAMESPACE`'s answer: (("INBOX." ".")) NIL NIL
_PERSONAL = re.compile(rb"^\(\(" + _QUOTED + rb" (?:" + _QUOTED + rb"|NIL)")
# `LIST "" ""` names the hierarchy separator: (\Noselect) "/" ""
_LIST_SEPARATOR = re.compile(rb"^\([^)]*\) (?:" + _QUOTED + rb"|NIL)")
_META_CHUNK = 200


class ImapError(ConnectionError):
    """The IMAP server refused a command or the connection failed."""


@dataclass(frozen=True)
class ImapAccount:
    """Where the order inbox is and how to log in."""

    host: str
    port: int
    user: str
    password: str
    tls: bool = True
    timeout: float = 30.0


@dataclass(frozen=True)
class MessageInfo:
    """A message's UID, size in bytes and flags, read without fetching its body."""

    uid: int
    size: int
    flags: frozenset[str]

    @property
    def handled(self) -> bool:
        """Whether the listener already marked it handled."""
        return HANDLED_KEYWORD in self.flags


def _quote(mailbox: str) -> str:
    """A folder name as IMAP wants it: modified UTF-7, quoted."""
    wire = encode_folder(mailbox)
    return '"' + wire.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquote(text: bytes) -> str:
    return re.sub(rb"\\(.)", rb"\1", text).decode("ascii", "replace")


def _detail(response: Any) -> str:
    text = b" ".join(x for x in response.lines if isinstance(x, bytes))[:300]
    return text.decode(errors="replace")


def _uid_set(uids: Iterable[int]) -> str:
    return ",".join(str(u) for u in uids)


def _infos(lines: Sequence[Any]) -> list[MessageInfo]:
    found = []
    for line in lines:
        if not isinstance(line, bytes) or not _FETCH_START.match(line):
            continue
        uid, size, flags = (
            _FETCH_UID.search(line),
            _FETCH_SIZE.search(line),
            _FETCH_FLAGS.search(line),
        )
        if uid is not None and size is not None:
            names = frozenset(flags[1].decode().split()) if flags else frozenset()
            found.append(MessageInfo(int(uid[1]), int(size[1]), names))
    return found


def _check(response: Any, what: str) -> Any:
    if response.result != "OK":
        raise ImapError(f"IMAP {what} failed: {response.result} {_detail(response)}")
    return response


class ImapSession:
    """A logged-in session with one folder selected; `open()` first, `close()` after."""

    def __init__(self, account: ImapAccount) -> None:
        self.account = account
        self.client: aioimaplib.IMAP4 | None = None
        self.lost = asyncio.Event()
        self.uidvalidity = 0
        # aioimaplib lets a second FETCH/STORE start while one is pending: serialise them.
        self._lock = asyncio.Lock()

    async def open(self, folder: str) -> int:
        """Connect, log in and select `folder`; returns its UIDVALIDITY."""
        await self.connect()
        return await self.select(folder)

    async def connect(self) -> None:
        """Connect and log in."""
        a = self.account
        self.lost = asyncio.Event()
        lost = self.lost

        def on_lost(_exc: Exception | None) -> None:
            lost.set()

        try:
            if a.tls:
                client: aioimaplib.IMAP4 = aioimaplib.IMAP4_SSL(
                    a.host, a.port, timeout=a.timeout, ssl_context=ssl.create_default_context()
                )
                client.protocol.conn_lost_cb = on_lost
            else:
                client = aioimaplib.IMAP4(a.host, a.port, timeout=a.timeout, conn_lost_cb=on_lost)
            self.client = client
            await client.wait_hello_from_server()
            _check(await client.login(a.user, a.password), "LOGIN")
        except (OSError, TimeoutError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP {a.host}:{a.port}: {type(error).__name__}: {error}") from error

    async def select(self, folder: str) -> int:
        """Select `folder`; returns its UIDVALIDITY."""
        try:
            selected = _check(await self._client().select(_quote(folder)), f"SELECT {folder}")
        except (OSError, TimeoutError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP SELECT {folder}: {type(error).__name__}: {error}") from error
        for line in selected.lines:
            if isinstance(line, bytes) and (m := _UIDVALIDITY.search(line)):
                self.uidvalidity = int(m[1])
        if not self.uidvalidity:
            raise ImapError(f"IMAP SELECT {folder} gave no UIDVALIDITY")
        return self.uidvalidity

    @property
    def supports_idle(self) -> bool:
        """Whether the server advertises IDLE."""
        return self.client is not None and self.client.has_capability("IDLE")

    def _client(self) -> aioimaplib.IMAP4:
        if self.client is None or self.lost.is_set():
            raise ImapError("IMAP connection lost")
        return self.client

    async def _uid(self, command: str, *args: str) -> Any:
        try:
            async with self._lock:
                response = await self._client().uid(command, *args)
        except (OSError, TimeoutError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP UID {command}: {type(error).__name__}: {error}") from error
        return _check(response, f"UID {command}")

    async def list_after(self, last_uid: int) -> list[MessageInfo]:
        """Messages with a UID above `last_uid`: UID, size and flags only."""
        try:
            async with self._lock:
                search = self._client().uid_search("UID", f"{last_uid + 1}:*", charset=None)
                found = _check(await search, "UID SEARCH")
        except (OSError, TimeoutError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP UID SEARCH: {type(error).__name__}: {error}") from error
        # aioimaplib strips `* SEARCH`: the first line is the UIDs; the last is the tag's text
        words = found.lines[0].split() if len(found.lines) > 1 else []
        # `n:*` always names the newest message, even when its UID is below n
        uids = sorted(int(w) for w in words if w.isdigit() and int(w) > last_uid)
        infos: list[MessageInfo] = []
        # aioimaplib parses a response recursively per line: keep each one short.
        for start in range(0, len(uids), _META_CHUNK):
            chunk = _uid_set(uids[start : start + _META_CHUNK])
            response = await self._uid("fetch", chunk, "(UID RFC822.SIZE FLAGS)")
            infos += _infos(response.lines)
        return sorted(infos, key=lambda m: m.uid)

    async def fetch(self, uids: Sequence[int], headers_only: bool = False) -> dict[int, bytes]:
        """The raw bytes (or only the header) of messages, by UID, without marking them."""
        if not uids:
            return {}
        part = "BODY.PEEK[HEADER]" if headers_only else "BODY.PEEK[]"
        response = await self._uid("fetch", _uid_set(uids), f"(UID {part})")
        found: dict[int, bytes] = {}
        pending: int | None = None
        for line in response.lines:
            if isinstance(line, bytes) and _FETCH_START.match(line):
                m = _FETCH_UID.search(line)
                pending = int(m[1]) if m else None
            elif isinstance(line, bytearray) and pending is not None:
                found[pending] = bytes(line)
                pending = None
        return found

    async def mark_handled(self, uids: Sequence[int]) -> None:
        """Flag messages as handled (\\Seen and the orderbot keyword)."""
        if uids:
            await self._uid("store", _uid_set(uids), f"+FLAGS.SILENT (\\Seen {HANDLED_KEYWORD})")

    async def flag(self, uids: Sequence[int], keyword: str) -> None:
        """Flag messages handled, with `keyword` too (set aside where they lie)."""
        if uids:
            flags = f"\\Seen {HANDLED_KEYWORD} {keyword}"
            await self._uid("store", _uid_set(uids), f"+FLAGS.SILENT ({flags})")

    async def personal_namespace(self) -> tuple[str, str]:
        """(prefix, separator) of the personal namespace, e.g. ("INBOX.", ".") on Cyrus.

        Without NAMESPACE (RFC 2342) the prefix is "" and `LIST "" ""` tells the separator.
        """
        client = self._client()
        try:
            if client.has_capability("NAMESPACE"):
                found = _check(await client.namespace(), "NAMESPACE")
                if found.lines and (m := _PERSONAL.match(bytes(found.lines[0]))):
                    return _unquote(m[1]), _unquote(m[2] or b"")
            listed = _check(await client.list('""', '""'), "LIST")
        except (OSError, TimeoutError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP NAMESPACE: {type(error).__name__}: {error}") from error
        m = _LIST_SEPARATOR.match(bytes(listed.lines[0])) if listed.lines else None
        return "", _unquote(m[1]) if m and m[1] else ""

    async def ensure_folder(self, folder: str) -> None:
        """Create `folder` unless it exists, then check that it can be opened (STATUS)."""
        client = self._client()
        try:
            created = await client.create(_quote(folder))
            if created.result != "OK" and "ALREADYEXISTS" not in _detail(created):
                _check(created, f"CREATE {folder}")
            _check(await client.status(_quote(folder), "(MESSAGES)"), f"STATUS {folder}")
        except (OSError, TimeoutError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP CREATE {folder}: {type(error).__name__}: {error}") from error

    async def move(self, uids: Sequence[int], folder: str) -> None:
        """Move messages to `folder` (which must exist: see `ensure_folder`)."""
        if not uids:
            return
        client = self._client()
        if client.has_capability("MOVE"):
            await self._uid("move", _uid_set(uids), _quote(folder))
            return
        await self._uid("copy", _uid_set(uids), _quote(folder))
        await self._uid("store", _uid_set(uids), "+FLAGS.SILENT (\\Deleted)")
        await self._uid("expunge", _uid_set(uids))

    async def wait_for_change(self, idle_seconds: float, poll_seconds: float) -> bool:
        """Wait for new mail: IDLE up to `idle_seconds`, else sleep `poll_seconds`.

        Returns True when the server pushed a change, False on a timeout (re-IDLE or poll).
        """
        client = self._client()
        if not self.supports_idle:
            await self._sleep_or_lost(poll_seconds)
            return False
        try:
            idle = await asyncio.wait_for(client.idle_start(timeout=idle_seconds), 10)
        except (OSError, TimeoutError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP IDLE: {type(error).__name__}: {error}") from error
        try:
            return await self._wait_push(client, idle_seconds)
        finally:
            if not self.lost.is_set():
                client.idle_done()
                with contextlib.suppress(TimeoutError, aioimaplib.AioImapException):
                    await asyncio.wait_for(idle, 10)
            else:
                idle.cancel()

    async def _wait_push(self, client: aioimaplib.IMAP4, idle_seconds: float) -> bool:
        push = asyncio.ensure_future(client.wait_server_push(timeout=idle_seconds + 5))
        lost = asyncio.ensure_future(self.lost.wait())
        try:
            await asyncio.wait({push, lost}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            lost.cancel()
            # cancelled (the listener is stopping) or the connection lost: no waiter left
            if not push.done():
                push.cancel()
        # A cancel() only asks: the push is not done (nor cancelled) until it next runs.
        if not push.done() or push.cancelled():
            raise ImapError("IMAP connection lost during IDLE")
        try:
            lines = push.result()
        except TimeoutError:
            return False
        except (OSError, aioimaplib.AioImapException) as error:
            raise ImapError(f"IMAP IDLE: {type(error).__name__}: {error}") from error
        if lines == aioimaplib.STOP_WAIT_SERVER_PUSH:
            return False
        text = b" ".join(x for x in lines if isinstance(x, bytes))
        if b"BYE" in text:
            raise ImapError("IMAP server said BYE during IDLE")
        return True

    async def _sleep_or_lost(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.lost.wait(), seconds)
        if self.lost.is_set():
            raise ImapError("IMAP connection lost")

    async def close(self) -> None:
        """Log out (best effort) and drop the connection."""
        client, self.client = self.client, None
        if client is None:
            return
        if not self.lost.is_set():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.logout(), 5)
        with contextlib.suppress(Exception):
            transport = client.protocol.transport
            if transport is not None:
                transport.close()
