"""The customer's tracking page: `GET /t/{token}` (HTML) and `GET /t/{token}.json` (data).

The page shows one order: status in words with an icon (never colour alone), the
public timeline, shipments with their products, planned dates, carriers and tracking
numbers, and totals, in the customer's language, laid out for a phone. While open it
fetches the JSON every few seconds and updates itself without reloading.

An unknown, revoked, expired or malformed token gets one fixed 404 page, byte for byte
the same, revealing nothing. A client that misses too often within a window gets 429
instead for a while. Only misses are limited: a valid link is always served, so a
scanner sharing a customer's address (a NAT, a proxy we were not told to trust) never
locks the customer out, and a token of 256 bits is never found by trying. The client
is the address seen through the trusted proxies (mail.forwarded). GETs read through a
read-only view and change nothing. Every answer carries `Cache-Control:
no-store`, `Referrer-Policy: no-referrer` and `X-Robots-Tag: noindex`.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from domain.orders.tracking import TrackingReadView
from mail.forwarded import ClientAddress
from mail.outbound.carriers import CarrierLinks
from mail.outbound.history import customer_history
from mail.outbound.wording import Wording

TEMPLATES = Path(__file__).with_name("templates")

HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

# Fixed pages, the same bytes for every miss (so a miss reveals nothing).
NOT_VALID_PAGE = (TEMPLATES / "not_valid.html").read_text(encoding="utf-8")
SLOW_DOWN_PAGE = (TEMPLATES / "slow_down.html").read_text(encoding="utf-8")


class MissLimiter:
    """Counts misses per address in a sliding window; over `limit` the address's misses wait."""

    def __init__(
        self,
        limit: int = 20,
        window_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_addresses: int = 10_000,
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self.clock = clock
        self.max_addresses = max_addresses
        self._misses: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, address: str) -> deque[float]:
        misses = self._misses.get(address)
        if misses is None:
            return deque()
        horizon = self.clock() - self.window
        while misses and misses[0] <= horizon:
            misses.popleft()
        if not misses:
            del self._misses[address]
        return misses

    def wait_for(self, address: str) -> float | None:
        """Seconds the address must wait, or None when it may try."""
        misses = self._recent(address)
        if len(misses) < self.limit:
            return None
        return max(misses[0] + self.window - self.clock(), 0.001)

    def miss(self, address: str) -> None:
        """Count one miss."""
        misses = self._misses.setdefault(address, deque())
        self._misses.move_to_end(address)
        misses.append(self.clock())
        while len(self._misses) > self.max_addresses:  # bounded memory under a flood
            self._misses.popitem(last=False)


def present(
    data: dict[str, Any],
    refresh_seconds: float,
    carriers: CarrierLinks | None = None,
    zone: tzinfo | None = None,
) -> dict[str, Any]:
    """The summary with the words, icons, amounts, quantities and dates the page shows.

    The raw values stay beside their `*_text` forms, so the JSON keeps its data; the
    history holds the customer's sentences only (`mail.outbound.history`).
    """
    w = Wording(data.get("language"), data.get("currency", "EUR"), zone)
    carriers = carriers or CarrierLinks()
    shown = dict(data)
    shown["status_text"] = w.status("order", data["status"])
    shown["icon"] = w.icon(data["status"])
    shown["shipments"] = [
        {
            **s,
            "status_text": w.status("shipment", s["status"]),
            "icon": w.icon(s["status"]),
            "planned_text": w.day(s["planned_date"]) if s.get("planned_date") else "",
            "tracking_url": carriers.url(s.get("carrier"), s.get("tracking_number")),
            "products": [
                {**p, "quantity_text": w.number(p["quantity"])} for p in s.get("products", [])
            ],
        }
        for s in data["shipments"]
    ]
    shown["lines"] = [
        {**ln, "net_text": w.money(ln["net"]), "quantity_text": w.number(ln["quantity"])}
        for ln in data["lines"]
    ]
    shown["totals_text"] = {k: w.money(v) for k, v in data["totals"].items()}
    shown["total_rows_text"] = [
        {
            "what": r["what"],
            "rate": r.get("rate"),
            "amount": r["amount"],
            "label": w.total_label(r),
            "amount_text": w.money(r["amount"]),
        }
        for r in w.total_rows(data)
    ]
    shown["timeline"] = customer_history(w, data)
    shown["words"] = w.words
    # "Status: " as the language writes a label before its value ("Statut : " in French),
    # for the page and its script, which put the value (a link, a live status) after it.
    before_value = shown["words"]["field"].split("{value}")[0]
    shown["labels"] = {
        key: before_value.replace("{label}", shown["words"][key])
        for key in ("reference", "status", "carrier", "tracking_number")
    }
    shown["refresh_seconds"] = refresh_seconds
    return shown


class TrackingPage:
    """The aiohttp handlers of the tracking page; the data comes through `view`."""

    def __init__(
        self,
        view: TrackingReadView,
        clock: Callable[[], datetime],
        limiter: MissLimiter | None = None,
        refresh_seconds: float = 5.0,
        clients: ClientAddress | None = None,
        carriers: CarrierLinks | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        self.view = view
        self.carriers = carriers or CarrierLinks()
        self.zone = zone  # the team's time zone (TIMEZONE), the history's times are told in
        self.clock = clock
        self.limiter = limiter or MissLimiter()
        self.clients = clients or ClientAddress()
        self.refresh_seconds = refresh_seconds
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.template = env.get_template("tracking.html.j2")
        self.script = (TEMPLATES / "tracking.js").read_text(encoding="utf-8")
        self._shown: OrderedDict[str, tuple[dict[str, Any], dict[str, Any]]] = OrderedDict()

    def _presented(self, token: str, data: dict[str, Any]) -> dict[str, Any]:
        # The view hands back the same dict while the order is unchanged: reuse its words.
        known = self._shown.get(token)
        if known is not None and known[0] is data:
            return known[1]
        shown = present(data, self.refresh_seconds, self.carriers, self.zone)
        self._shown[token] = (data, shown)
        self._shown.move_to_end(token)
        while len(self._shown) > 1000:
            self._shown.popitem(last=False)
        return shown

    def add_routes(self, app: web.Application) -> None:
        """Register `GET /t/{token}` (and its `.json`)."""
        app.router.add_get("/t/{token}", self.handle)

    async def handle(self, request: web.Request) -> web.Response:
        """One page or JSON request."""
        token = request.match_info["token"]
        as_json = token.endswith(".json")
        if as_json:
            token = token[: -len(".json")]
        data = await asyncio.to_thread(self.view.page, token, self.clock())
        if data is None:
            return self._miss(request)
        shown = self._presented(token, data)
        if as_json:
            body = json.dumps(shown, ensure_ascii=False)
            return _answer(body, 200, content_type="application/json")
        nonce = secrets.token_urlsafe(16)
        html = self.template.render(d=shown, script=self.script, nonce=nonce)
        csp = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
            "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
        )
        return _answer(html, 200, {"Content-Security-Policy": csp})

    def _miss(self, request: web.Request) -> web.Response:
        """404, or 429 for a client over its limit (not counted again while it waits)."""
        forwarded = request.headers.getall("X-Forwarded-For", [])
        address = self.clients.of(request.remote, forwarded)
        wait = self.limiter.wait_for(address)
        if wait is not None:
            return _answer(SLOW_DOWN_PAGE, 429, {"Retry-After": str(int(wait) + 1)})
        self.limiter.miss(address)
        return _answer(NOT_VALID_PAGE, 404)


def _answer(
    body: str,
    status: int,
    extra: dict[str, str] | None = None,
    content_type: str = "text/html",
) -> web.Response:
    headers = {**HEADERS, **(extra or {})}
    return web.Response(
        text=body, status=status, headers=headers, content_type=content_type, charset="utf-8"
    )
