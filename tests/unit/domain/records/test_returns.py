"""A return's life: requested, received, refunded with a credit note at the order's prices."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import InvalidTransition
from domain.orders.order import SalesOrder
from domain.records import returns
from domain.records.events import CreditNoteCreated, RecordStatusChanged
from domain.records.statuses import ReturnStatus
from l10n.translation import render
from tests.unit.builders import T0, T1, T2, confirmed, spec

D = Decimal


def shipped(discount: str = "5", percent: bool = True) -> SalesOrder:
    """WIDGET 10 at 12.50 less 10% (20% tax), BOOK 4 at 10.00 (5.5%), all shipped."""
    made = confirmed(
        spec("WIDGET", 10, "12.50", discount="10"),
        spec("BOOK", 4, "10.00", rate="5.5"),
        discount_value=D(discount),
        discount_is_percent=percent,
    )
    made.ship(None, T0, "DHL", "1Z")
    made.pull_events()
    return made


def test_a_return_is_requested_received_then_refunded_with_its_credit_note() -> None:
    made = shipped()
    ret = made.create_return("RMA-00001", "WIDGET", D(2), T0, reason="scratched")
    assert ret.status == ReturnStatus.REQUESTED
    made.pull_events()
    with pytest.raises(InvalidTransition) as early:
        returns.refund(made, "RMA-00001", "CN-00001", T1)
    assert early.value.message == (
        "RMA-00001 is requested; it cannot become refunded (it must be received first)."
    )
    assert made.credit_notes == []
    received = returns.receive(made, "rma-00001", T1)
    assert (received.status, received.received_at) == ("received", T1)
    note = returns.refund(made, "RMA-00001", "CN-00001", T2)
    # 2 x 12.50 = 25.00 less 10% = 22.50; less 5% = 1.13 -> 21.37; 20% tax 4.27
    assert (note.net, note.tax, note.gross) == (D("21.37"), D("4.27"), D("25.64"))
    assert (note.return_code, note.invoice_code, note.reason) == ("RMA-00001", "", "scratched")
    assert (ret.status, ret.refunded_at) == ("refunded", T2)
    assert made.credit_notes == [note]
    assert made.pull_events() == [
        RecordStatusChanged("SO-00001", "return", "RMA-00001", "requested", "received"),
        RecordStatusChanged("SO-00001", "return", "RMA-00001", "received", "refunded"),
        CreditNoteCreated("SO-00001", "CN-00001", D("25.64"), "RMA-00001"),
    ]
    assert [e.text for e in made.timeline[-2:]] == [
        "Return RMA-00001 received.",
        "Return RMA-00001 refunded; credit note CN-00001 made.",
    ]
    with pytest.raises(InvalidTransition) as twice:
        returns.refund(made, "RMA-00001", "CN-00002", T2)
    assert twice.value.message == (
        "RMA-00001 is refunded; it cannot become refunded (it is refunded already)."
    )
    with pytest.raises(InvalidTransition):
        returns.receive(made, "RMA-00001", T2)
    assert len(made.credit_notes) == 1


def test_a_fixed_order_discount_is_shared_in_proportion_to_the_net() -> None:
    made = shipped(discount="10.00", percent=False)
    made.create_return("RMA-00001", "BOOK", D(1), T0)
    returns.receive(made, "RMA-00001", T1)
    note = returns.refund(made, "RMA-00001", "CN-00001", T1)
    # 10.00 of a 152.50 net: 10.00 x 10.00 / 152.50 = 0.66; 9.34 at 5.5% = 0.51
    assert (note.net, note.tax, note.gross) == (D("9.34"), D("0.51"), D("9.85"))


def test_a_refusal_reads_in_the_readers_language() -> None:
    made = shipped()
    made.create_return("RMA-00001", "WIDGET", D(1), T0)
    with pytest.raises(InvalidTransition) as caught:
        returns.refund(made, "RMA-00001", "CN-00001", T1)
    assert render(caught.value.text, "fr") == (
        "RMA-00001 est demandé ; il ne peut pas devenir remboursé (il doit d'abord être reçu)."
    )
    assert render(caught.value.text, "da") == (
        "RMA-00001 er anmodet; den kan ikke blive refunderet (den skal først modtages)."
    )
