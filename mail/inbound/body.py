"""Which text of a mail is its body: the plain part, or the HTML part read as text.

Owns the choice between a mail's alternatives. The plain part is preferred (it is what
the sender's client meant as text) unless the HTML part holds table rows the plain part
lost: Outlook and Word write each table cell of the plain alternative on a line of its
own, so an order written as a table (product | quantity) only reads as rows in the HTML.
"""

from __future__ import annotations

from email.message import EmailMessage, MIMEPart

from mail.inbound.htmltext import read_html
from mail.inbound.mail import MailProblem
from mail.inbound.parts import part_text


def _lines(text: str) -> set[str]:
    """The text's lines with their whitespace collapsed, for comparing renditions."""
    return {" ".join(line.split()) for line in text.splitlines()}


def _lost_rows(rows: tuple[str, ...], plain: str) -> bool:
    """Whether a table row holding a number (a quantity, a price) is no line of `plain`."""
    lines = _lines(plain)
    return any(any(c.isdigit() for c in row) and row not in lines for row in rows)


def _richer(plain: str, html_part: MIMEPart) -> tuple[str, bool]:
    """The plain text, or the HTML's when it kept table rows the plain text lost."""
    try:
        source = part_text(html_part, [])  # the plain part is the one told about
        if "<table" not in source.lower():  # no row to lose: spare the HTML parse
            return plain, False
        html = read_html(source)
    except Exception:  # the plain text is there: a broken HTML part changes nothing
        return plain, False
    return (html.text, True) if _lost_rows(html.rows, plain) else (plain, False)


def body_text(msg: EmailMessage, problems: list[MailProblem]) -> tuple[str, bool]:
    """The text body (plain preferred, else HTML read as text) and whether it was HTML."""
    try:
        plain_part = msg.get_body(preferencelist=("plain",))
        plain = part_text(plain_part, problems) if plain_part is not None else ""
        html_part = msg.get_body(preferencelist=("html",))
        if html_part is None:
            return plain, False
        if plain.strip():
            return _richer(plain, html_part)
        return read_html(part_text(html_part, problems)).text, True
    except Exception as exc:  # the headers alone still decide the answer
        problems.append(MailProblem("body.unreadable", f"{type(exc).__name__}: {exc}"[:200]))
    return "", False
