"""A recording SMTP server for tests (aiosmtpd), with scriptable failures.

It runs in aiosmtpd's own thread and event loop on 127.0.0.1 and a kernel-chosen port,
so a test's event loop and the code under test talk to it like to any mail server. It
keeps every accepted message, and can be told to misbehave for the next messages:

    fail_next(code, stage=...)   answer RCPT or DATA with 421, 451, 550, ...
    drop_next(stage=...)         close the connection at RCPT, at DATA, or after taking
                                 the message but before answering (a duplicate-maker)
    require_auth(users)          refuse MAIL without AUTH (530), wrong logins with 535
    stall_after(count)           take `count` messages, then store the next one and never
                                 answer it (the client waits for its 250 forever)

A 421 answer closes the connection afterwards, as RFC 5321 requires of the server.
"""

from __future__ import annotations

import asyncio
import email.policy
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from types import TracebackType
from typing import Any, Literal
from weakref import WeakKeyDictionary

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.servers.ports import LOOPBACK

FailStage = Literal["rcpt", "data"]
DropStage = Literal["rcpt", "data", "after_data"]

DEFAULT_TEXT = {
    421: "4.3.2 Service not available, closing transmission channel",
    450: "4.2.1 Mailbox unavailable, try again later",
    451: "4.3.0 Local error in processing, try again later",
    452: "4.3.1 Insufficient system storage",
    550: "5.1.1 Mailbox unavailable",
    552: "5.3.4 Message too big",
    554: "5.6.0 Transaction failed",
}


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    message: EmailMessage
    login: str | None


@dataclass
class _Script:
    """What to do with the next transactions, counted down as they arrive."""

    kind: Literal["fail", "drop"]
    stage: str
    count: int
    reply: str = ""


class _Handler:
    """aiosmtpd handler hooks; runs in the server thread, shares state under a lock."""

    def __init__(self, server: SmtpServer) -> None:
        self._server = server
        # The script entry chosen for a transaction, kept per envelope so that every
        # RCPT of one message gets the same answer and a message counts once.
        self._chosen: WeakKeyDictionary[Envelope, _Script | None] = WeakKeyDictionary()

    async def handle_MAIL(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        if self._server.auth_required and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if envelope not in self._chosen:
            self._chosen[envelope] = self._server._take_script(("rcpt",))
        script = self._chosen[envelope]
        if script is not None and script.stage == "rcpt":
            return _misbehave(server, script)
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        script = self._chosen.get(envelope)
        if script is None:
            script = self._server._take_script(("data", "after_data"))
        if script is not None and script.stage == "data":
            return _misbehave(server, script)
        self._server._record(envelope, session)
        if script is not None and script.stage == "after_data":
            return _misbehave(server, script)
        if self._server._stalls_now():
            # Stored but never answered: the client's send is in flight until it dies.
            await asyncio.Event().wait()
        return "250 OK"

    def authenticate(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        mechanism: str,
        auth_data: Any,
    ) -> AuthResult:
        # handled=False: let aiosmtpd answer the refusal itself (535).
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        users = self._server.users
        login, password = auth_data.login.decode(), auth_data.password.decode()
        if users is not None and users.get(login) != password:
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=auth_data)


def _misbehave(server: SMTP, script: _Script) -> str:
    transport = server.transport
    assert isinstance(transport, asyncio.WriteTransport)
    if script.kind == "drop":
        # abort(): no goodbye and no flush, like a crashed server or a cut cable.
        transport.abort()
        return "421 4.4.2 connection dropped by test script"
    if script.reply.startswith("421"):
        # Close right after aiosmtpd has written our answer (it writes before the next
        # loop iteration), as RFC 5321 wants from a server that answers 421.
        server.loop.call_soon(transport.close)
    return script.reply


class _Controller(Controller):
    """Controller that builds each session's SMTP from the server's current settings."""

    def __init__(self, server: SmtpServer, handler: _Handler) -> None:
        # port=0: the kernel picks a free port, read back once bound.
        super().__init__(handler, hostname=LOOPBACK, port=0, server_hostname="orderbot.test")
        self._orderbot_server = server
        self._orderbot_handler = handler

    def factory(self) -> SMTP:
        self._orderbot_server._count_connection()
        # AUTH is always offered (auth_require_tls=False: loopback, no TLS); whether it
        # is required is checked in handle_MAIL, so it can change while we run.
        return SMTP(
            self.handler,
            hostname="orderbot.test",
            enable_SMTPUTF8=True,
            auth_require_tls=False,
            authenticator=self._orderbot_handler.authenticate,
        )

    def _trigger_server(self) -> None:
        # aiosmtpd connects to self.port to check the server; with port=0 read the real one.
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpServer:
    """The recording SMTP server; `start()`, send to (host, port), read `messages`."""

    def __init__(self) -> None:
        self.host = LOOPBACK
        self.port = 0
        self.auth_required = False
        self.users: Mapping[str, str] | None = None
        self._lock = threading.Lock()
        self._messages: list[ReceivedMessage] = []
        self._scripts: list[_Script] = []
        self._connections = 0
        self._stall_at: int | None = None
        self._controller: _Controller | None = None

    def __enter__(self) -> SmtpServer:
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
        """Start listening on 127.0.0.1 and a free port."""
        if self._controller is not None:
            raise RuntimeError("SMTP test server already running")
        controller = _Controller(self, _Handler(self))
        controller.start()
        self._controller = controller
        self.port = controller.port
        with self._lock:
            # aiosmtpd's own start-up check opened one connection; it is not a client's.
            self._connections = 0

    def stop(self) -> None:
        """Stop the server thread; open connections are cut."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    @property
    def messages(self) -> list[ReceivedMessage]:
        """The messages accepted so far, oldest first (a copy)."""
        with self._lock:
            return list(self._messages)

    @property
    def connections(self) -> int:
        """How many SMTP connections clients opened so far."""
        with self._lock:
            return self._connections

    def clear(self) -> None:
        """Forget the recorded messages and any pending scripted misbehaviour."""
        with self._lock:
            self._messages.clear()
            self._scripts.clear()

    def fail_next(
        self, code: int, text: str | None = None, *, count: int = 1, stage: FailStage = "data"
    ) -> None:
        """Answer the next `count` messages with `code` at RCPT (every recipient) or DATA."""
        reply = f"{code} {text or DEFAULT_TEXT.get(code, 'scripted failure')}"
        self._add(_Script("fail", stage, count, reply))

    def drop_next(self, *, count: int = 1, stage: DropStage = "data") -> None:
        """Cut the connection of the next `count` messages at RCPT, at end of DATA, or
        after storing the message but before answering it ("after_data")."""
        self._add(_Script("drop", stage, count))

    def require_auth(self, users: Mapping[str, str] | None = None) -> None:
        """Refuse MAIL before a successful AUTH; accept only `users` (login -> password).

        With no users every AUTH attempt is refused with 535.
        """
        self.users = dict(users or {})
        self.auth_required = True

    def stall_after(self, count: int) -> None:
        """Take the next `count` messages, then store the one after and never answer it."""
        with self._lock:
            self._stall_at = len(self._messages) + count + 1

    # The timeout is this helper's whole point, hence a parameter (not asyncio.timeout).
    async def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMessage]:  # noqa: ASYNC109
        """Wait until at least `count` messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while len(messages := self.messages) < count:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{len(messages)} of {count} messages after {timeout} s")
            # The server lives in another thread; a short poll keeps this loop free.
            await asyncio.sleep(0.01)
        return messages

    def _add(self, script: _Script) -> None:
        if script.count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._scripts.append(script)

    def _take_script(self, stages: tuple[str, ...]) -> _Script | None:
        with self._lock:
            for script in self._scripts:
                if script.stage in stages:
                    script.count -= 1
                    if script.count == 0:
                        self._scripts.remove(script)
                    return script
        return None

    def _stalls_now(self) -> bool:
        with self._lock:
            if self._stall_at is None or len(self._messages) != self._stall_at:
                return False
            self._stall_at = None
            return True

    def _count_connection(self) -> None:
        with self._lock:
            self._connections += 1

    def _record(self, envelope: Envelope, session: Session) -> None:
        data = envelope.original_content or b""
        # Parsed from LF-only lines so that get_content() gives "...\n" as it was built.
        parsed = BytesParser(policy=email.policy.default).parsebytes(data.replace(b"\r\n", b"\n"))
        assert isinstance(parsed, EmailMessage)
        auth: object = session.auth_data  # aiosmtpd leaves it unannotated (None)
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        received = ReceivedMessage(
            mail_from=envelope.mail_from or "",
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=data,
            message=parsed,
            login=login,
        )
        with self._lock:
            self._messages.append(received)
