"""`order pdf` and `invoice pdf` typed in the console: the PDF written to its folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.console import Console
from tests.unit.documents.world import shop


def test_the_console_writes_the_document_it_is_asked_for(tmp_path: Path) -> None:
    the_shop = shop()
    renderer = the_shop.documents.renderer
    console = Console(
        the_shop.world.bus.handle,
        lambda: date(2026, 3, 2),
        pdf=renderer.render,
        folder=tmp_path,
        actor="rep",
    )
    answer = console.answer("order pdf SO-00002 packing-slip 2")
    assert (
        answer == f"SO-00002-2-packing-slip.pdf written to {tmp_path}/SO-00002-2-packing-slip.pdf."
    )
    assert (tmp_path / "SO-00002-2-packing-slip.pdf").read_bytes()[:5] == b"%PDF-"
    assert console.answer("invoice pdf CN-00001").startswith("CN-00001.pdf written to ")
    assert console.answer("order pdf SO-00002 quote") == (
        "Refused: SO-00002 is confirmed; only a draft order is printed as a quote."
    )
    assert console.answer("invoice pdf INV-09999") == (
        "Refused: No invoice or credit note INV-09999."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "CN-00001.pdf", "SO-00002-2-packing-slip.pdf",
    ]  # fmt: skip
    bare = Console(the_shop.world.bus.handle, lambda: date(2026, 3, 2), actor="rep")
    assert bare.answer("order pdf SO-00001 quote") == (
        "Documents are made by the command line here: orderbot pdf order SO-00001"
    )
