"""`orderbot import KIND FILE` and `orderbot template KIND`: spreadsheets checked and
imported, and the templates to fill."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from domain import commands as c
from domain.errors import DomainError
from l10n.translation import gettext
from l10n.translation import render as render_text

if TYPE_CHECKING:
    from bootstrap import App


def import_sheet(app: App, args: argparse.Namespace) -> int:
    """`orderbot import KIND FILE`: check, skip, confirm, annotated copy, summary."""
    import dataclasses

    from bot.views.imports import (
        ProgressBar,
        annotated_name,
        parse_rows,
        render_report,
        report_json,
    )
    from domain.imports.sessions import ImportReport
    from l10n.translation import speaking

    path = Path(args.file)
    if not path.is_file():
        print("orderbot: " + gettext("{path} is not a file", path=path), file=sys.stderr)
        return 1
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    if bar is not None:
        app.bus.adapters = dataclasses.replace(app.bus.adapters, import_progress=bar.update)
    try:
        report = app.bus.handle(
            c.CheckImport(
                kind=args.kind, path=str(path), filename=path.name, customer=args.customer,
                actor="cli",
            )
        )  # fmt: skip
        if args.skip:
            skip = c.SkipImportRows(session_id=report.session_id, rows=parse_rows(args.skip))
            report = app.bus.handle(skip)
        result = None
        if not args.dry_run and report.importable:
            result = app.bus.handle(c.ConfirmImport(session_id=report.session_id, actor="cli"))
            if isinstance(result, ImportReport):  # stopped: verdicts changed since the check
                report, result = result, None
        annotated = None
        if args.output or report.rows:
            annotated = args.output or str(path.with_name(annotated_name(path.name)))
            app.bus.handle(c.WriteAnnotatedCopy(session_id=report.session_id, path=annotated))
    finally:
        if bar is not None:
            bar.close()
    with speaking(report.language):  # the report speaks the language of the file's headers
        if args.json:
            print(json.dumps(report_json(report, result, annotated, args.dry_run), indent=2,
                             ensure_ascii=False))  # fmt: skip
        else:
            print(render_report(report, result, args.dry_run))
            if annotated:
                print(gettext("Annotated copy: {path}", path=annotated))
    return 0 if report.importable and not report.changed else 1


def template(args: argparse.Namespace) -> int:
    """`orderbot template KIND [-o FILE]`: a template in the format FILE's extension names
    (.xlsx, .ods, .csv), with its example row."""
    from domain.imports.columns import SheetKind
    from l10n.translation import current_language, render
    from store.sheets.templates import write_template

    target = args.output or f"{args.kind}-template.xlsx"
    try:
        write_template(SheetKind(args.kind), target, args.lang or current_language(), render)
    except DomainError as error:
        print(f"orderbot: {render_text(error.text)}", file=sys.stderr)
        return 1
    print(gettext("Template written to {path}", path=target))
    return 0
