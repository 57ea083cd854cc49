"""HTML mail bodies -> plain text, with the line breaks a reader sees.

Owns reading HTML-only mails as text so the order parser can read them line by line:
block elements (<p>, <div>, <li>, <br>, headings) end a line, <style>/<script>/<head>
are dropped, and <blockquote> (how mail clients wrap the quoted message in a reply) is
dropped too. A table row reads as one line, its cells separated by a space, when every
cell holds one line of text (Outlook and Word wrap each cell's text in a
`<p class=MsoNormal>`, which must not split the row); a row whose cells hold several
lines (a layout table around a whole mail, a nested table) keeps them as lines. The
rows read as lines are kept apart too, so the caller can tell whether the plain-text
alternative of the mail lost them. Standard library only.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BREAKS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"hr", "pre", "section", "article", "header", "footer", "dt", "dd", "address", "center"}
)
_HIDDEN = frozenset(("style", "script", "head", "title", "template", "blockquote"))
_CELLS = frozenset(("td", "th"))


@dataclass
class _Table:
    """An open table: where its text goes, the current row's cells, the open cell."""

    outer: list[str]
    cells: list[str] = field(default_factory=list)
    cell: list[str] | None = None


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The text of an HTML body, and its table rows that read as one line each."""

    text: str
    rows: tuple[str, ...] = ()


def _squeeze(text: str) -> str:
    """Lines stripped, runs of blank lines squeezed to one, no blank edges."""
    squeezed: list[str] = []
    for line in (line.strip() for line in text.replace("\u00a0", " ").splitlines()):
        if line or (squeezed and squeezed[-1]):
            squeezed.append(line)
    return "\n".join(squeezed).strip()


class _TextCollector(HTMLParser):
    """Collects visible text, turning block boundaries into newlines."""

    def __init__(self) -> None:
        """An empty collector; character references are decoded by html.parser."""
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.rows: list[str] = []
        self._hidden: list[str] = []  # open hidden elements, innermost last
        self._tables: list[_Table] = []  # open tables, innermost last
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element: hidden ones mute their content, blocks start a line."""
        if tag in _HIDDEN:
            self._hidden.append(tag)
        elif self._hidden:
            return
        elif tag == "table":
            self._break(tag)
            self._tables.append(_Table(self.parts))
        elif tag == "tr" and self._tables:
            self._end_row()
        elif tag in _CELLS and self._tables:
            self._end_cell()
            table = self._tables[-1]
            self.parts = table.cell = []
        elif tag in _BREAKS or tag == "tr":
            self._break(tag)
        elif tag in _CELLS:
            self.parts.append(" ")
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<br/>` and friends: a break without an end tag to wait for."""
        if tag in _BREAKS and not self._hidden:
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        """Close an element; a hidden one ends muting only when it is the innermost."""
        if tag in _HIDDEN and tag in self._hidden:
            # pop up to the matching tag: mail HTML often leaves inner tags unclosed
            while self._hidden and self._hidden.pop() != tag:
                pass
        elif self._hidden:
            return
        elif tag == "table" and self._tables:
            self._end_table()
        elif tag == "tr" and self._tables:
            self._end_row()
        elif tag in _CELLS and self._tables:
            self._end_cell()
        elif tag in _BREAKS or tag in ("tr", "table"):
            self._break(tag)
        if tag == "pre" and self._pre:
            self._pre -= 1

    def _break(self, tag: str) -> None:
        """<br> always breaks the line; block edges only end a line that has text."""
        if tag == "br" or (self.parts and not self.parts[-1].endswith("\n")):
            self.parts.append("\n")

    def _end_cell(self) -> None:
        """Close the open cell of the innermost table, if any; text goes outside it again."""
        table = self._tables[-1]
        if table.cell is not None:
            table.cells.append("".join(table.cell))
            table.cell = None
        self.parts = table.outer

    def _end_row(self) -> None:
        """Write the innermost table's current row: one line, or its cells' lines."""
        self._end_cell()
        table = self._tables[-1]
        cells = [text for text in map(_squeeze, table.cells) if text]
        table.cells = []
        if not cells:
            return
        one_line = all("\n" not in text for text in cells)
        if one_line and len(cells) > 1:
            self.rows.append(" ".join(cells))
        for text in [" ".join(cells)] if one_line else cells:
            self._break("tr")
            self.parts.extend((text, "\n"))

    def _end_table(self) -> None:
        """Close the innermost table: its last row is written, text goes to its parent."""
        self._end_row()
        self._tables.pop()
        self._break("table")

    def finish(self) -> None:
        """Close what the mail left open: its tables' last rows are text too."""
        while self._tables:
            self._end_table()

    def handle_data(self, data: str) -> None:
        """Visible text; whitespace collapses as a browser would, except inside <pre>."""
        if self._hidden:
            return
        if self._tables and self._tables[-1].cell is None and not data.strip():
            return  # the layout whitespace between rows and cells, as browsers drop it
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))


def read_html(html: str) -> HtmlText:
    """Visible text of an HTML body (one line per block, blank runs squeezed to one), and
    the table rows read as one line each."""
    collector = _TextCollector()
    # html.parser gives up on some broken markup; what was read before that is kept
    with contextlib.suppress(AssertionError, ValueError):
        collector.feed(html)
        collector.close()
    collector.finish()
    return HtmlText(_squeeze("".join(collector.parts)), tuple(collector.rows))


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, one line per block, blank runs squeezed to one."""
    return read_html(html).text
