"""HTML mail bodies -> plain text, with the line breaks a reader sees.

Owns reading HTML-only mails as text so the order parser can read them line by line:
block elements (<p>, <div>, <tr>, <li>, <br>, headings) end a line, table cells are
separated by a space, <style>/<script>/<head> are dropped, and <blockquote> (how mail
clients wrap the quoted message in a reply) is dropped too. Standard library only.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser

_BREAKS = frozenset(
    {"br", "p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"hr", "pre", "section", "article", "header", "footer", "dt", "dd", "address", "center"}
)
_HIDDEN = frozenset(("style", "script", "head", "title", "template", "blockquote"))
_CELLS = frozenset(("td", "th"))


class _TextCollector(HTMLParser):
    """Collects visible text, turning block boundaries into newlines."""

    def __init__(self) -> None:
        """An empty collector; character references are decoded by html.parser."""
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden: list[str] = []  # open hidden elements, innermost last
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element: hidden ones mute their content, blocks start a line."""
        if tag in _HIDDEN:
            self._hidden.append(tag)
        elif self._hidden:
            return
        elif tag in _BREAKS:
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
        elif tag in _BREAKS and not self._hidden:
            self._break(tag)
        if tag == "pre" and self._pre:
            self._pre -= 1

    def _break(self, tag: str) -> None:
        """<br> always breaks the line; block edges only end a line that has text."""
        if tag == "br" or (self.parts and not self.parts[-1].endswith("\n")):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Visible text; whitespace collapses as a browser would, except inside <pre>."""
        if self._hidden:
            return
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, one line per block, blank runs squeezed to one."""
    collector = _TextCollector()
    # html.parser gives up on some broken markup; what was read before that is kept
    with contextlib.suppress(AssertionError, ValueError):
        collector.feed(html)
        collector.close()
    text = "".join(collector.parts).replace("\u00a0", " ")
    lines = [line.strip() for line in text.splitlines()]
    squeezed: list[str] = []
    for line in lines:
        if line or (squeezed and squeezed[-1]):
            squeezed.append(line)
    return "\n".join(squeezed).strip()
