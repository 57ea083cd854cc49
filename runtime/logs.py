"""Where `orderbot run` writes its log lines: standard error, or a file beside the data
when the console owns the terminal."""

from __future__ import annotations

import logging
from pathlib import Path


def start_logging(with_console: bool, folder: Path) -> Path | None:
    """Log lines to standard error, or, under the console, to `folder`/orderbot.log (warnings
    still shown) so that they do not land in the middle of what one is typing."""
    line = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per job run is noise
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    screen = logging.StreamHandler()
    screen.setFormatter(line)
    root.addHandler(screen)
    if not with_console:
        return None
    screen.setLevel(logging.WARNING)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "orderbot.log"
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setFormatter(line)
    root.addHandler(to_file)
    return path
