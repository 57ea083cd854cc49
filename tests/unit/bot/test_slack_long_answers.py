"""A long answer (the help of /order is over 3,000 characters in French) reaches Slack
whole: cut into sections at line ends, each within Slack's limit, a code block closed
and reopened around each cut."""

from __future__ import annotations

from bot.slack.blocks import MAX_TEXT
from bot.slack.cards import text_message


def test_a_long_code_block_is_sent_in_several_sections_and_nothing_is_lost() -> None:
    lines = [
        f"  /order verb{n} CODE\n      what verb {n} does, said at some length" for n in range(120)
    ]
    text = "```/order: sales orders\n" + "\n".join(lines) + "```"
    assert len(text) > 2 * MAX_TEXT
    blocks = text_message(text)["blocks"]
    shown = [b["text"]["text"] for b in blocks]
    assert len(shown) >= 3
    assert all(len(s) <= MAX_TEXT for s in shown)
    assert all(s.startswith("```") and s.endswith("```") and s.count("```") == 2 for s in shown)
    assert "\n".join(s.removeprefix("```").removesuffix("```") for s in shown) == text[3:-3]


def test_a_long_plain_text_is_cut_at_line_ends() -> None:
    text = "\n".join(f"line {n} " + "x" * 60 for n in range(120))
    shown = [b["text"]["text"] for b in text_message(text)["blocks"]]
    assert all(len(s) <= MAX_TEXT for s in shown)
    assert "\n".join(shown) == text


def test_a_short_answer_is_one_section() -> None:
    assert text_message("Refused: no order SO-00009.")["blocks"] == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "Refused: no order SO-00009."}}
    ]
