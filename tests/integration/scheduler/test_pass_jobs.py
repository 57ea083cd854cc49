"""`/jobs run outbox` and `/jobs run inbox`: one pass of the relay or the listener, logged."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain import commands as c
from domain.errors import ValidationFailed
from tests.integration.conftest import AppFactory
from tests.integration.inbox_helpers import OWN, load_catalogue, mail
from tests.servers.dovecot import ImapAccount


def test_outbox_job_sends_what_is_due_and_logs_the_run(
    make_app: AppFactory, sqlite_url: str, tmp_path: Path
) -> None:
    app = make_app(sqlite_url, outbox_dir=tmp_path / "outbox")
    load_catalogue(app)
    code = app.bus.handle(
        c.CreateOrder(
            customer="ACME", lines=(c.LineInput(product="GADGET", quantity=1),), confirm=True
        )
    ).order.code
    app.bus.handle(c.NotifyOrder(code=code))
    run = app.bus.handle(c.RunJob(name="outbox", manager=True)).run
    assert (run.job_name, str(run.status), run.processed) == ("outbox", "succeeded", 1)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    again = app.bus.handle(c.RunJob(name="outbox", manager=True)).run
    assert again.processed == 0
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1


def test_inbox_job_needs_a_mailbox(make_app: AppFactory, sqlite_url: str) -> None:
    app = make_app(sqlite_url)
    with pytest.raises(ValidationFailed) as refused:
        app.bus.handle(c.RunJob(name="inbox", manager=True))
    assert refused.value.code == "job.not_available"


def test_inbox_job_reads_the_mailbox_once(
    make_app: AppFactory, sqlite_url: str, imap_user: ImapAccount
) -> None:
    app = make_app(
        sqlite_url,
        imap_host=imap_user.host,
        imap_port=imap_user.port,
        imap_user=imap_user.user,
        imap_password=imap_user.password,
        imap_tls=False,
        mail_from=OWN,
    )
    load_catalogue(app)
    imap_user.append(mail("3 x WIDGET-A\n"))
    run = app.bus.handle(c.RunJob(name="inbox", manager=True)).run
    assert (str(run.status), run.processed, run.orders_created) == ("succeeded", 1, 1)
    assert [o.code for o in app.bus.handle(c.ListOrders()).items] == ["SO-00001"]
