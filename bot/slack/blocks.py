"""The Block Kit pieces every card is made of: sections, context lines, command buttons.

A button carries a command line in its value and an action id `run:N`; the handler of
every such button runs the line with the clicker's rights (`bot.handlers.buttons`).
"""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]
MAX_TEXT = 2900  # Slack refuses section text over 3,000 characters
RUN_ACTION = "run"  # action_id prefix of every command button


def clip(text: str) -> str:
    """The text cut to what a section holds."""
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def section(text: str) -> Block:
    """A mrkdwn section."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text)}}


def sections(text: str) -> list[Block]:
    """A long text as several sections, cut at line ends so that each holds within
    Slack's limit (a help over 3,000 characters reaches the reader whole); a text that is
    one code block is closed and reopened around each cut."""
    fence = "```"
    fenced = len(text) > 2 * len(fence) and text.startswith(fence) and text.endswith(fence)
    body = text[len(fence) : -len(fence)] if fenced else text
    room = MAX_TEXT - (2 * len(fence) if fenced else 0)
    chunks: list[str] = []
    for line in body.split("\n"):
        if chunks and len(chunks[-1]) + 1 + len(line) <= room:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return [section(f"{fence}{chunk}{fence}" if fenced else chunk) for chunk in chunks]


def context(text: str) -> Block:
    """A small grey line."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text)}]}


def button(label: str, line: str, index: int, style: str | None = None) -> Block:
    """A button that runs the command `line` when clicked."""
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": label},
        "action_id": f"{RUN_ACTION}:{index}",
        "value": line,
    }
    if style:
        element["style"] = style
    return element


def actions(buttons: list[tuple[str, str, str | None]], block_id: str = "next") -> list[Block]:
    """An actions block of (label, command line, style) buttons, or nothing."""
    if not buttons:
        return []
    elements = [button(label, line, i, style) for i, (label, line, style) in enumerate(buttons)]
    return [{"type": "actions", "block_id": block_id, "elements": elements[:25]}]
