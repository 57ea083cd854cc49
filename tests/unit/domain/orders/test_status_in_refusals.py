"""A refusal that names an order's status names it in the reader's language, as the
status words of the order's own refusals do ("SO-00001 est annulée")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from domain.errors import DomainError
from domain.orders.documents import WorkOrderScope
from domain.printouts.making import of_order
from domain.printouts.printout import PrintKind
from domain.records.workorders import make_work_orders
from l10n.translation import render
from tests.unit.builders import T1, confirmed, order, spec


def _cancelled() -> object:
    made = order(spec("WIDGET", 2))
    made.cancel(T1)
    return made


@pytest.mark.parametrize(
    ("refuse", "english", "french", "danish"),
    [
        (
            lambda: of_order(PrintKind.QUOTE, _cancelled(), None, date(2026, 12, 7)),
            "SO-00001 is cancelled; only a draft order is printed as a quote.",
            "SO-00001 est annulée ;",
            "SO-00001 er annulleret;",
        ),
        (
            lambda: of_order(PrintKind.CONFIRMATION, order(spec("W", 1)), None, date(2026, 12, 7)),
            "SO-00001 is draft; only a confirmed or closed order is printed as a confirmation.",
            "SO-00001 est en brouillon ;",
            "SO-00001 er kladde;",
        ),
        (
            lambda: make_work_orders(order(spec("W", 1)), WorkOrderScope.ALL, lambda: "WO-1", T1),
            "SO-00001 is draft; work orders are made from confirmed orders.",
            "SO-00001 est en brouillon ;",
            "SO-00001 er kladde;",
        ),
    ],
)
def test_the_status_is_named_in_the_readers_language(
    refuse: Callable[[], object], english: str, french: str, danish: str
) -> None:
    with pytest.raises(DomainError) as caught:
        refuse()
    assert str(caught.value.text) == english
    assert render(caught.value.text, "fr").startswith(french), render(caught.value.text, "fr")
    assert render(caught.value.text, "da").startswith(danish), render(caught.value.text, "da")


def test_confirmed_is_still_refused_for_a_quote() -> None:
    with pytest.raises(DomainError):
        of_order(PrintKind.QUOTE, confirmed(spec("W", 1)), None, date(2026, 12, 7))


def test_an_invoice_paid_twice_is_refused_naming_the_status_in_the_readers_language() -> None:
    from domain.orders.documents import Invoice
    from domain.records.invoices import pay
    from domain.records.statuses import InvoiceStatus

    made = confirmed(spec("W", 1))
    made.invoices.append(Invoice("INV-00001", T1, status=InvoiceStatus.PAID))
    with pytest.raises(DomainError) as caught:
        pay(made, "INV-00001", T1.date(), T1.date(), T1)
    text = caught.value.text
    assert str(text).startswith("INV-00001 is paid; only an open invoice can become paid (")
    assert render(text, "fr").startswith("INV-00001 est payée ; seule une facture ouverte peut "
                                         "devenir payée ("), render(text, "fr")  # fmt: skip
    assert render(text, "da").startswith("INV-00001 er betalt;"), render(text, "da")
    assert " betalt (" in render(text, "da"), render(text, "da")
