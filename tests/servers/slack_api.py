"""A recording stand-in of the Slack Web API on 127.0.0.1, for tests (aiohttp).

`base_url` is what SLACK_API_URL points at (`http://127.0.0.1:PORT/api/`). Every call is
recorded with its parameters (JSON or form body). It answers the methods orderbot uses
(auth.test, chat.postMessage, chat.postEphemeral, views.open/update,
files.getUploadURLExternal/completeUploadExternal and the upload URL, users.info with
the locale set in `locales` for a user (en-US for the others), conversations.open);
other methods answer `{"ok": true}`. Posts to `response_url(n)` are recorded too.

    fail_next(method, status, retry_after=None, error=..., times=1)
        answer the next calls of `method` with that HTTP status (429 with Retry-After,
        500...) or, with status 200, `{"ok": false, "error": error}`.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from tests.servers.ports import LOOPBACK


@dataclass(frozen=True)
class Call:
    """One request the stand-in received."""

    method: str
    params: dict[str, Any]
    token: str = ""


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    error: str
    times: int


@dataclass
class SlackApiStub:
    """The server; start with `await stub.start()`, stop with `await stub.stop()`."""

    calls: list[Call] = field(default_factory=list)
    uploads: list[bytes] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # served at file_url(name)
    # users.info's `locale` per user id (asked with include_locale); others read en-US
    locales: dict[str, str] = field(default_factory=dict)
    port: int = 0
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _runner: web.AppRunner | None = None
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        """The server's root URL."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def base_url(self) -> str:
        """The Web API base (SLACK_API_URL)."""
        return f"{self.url}/api/"

    def response_url(self, n: int | str) -> str:
        """A response_url whose posts are recorded as method `response:{n}`."""
        return f"{self.url}/response/{n}"

    def file_url(self, name: str) -> str:
        """Where a file put in `files` is downloaded from (url_private_download)."""
        return f"{self.url}/files/{name}"

    async def start(self) -> SlackApiStub:
        """Listen on a kernel-chosen loopback port."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # users.info asks with GET
        app.router.add_post("/response/{n}", self._response)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/files/{name}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, LOOPBACK, 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    def fail_next(
        self,
        method: str,
        status: int,
        retry_after: int | None = None,
        error: str = "",
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` with a failure."""
        self._failures.setdefault(method, []).append(_Failure(status, retry_after, error, times))

    def of(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every call of `method`, in order."""
        return [c.params for c in self.calls if c.method == method]

    def responses(self) -> list[dict[str, Any]]:
        """Every message posted to a response_url, in order."""
        return [c.params for c in self.calls if c.method.startswith("response:")]

    def _record(self, call: Call) -> None:
        self.calls.append(call)

    async def _params(self, request: web.Request) -> dict[str, Any]:
        # some methods (conversations.open) send their arguments in the query string
        raw = await request.read()
        if request.content_type == "application/json":
            return {**request.query, **json.loads(raw or b"{}")}
        return {**request.query, **dict(parse_qsl(raw.decode()))}

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self._record(Call(method, params, token))
        queue = self._failures.get(method)
        if queue:
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            if failure.status != 200:
                body = {"ok": False, "error": failure.error or "ratelimited"}
                return web.json_response(body, status=failure.status, headers=headers)
            return web.json_response({"ok": False, "error": failure.error})
        return web.json_response(self._answer(method, params))

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "user": "bot"}
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            return {"ok": True, "channel": params.get("channel"), "ts": ts}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700000000.{next(self._ts):06d}"}
        if method in ("views.open", "views.update", "views.push"):
            return {"ok": True, "view": {"id": f"V{next(self._ts)}"}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts)}"
            return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = params.get("files")
            listed = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f["id"]} for f in listed]}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users", ""))}}
        if method == "users.info":
            user = params.get("user", "")
            found = {"id": user, "name": user.lower(), "tz": "Europe/Paris"}
            if str(params.get("include_locale", "")).lower() in ("true", "1"):
                found["locale"] = self.locales.get(user, "en-US")
            return {"ok": True, "user": found}
        return {"ok": True}

    async def _response(self, request: web.Request) -> web.Response:
        self._record(Call(f"response:{request.match_info['n']}", await self._params(request)))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads.append(await request.read())
        self._record(Call("upload", {"file_id": request.match_info["file_id"]}))
        return web.Response(text="OK - 1")

    async def _file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        self._record(Call("download", {"name": name}, request.headers.get("Authorization", "")))
        if name not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[name])
