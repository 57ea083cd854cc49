"""`orderbot pdf order|invoice|credit-note CODE`: a document written to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from domain import commands as c
from domain.text_values import Size
from l10n.translation import gettext

if TYPE_CHECKING:
    from bootstrap import App


def write_pdf(app: App, args: argparse.Namespace) -> int:
    """The document of `args` (an order's: what the order is now) written to a file."""
    from bootstrap.documents import documents

    port = documents(app)
    kind = args.kind if args.of == "order" else args.of
    if kind is None:  # an order's document: what it is now
        shown = app.bus.handle(c.ShowOrder(code=args.code))
        kind = "quote" if str(shown.order.status) == "draft" else "confirmation"
    made = port.render(kind, args.code, args.language, shipment=args.shipment)
    target = Path(args.output or made.filename)
    target.write_bytes(made.data)
    print(
        gettext(
            "{name} written to {path} ({size}).",
            name=made.filename,
            path=str(target),
            size=Size(len(made.data)),
        )
    )
    if made.not_einvoice:
        print(gettext("Not an electronic invoice: {reason}", reason=made.not_einvoice))
    return 0
