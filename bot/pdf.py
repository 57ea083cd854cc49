"""What the console and Slack are given to hand a document over: a maker of a printout's
PDF (`documents.port`, wired by bootstrap; bot does not import it, the edges being
independent). The console writes the file, Slack uploads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from domain.printouts.printout import Printout


class MadeFile(Protocol):
    """A document made: its file name and bytes."""

    @property
    def filename(self) -> str: ...

    @property
    def data(self) -> bytes: ...


PdfMaker = Callable[[Printout], MadeFile]
"""A printout's PDF, in the customer's language."""
