"""Benchmark: check + confirm of a 100,000-row customer workbook on SQLite, beside the
raw floors measured in the same run on the same file.

    PYTHONPATH=. .venv/bin/python bench/import_customers.py [--rows N] [--keep DIR]
        [--file WORKBOOK] [--rounds N] [--no-openpyxl]

Floors: python-calamine reading every row (what the import reads with), and openpyxl
read-only iteration (for comparison). Target: check + confirm within 4x the calamine
floor. Each round runs in a new process (the calamine floor, then check and confirm on
a new database), so nothing one round loaded or cached helps the next; the figures are
the medians of the rounds, since a shared machine's timings vary by a tenth; the ratio
is the median of each round's own ratio (its import over its floor, measured back to
back), which that variation touches least.

Every row is a new customer with a valid French VAT number, one address and one
contact; one row in ten writes its country as a name ("France"), which is yellow.

The workbook is written by openpyxl's streaming writer, which puts texts inline in the
sheet; Excel and LibreOffice keep them as shared strings. `--file` measures such a
copy (for instance this workbook saved again by LibreOffice: `soffice --headless
--convert-to xlsx`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine

import bootstrap
from domain import commands as c
from domain.imports.columns import SheetKind, columns_for
from settings import Settings


def _luhn_siren(stem: int) -> str:
    digits = f"{stem:08d}"
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return digits + str((10 - total % 10) % 10)


def _vat(n: int) -> str:
    siren = _luhn_siren(10_000_000 + n)
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def build_workbook(path: Path, rows: int) -> None:
    """A customers workbook of `rows` data rows, written with openpyxl write-only."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Customers")
    sheet.append([column.en for column in columns_for(SheetKind.CUSTOMERS)])
    for n in range(1, rows + 1):
        sheet.append([
            f"C{n:06d}", f"Customer {n} SARL", _vat(n), "MAIN", "Head office",
            f"{n % 200 + 1} rue de la Paix", "Lyon", f"{n % 90000 + 1000:05d}",
            "Auvergne-Rhône-Alpes", "France" if n % 10 == 0 else "FR", "Yes",
            f"Contact {n}", f"+33 4 72 {n % 100:02d} {n % 97:02d} 00",
            f"contact{n}@customer{n}.example.com", "Yes",
        ])  # fmt: skip
    workbook.save(path)


def calamine_floor(path: Path) -> tuple[float, int]:
    """Seconds for python-calamine to read every row of the first sheet, and the rows."""
    start = time.perf_counter()
    with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        count = sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows())
    return time.perf_counter() - start, count


def openpyxl_floor(path: Path) -> tuple[float, int]:
    """Seconds for openpyxl read-only mode to iterate every row's values."""
    start = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True)
    count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return time.perf_counter() - start, count


def import_time(path: Path, folder: Path) -> tuple[float, float, object, object]:
    """Seconds of CheckImport and of ConfirmImport on a new SQLite database."""
    database = folder / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    settings = Settings(database_url=f"sqlite:///{database}", max_attachment_mb=100, _env_file=None)
    app = bootstrap.build(settings)
    try:
        start = time.perf_counter()
        report = app.bus.handle(c.CheckImport(kind="customers", path=str(path)))
        checked = time.perf_counter()
        result = app.bus.handle(c.ConfirmImport(session_id=report.session_id))
        confirmed = time.perf_counter()
    finally:
        app.engine.dispose()
    return checked - start, confirmed - checked, report, result


def one_round(path: Path, folder: Path) -> dict[str, object]:
    """One round, in a process of its own: the calamine floor, then check and confirm
    on a new SQLite database."""
    floor, rows = calamine_floor(path)
    check, confirm, report, result = import_time(path, folder)
    return {
        "floor": floor, "rows": rows - 1, "check": check, "confirm": confirm,
        "counts": {str(k): v for k, v in getattr(report, "counts", {}).items()},
        "created": dict(getattr(result, "created", {})),
    }  # fmt: skip


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the workbook in (reused)")
    parser.add_argument("--no-openpyxl", action="store_true", help="skip the slow floor")
    parser.add_argument("--file", type=Path, help="a customers workbook to measure instead")
    parser.add_argument("--rounds", type=int, default=7, help="rounds, each in a new process")
    parser.add_argument("--round", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="orderbot-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = args.file or folder / f"customers-{args.rows}.xlsx"
    if args.round:
        print(json.dumps(one_round(path, folder)))
        return 0
    if not path.exists():
        start = time.perf_counter()
        build_workbook(path, args.rows)
        print(f"built {path} ({path.stat().st_size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    if not args.no_openpyxl:
        slow, rows = openpyxl_floor(path)
        print(f"floor  openpyxl read-only:          {slow:6.2f} s  {rows / slow:9,.0f} rows/s")
    rounds = []
    for number in range(1, args.rounds + 1):
        # A new process each round: nothing the last round loaded or cached is reused.
        command = [sys.executable, __file__, "--round", "--file", str(path), "--keep", str(folder)]
        found = json.loads(subprocess.run(command, check=True, capture_output=True,
                                          text=True).stdout.splitlines()[-1])  # fmt: skip
        rounds.append(found)
        total = found["check"] + found["confirm"]
        print(f"round {number}: floor {found['floor']:.2f} s, check {found['check']:.2f} s + "
              f"confirm {found['confirm']:.2f} s = {total:.2f} s = "
              f"{total / found['floor']:.2f} x")  # fmt: skip
    floor = statistics.median(r["floor"] for r in rounds)
    check = statistics.median(r["check"] for r in rounds)
    confirm = statistics.median(r["confirm"] for r in rounds)
    total = statistics.median(r["check"] + r["confirm"] for r in rounds)
    ratio = statistics.median((r["check"] + r["confirm"]) / r["floor"] for r in rounds)
    data_rows = rounds[0]["rows"]
    print(f"medians of {len(rounds)} rounds:")
    print(f"floor  python-calamine, every row:  {floor:6.2f} s  {data_rows / floor:9,.0f} rows/s")
    print(f"import check:                       {check:6.2f} s  {data_rows / check:9,.0f} rows/s")
    print(f"import confirm:                     {confirm:6.2f} s  "
          f"{data_rows / confirm:9,.0f} rows/s")  # fmt: skip
    print(f"import check + confirm:             {total:6.2f} s  {data_rows / total:9,.0f} rows/s")
    print(f"check + confirm / the calamine floor of the same round: {ratio:.2f} x (target <= 4)")
    print(f"verdicts: {rounds[0]['counts']}")
    print(f"result:   {rounds[0]['created']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
