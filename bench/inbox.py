"""Benchmark: order mails per second through the whole inbox, beside the raw IMAP floor.

Loads 2,000 order mails (a quarter with a spreadsheet attachment: .xlsx or .csv) into a
private dovecot, then, in the same run:
- floor: aioimaplib UID FETCH BODY.PEEK[] of the same messages in batches of 50, nothing
  else (what reading the mailbox alone costs);
- end to end: one `InboxListener.poll_once()` on an empty SQLite database with the
  catalogue loaded: list, fetch, parse, one IntakeMails transaction per batch (orders,
  Message-ID rows, replies in the outbox), flag the batch.
Prints both rates and their ratio. Run: `PYTHONPATH=. .venv/bin/python bench/inbox.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import sys
import tempfile
import time
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

# Run as a script from anywhere: the repository's packages (and tests.servers) first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aioimaplib
from openpyxl import Workbook
from sqlalchemy import func, select

import bootstrap
from domain import commands as c
from domain.inbox.mail import IntakeRules
from mail.inbound.imap import ImapAccount
from mail.inbound.listener import InboxListener, ListenerConfig
from settings import Settings
from store.repositories.inbox import InboxStateStore
from store.tables.core import orders
from tests.servers.dovecot import DovecotServer
from tests.servers.dovecot import ImapAccount as TestAccount

PRODUCTS = [f"PART-{n:03d}" for n in range(40)]
CUSTOMERS = 50


def _catalogue(app: bootstrap.App) -> None:
    bus = app.bus
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    for n, code in enumerate(PRODUCTS):
        price = Decimal(n + 1) / 4
        bus.handle(c.CreateProduct(code=code, name=f"Part {n}", price=price, tax="VAT20"))
    for n in range(CUSTOMERS):
        bus.handle(c.CreateCustomer(code=f"C{n:03d}", name=f"Customer {n}", email=_buyer(n)))


def _buyer(n: int) -> str:
    return f"buyer{n}@customer{n}.test"


def _xlsx(lines: list[tuple[str, int]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Product", "Quantity"])
    for code, qty in lines:
        sheet.append([code, qty])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mail(n: int, rng: random.Random) -> bytes:
    msg = EmailMessage()
    msg["From"] = _buyer(n % CUSTOMERS)
    msg["To"] = "orders@shop.test"
    msg["Subject"] = f"Order {n}"
    msg["Message-ID"] = f"<bench-{n}@customer.test>"
    lines = [(rng.choice(PRODUCTS), rng.randint(1, 50)) for _ in range(rng.randint(1, 5))]
    if n % 4 == 3:
        msg.set_content(f"Hello,\nplease find our order attached.\nPO: B-{n}\n\nRegards\n")
        if n % 8 == 3:
            data = _xlsx(lines)
            msg.add_attachment(
                data,
                maintype="application",
                subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                filename=f"order-{n}.xlsx",
            )
        else:
            csv = "Product,Quantity\n" + "".join(f"{p},{q}\n" for p, q in lines)
            msg.add_attachment(csv.encode(), maintype="text", subtype="csv", filename="o.csv")
    else:
        body = "".join(f"{q} x {p}\n" for p, q in lines)
        msg.set_content(f"Hello,\n\n{body}PO: B-{n}\n\nThanks\n-- \nBuyer {n}\n")
    return msg.as_bytes()


def _load(account: TestAccount, server: DovecotServer, count: int) -> list[int]:
    rng = random.Random(7)
    uids = []
    with server.imap(account.user) as imap:
        for n in range(count):
            _, _data = imap.append("INBOX", "", None, _mail(n, rng))
            uids.append(n + 1)
    return uids


async def _floor(account: TestAccount, uids: list[int], batch: int) -> float:
    client = aioimaplib.IMAP4(account.host, account.port, timeout=30)
    await client.wait_hello_from_server()
    await client.login(account.user, account.password)
    await client.select("INBOX")
    start = time.perf_counter()
    fetched = 0
    for i in range(0, len(uids), batch):
        chunk = ",".join(str(u) for u in uids[i : i + batch])
        response = await client.uid("fetch", chunk, "(UID BODY.PEEK[])")
        fetched += sum(1 for line in response.lines if isinstance(line, bytearray))
    elapsed = time.perf_counter() - start
    await client.logout()
    assert fetched == len(uids), f"fetched {fetched} of {len(uids)}"
    return len(uids) / elapsed


def _listener(app: bootstrap.App, account: TestAccount, batch: int) -> InboxListener:
    config = ListenerConfig(
        account=ImapAccount(account.host, account.port, account.user, account.password, False),
        batch_size=batch,
        own_addresses=frozenset({"orders@shop.test"}),
        rules=IntakeRules(answers_per_hour=1000, rep_channel="#orders"),
    )
    return InboxListener(config, app.async_bus, InboxStateStore(app.engine))


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, DovecotServer() as server:
        account = server.add_user("bench")
        t0 = time.perf_counter()
        uids = _load(account, server, args.mails)
        print(f"loaded {len(uids)} mails into dovecot in {time.perf_counter() - t0:.1f} s")
        floor = asyncio.run(_floor(account, uids, args.batch))
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = bootstrap.build(Settings(database_url=url, _env_file=None))
        try:
            _catalogue(app)
            listener = _listener(app, account, args.batch)
            start, cpu = time.perf_counter(), time.process_time()
            report = asyncio.run(listener.poll_once())
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            with app.engine.connect() as conn:
                made = conn.scalar(select(func.count()).select_from(orders))
        finally:
            app.engine.dispose()
    rate = args.mails / elapsed
    print(f"pass: {report}")
    print(f"raw floor (aioimaplib UID FETCH, batches of {args.batch}): {floor:,.0f} mails/s")
    print(
        f"end to end (fetch, parse, orders, replies, flags; SQLite): {rate:,.0f} mails/s, "
        f"{(made or 0) / elapsed:,.0f} orders/s ({made} orders in {elapsed:.2f} s)"
    )
    print(f"end to end / floor: {rate / floor:.1%}")
    # CPU seconds of this process (every thread) during the pass: steadier than the
    # wall clock when other work shares the machine.
    print(f"end to end CPU: {cpu:.2f} s ({cpu / args.mails * 1000:.2f} ms per mail)")


if __name__ == "__main__":
    main()
