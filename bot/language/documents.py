"""The `pdf` forms: `/order pdf CODE quote|confirmation|packing-slip [SHIPMENT]` and
`/invoice pdf CODE` (an invoice or a credit note). Each builds a `PrintDocument`; the door
makes the PDF of what it answers and hands it over (Slack uploads it to the conversation,
the console writes it to a file)."""

from __future__ import annotations

from bot.language.grammar import Door, Form, Grammar
from bot.language.words import Args, UsageError, typed, whole
from domain import commands as c
from domain.printouts.printout import PrintKind
from l10n.translation import N_, gettext

ORDER_KINDS = {
    k.value: k for k in (PrintKind.QUOTE, PrintKind.CONFIRMATION, PrintKind.PACKING_SLIP)
}


def _order_pdf(args: Args, door: Door) -> c.Command:
    words = args.words
    if len(words) < 2 or words[1].lower() not in ORDER_KINDS:
        got = typed(words[1:2])
        raise UsageError(
            gettext("the document is quote, confirmation or packing-slip, not {got}", got=got)
        )
    kind = ORDER_KINDS[words[1].lower()]
    shipment = None
    if len(words) == 3 and kind == PrintKind.PACKING_SLIP:
        shipment = whole(words[2], gettext("shipment number"))
    elif len(words) > 2:
        raise UsageError(
            gettext(
                "unexpected words after {word}: {words}", word=words[1], words=" ".join(words[2:])
            )
        )
    return c.PrintDocument(kind=kind, code=words[0], shipment=shipment)


def _invoice_pdf(args: Args, door: Door) -> c.Command:
    if len(args.words) != 1:
        raise UsageError(gettext("expected one invoice code, got: {got}", got=typed(args.words)))
    return c.PrintDocument(kind=PrintKind.INVOICE, code=args.words[0])


def register(grammar: Grammar) -> None:
    """Add `pdf` to the /order and /invoice families."""
    grammar.add(
        Form(
            "order",
            "pdf",
            "CODE quote|confirmation|packing-slip [SHIPMENT]",
            N_(
                "the order as a PDF: its quote (a draft), confirmation, or a shipment's packing "
                "slip (the first when no number is given)"
            ),
            _order_pdf,
            min_words=2,
        )
    )
    grammar.add(
        Form(
            "invoice",
            "pdf",
            "CODE",
            N_("an invoice or a credit note as a PDF"),
            _invoice_pdf,
            min_words=1,
        )
    )
