"""The import review: a spreadsheet sent to the app's DM is checked, reviewed, confirmed.

`/customer import`, `/order import` or `/product import` say which kind the next file is
(otherwise the file name decides: orders, products, else customers). The file is
downloaded with the bot token, checked (CheckImport writes only a review session), and
answered with the counts, each red and yellow row with a *Skip row* button, a *Confirm*
button, and the annotated copy uploaded with files_upload_v2. Nothing is written before
*Confirm*; ConfirmImport is keyed, and confirming again changes nothing.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.handlers.common import Request, refusal_message
from bot.slack.app import SlackDeps
from bot.slack.cards import actions, button, context, section, text_message
from bot.views.imports import annotated_name, counts_line, result_line, said, stopped_line
from domain import commands as c
from domain.errors import DomainError
from domain.imports.sessions import ImportReport, ImportResult, Verdict
from l10n.translation import gettext, ngettext, render, speaking

FAMILY = "import"  # the line family of the review buttons (not a slash command)
MAX_ROWS = 40  # rows listed with a Skip button (a message holds 50 blocks)


def report_blocks(report: ImportReport) -> list[dict[str, Any]]:
    """Counts, red/yellow rows with Skip buttons, and Confirm, in the language of the
    file's headers."""
    with speaking(report.language):
        return _report_blocks(report)


def _report_blocks(report: ImportReport) -> list[dict[str, Any]]:
    counts = counts_line(report)
    # Translators: the file's name (in bold), then how many rows are green, yellow, red.
    blocks = [section(gettext("{file}: {counts}", file=f"*{report.filename}*", counts=counts))]
    for warning in report.warnings:
        blocks.append(context(gettext("Note: {warning}", warning=render(warning))))
    shown = [r for r in report.rows if r.status in (Verdict.RED, Verdict.YELLOW)]
    for row in shown[:MAX_ROWS]:
        mark = ":red_circle:" if row.status == Verdict.RED else ":large_yellow_circle:"
        line = gettext("Row {row}: {messages}", row=row.row, messages=said(row.messages))
        block = section(f"{mark} {line}")
        skip = f"{FAMILY} skip {report.session_id} {row.row}"
        block["accessory"] = button(gettext("Skip row"), skip, len(blocks))
        blocks.append(block)
    if len(shown) > MAX_ROWS:
        more = len(shown) - MAX_ROWS
        blocks.append(
            context(
                ngettext(
                    "… and {n} more row in the annotated copy.",
                    "… and {n} more rows in the annotated copy.",
                    more,
                )
            )
        )
    confirm = ngettext("Confirm ({n} row)", "Confirm ({n} rows)", report.importable)
    line = f"{FAMILY} confirm {report.session_id}"
    return blocks + actions([(confirm, line, "primary")], f"import:{report.session_id}")


async def download(url: str, token: str, into: Path) -> None:
    """Fetch a private Slack file with the bot token."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, headers=headers) as response,
    ):
        response.raise_for_status()
        data = await response.read()
    await asyncio.to_thread(into.write_bytes, data)


async def review_file(
    deps: SlackDeps, client: AsyncWebClient, event_id: str, event: dict[str, Any]
) -> None:
    """Check an uploaded file and post the review with the annotated copy."""
    channel, user = str(event.get("channel", "")), str(event.get("user", ""))
    for info in event.get("files") or []:
        name = str(info.get("name") or "upload")
        kind = deps.imports.take(user, name)
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(name).name
            await download(url, client.token or "", path)
            key = f"slack:{user}:file:{event_id}:{info.get('id', '')}"
            check = c.CheckImport(
                kind=kind, path=str(path), filename=name, actor=user, idempotency_key=key
            )
            try:
                report = await deps.run(check)
            except DomainError as error:
                # said in the user's language: the file may hold no header to tell another
                await client.chat_postMessage(channel=channel, **text_message(render(error.text)))
                continue
            if not isinstance(report, ImportReport):
                continue
            with speaking(report.language):
                blocks, counts = report_blocks(report), counts_line(report)
                title = gettext("{file}: checked", file=name)
                comment = gettext(
                    "The annotated copy: red rows are not taken, yellow ones changed."
                )
            await client.chat_postMessage(channel=channel, text=counts, blocks=blocks[:50])
            copy = Path(folder) / annotated_name(path.name)
            await deps.run(c.WriteAnnotatedCopy(session_id=report.session_id, path=str(copy)))
            await client.files_upload_v2(
                channel=channel, file=str(copy), filename=copy.name, title=title,
                initial_comment=comment,
            )  # fmt: skip


async def import_line(deps: SlackDeps, request: Request, family: str, text: str) -> None:
    """The review buttons: `import skip SESSION ROW`, `import confirm SESSION`."""
    words = text.split()
    try:
        if len(words) == 3 and words[0] == "skip":
            skip = c.SkipImportRows(session_id=words[1], rows=(int(words[2]),), actor=request.user)
            report = await deps.run(skip)
            with speaking(report.language):
                answer = {"text": counts_line(report), "blocks": report_blocks(report)}
            await request.reply(answer, False)
            return
        if len(words) == 2 and words[0] == "confirm":
            confirm = c.ConfirmImport(
                session_id=words[1], actor=request.user, idempotency_key=f"import:{words[1]}"
            )
            result = await deps.run(confirm)
            if isinstance(result, ImportReport) and result.changed:
                with speaking(result.language):
                    stopped = stopped_line(result)
                    blocks = [section(stopped), *report_blocks(result)]
                await request.reply({"text": stopped, "blocks": blocks[:50]}, False)
            elif isinstance(result, ImportResult):
                with speaking(result.language):
                    done = result_line(result)
                await request.reply(text_message(done), False)
            else:  # a replay: this import was confirmed already
                await request.reply(
                    text_message(gettext("This import was confirmed already.")), False
                )
            return
    except DomainError as error:
        await request.reply(refusal_message(error, _NO_FORM), False)
        return
    await request.reply(text_message(gettext("That review button is no longer valid.")), False)


class _NoForm:
    form = None
    command = None


_NO_FORM: Any = _NoForm()
