"""Confirmation reuses the judgement made at check, and judges again when it must.

A customer file's verdicts and write plan are kept (in the process) with what they were
judged against: the skipped rows and what the database holds of the file's codes and
emails. Confirmation writes the kept plan when all of that is unchanged, and judges
every row again when anything changed: a customer or a contact added meanwhile, rows
skipped elsewhere, or a process that never saw the check. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import delete, func, select

import bootstrap
from domain import commands as c
from domain.errors import DomainError
from domain.imports.customers.resolve import resolve_customers
from domain.imports.sessions import ImportReport, ImportResult, Verdict
from domain.services import import_rows
from store.imports.cache import PLAN_CACHE, ROW_CACHE
from store.repositories import imports as repositories_imports
from store.tables import core as t
from store.tables.imports import import_chunks

HEADER = "Customer code,Customer name,Address code,Country,Contact name,Contact email"
LINES = [HEADER, "N1,New one,HQ,FR,Ann,ann@one.example", "N2,New two,HQ,France,Bob,bob@two.example"]


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times a customer file is judged row by row (one entry per judgement)."""
    calls: list[int] = []
    real: Callable[..., Any] = resolve_customers

    def counting(rows: Any, *args: Any) -> Any:
        calls.append(len(rows))
        return real(rows, *args)

    monkeypatch.setattr(import_rows, "resolve_customers", counting)
    return calls


def _check(app: bootstrap.App, tmp_path: Path, lines: list[str] = LINES) -> ImportReport:
    path = tmp_path / "customers.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    report: ImportReport = app.bus.handle(c.CheckImport(kind="customers", path=str(path)))
    return report


def _confirm(app: bootstrap.App, report: ImportReport) -> ImportResult:
    result: ImportResult = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    return result


def _customers(app: bootstrap.App) -> list[tuple[str, str]]:
    with app.engine.connect() as conn:
        rows = conn.execute(select(t.customers.c.code, t.customers.c.name).order_by("code"))
        return [(code, name) for code, name in rows]


def _count(app: bootstrap.App, table: Any) -> int:
    with app.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def test_confirm_writes_the_plan_made_at_check(
    app: bootstrap.App, tmp_path: Path, judged: list[int]
) -> None:
    report = _check(app, tmp_path)
    assert judged == [2]
    result = _confirm(app, report)
    assert judged == [2]  # not judged again
    assert (result.rows_imported, dict(result.created)) == (
        2, {"customers": 2, "addresses": 2, "contacts": 2})  # fmt: skip
    assert _customers(app) == [("N1", "New one"), ("N2", "New two")]
    again = _confirm(app, report)
    assert (again.already_confirmed, _count(app, t.contacts)) == (True, 2)
    assert judged == [2]


def test_skipping_judges_once_and_confirm_reuses_it(
    app: bootstrap.App, tmp_path: Path, judged: list[int]
) -> None:
    report = _check(app, tmp_path)
    app.bus.handle(c.SkipImportRows(session_id=report.session_id, rows=(3,)))
    assert judged == [2, 2]
    result = _confirm(app, report)
    assert judged == [2, 2]
    assert (result.rows_imported, result.rows_skipped) == (1, 1)
    assert _customers(app) == [("N1", "New one")]


def test_a_customer_added_meanwhile_is_judged_again(
    app: bootstrap.App, tmp_path: Path, judged: list[int]
) -> None:
    """The first confirmation stops with the row's new verdict and writes nothing; the
    next one, made knowing it, writes."""
    report = _check(app, tmp_path)
    app.bus.handle(c.CreateCustomer(code="n2", name="Made by hand"))
    stopped = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert isinstance(stopped, ImportReport)
    assert stopped.changed == (3,)
    assert _customers(app) == [("n2", "Made by hand")]
    result = _confirm(app, report)
    assert judged == [2, 2]
    assert (dict(result.created), dict(result.updated)) == (
        {"customers": 1, "addresses": 2, "contacts": 2},
        {"customers": 1, "addresses": 0, "contacts": 0},
    )
    assert _customers(app) == [("N1", "New one"), ("n2", "New two")]
    shown = app.bus.handle(c.ShowImport(session_id=report.session_id))
    assert {v.row: v.status for v in shown.rows} == {3: Verdict.YELLOW}
    assert tuple(map(str, shown.rows[0].messages)) == (
        "Country: 'France' read as FR",
        "existing customer n2 updated: name 'Made by hand' -> 'New two'",
    )


def test_an_email_taken_meanwhile_is_judged_again(
    app: bootstrap.App, tmp_path: Path, judged: list[int]
) -> None:
    report = _check(app, tmp_path)
    app.bus.handle(c.CreateCustomer(code="OTHER", name="Other"))
    app.bus.handle(c.AddContact(customer="OTHER", name="Ann", email="Ann@One.example"))
    stopped = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
    assert (stopped.changed, _customers(app)) == ((2,), [("OTHER", "Other")])
    result = _confirm(app, report)
    assert judged == [2, 2]
    assert (result.rows_imported, result.rows_refused) == (1, 1)
    assert _customers(app) == [("N2", "New two"), ("OTHER", "Other")]


def test_a_process_that_did_not_check_judges_again(
    app: bootstrap.App, tmp_path: Path, judged: list[int]
) -> None:
    report = _check(app, tmp_path)
    PLAN_CACHE.clear()
    ROW_CACHE.clear()
    result = _confirm(app, report)
    assert judged == [2, 2]
    assert (result.rows_imported, dict(result.created)) == (
        2, {"customers": 2, "addresses": 2, "contacts": 2})  # fmt: skip
    assert _customers(app) == [("N1", "New one"), ("N2", "New two")]


def test_large_files_look_customers_and_emails_up_in_one_pass(
    app: bootstrap.App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repositories_imports, "SCAN_ABOVE", 0)  # every file is "large"
    app.bus.handle(c.CreateCustomer(code="n2", name="Made by hand"))
    app.bus.handle(c.CreateCustomer(code="OTHER", name="Other"))
    app.bus.handle(c.AddContact(customer="OTHER", name="Ann", email="Ann@One.example"))
    report = _check(app, tmp_path)
    assert {v.row: (v.status, tuple(map(str, v.messages))) for v in report.rows} == {
        2: (Verdict.RED,
            ("Contact email: ann@one.example is already the contact of customer OTHER",)),
        3: (Verdict.YELLOW, ("Country: 'France' read as FR",
                             "existing customer n2 updated: name 'Made by hand' -> 'New two'")),
    }  # fmt: skip


def test_rows_are_read_again_from_the_file_kept_with_the_session(
    app: bootstrap.App, tmp_path: Path, judged: list[int]
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in [*LINES, "N3,New three,HQ,XX,Cy,cy@three.example"]:
        sheet.append(line.split(","))
    path = tmp_path / "customers.xlsx"
    workbook.save(path)
    report = app.bus.handle(c.CheckImport(kind="customers", path=str(path)))
    path.unlink()  # the session keeps the file itself
    PLAN_CACHE.clear()
    ROW_CACHE.clear()
    skipped = app.bus.handle(c.SkipImportRows(session_id=report.session_id, rows=(3,)))
    assert {v.row: v.status for v in skipped.rows} == {3: Verdict.SKIPPED, 4: Verdict.RED}
    ROW_CACHE.clear()
    copy = tmp_path / "annotated.xlsx"
    app.bus.handle(c.WriteAnnotatedCopy(session_id=report.session_id, path=str(copy)))
    annotated = list(openpyxl.load_workbook(copy).worksheets[0].iter_rows(values_only=True))
    assert [row[:2] for row in annotated[1:]] == [("N1", "New one"), ("N2", "New two"),
                                                  ("N3", "New three")]  # fmt: skip
    assert annotated[3][-2:] == ("Red", "Country: 'XX' is not a country (use a code such as FR)")
    ROW_CACHE.clear()
    result = _confirm(app, report)
    assert (result.rows_imported, result.rows_skipped, result.rows_refused) == (1, 1, 1)
    assert _customers(app) == [("N1", "New one")]


def test_a_session_kept_in_an_earlier_form_asks_for_a_new_check(
    app: bootstrap.App, tmp_path: Path
) -> None:
    report = _check(app, tmp_path)
    with app.engine.begin() as conn:  # what sessions stored before the file was kept
        conn.execute(delete(import_chunks).where(import_chunks.c.part != "verdicts"))
    ROW_CACHE.clear()
    with pytest.raises(DomainError) as refused:
        _confirm(app, report)
    assert refused.value.code == "import.stale"
    assert "check the file again" in refused.value.message
    assert _count(app, t.customers) == 0


def test_an_import_leaves_the_garbage_collector_as_it_found_it(
    app: bootstrap.App, tmp_path: Path
) -> None:
    """A service runs imports among its other threads: the collector stays on, and
    nothing is frozen out of its reach."""
    before = gc.get_freeze_count()
    report = _check(app, tmp_path)
    pdf = tmp_path / "scan.csv"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(DomainError):
        app.bus.handle(c.CheckImport(kind="customers", path=str(pdf)))
    _confirm(app, report)
    assert gc.isenabled()
    assert gc.get_freeze_count() == before


def test_rows_are_judged_with_the_collector_paused_and_it_is_on_again_after(
    app: bootstrap.App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store defers the collector while a file's rows are read and judged (the
    port's `rows_in_bulk`): it would walk every row's objects again and again."""
    seen: list[bool] = []
    real: Callable[..., Any] = resolve_customers

    def watching(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(import_rows, "resolve_customers", watching)
    report = _check(app, tmp_path)
    PLAN_CACHE.clear()  # judged again at confirm
    _confirm(app, report)
    assert (seen, gc.isenabled()) == ([False, False], True)
