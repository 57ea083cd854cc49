"""The numbering settings: today's codes by default, bounded, and what the services get."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bootstrap.services import policy_from
from domain.numbering import DocumentKind
from settings import Settings


def test_the_defaults_keep_todays_codes() -> None:
    numbering = policy_from(Settings(_env_file=None)).numbering
    assert {kind: numbering[kind].code(1) for kind in DocumentKind} == {
        DocumentKind.ORDER: "SO-00001",
        DocumentKind.INVOICE: "INV-00001",
        DocumentKind.WORK_ORDER: "WO-00001",
        DocumentKind.RETURN: "RMA-00001",
        DocumentKind.CREDIT_NOTE: "CN-00001",
    }


def test_each_kind_takes_its_own_prefix_and_width() -> None:
    settings = Settings(
        _env_file=None,
        order_number_prefix="web/",
        order_number_width=3,
        credit_note_number_prefix="AV-",
        credit_note_number_width=7,
    )
    numbering = policy_from(settings).numbering
    assert numbering[DocumentKind.ORDER].code(4) == "WEB/004"
    assert numbering[DocumentKind.CREDIT_NOTE].code(4) == "AV-0000004"
    assert numbering[DocumentKind.INVOICE].code(4) == "INV-00004"


@pytest.mark.parametrize(
    "fields",
    [
        {"order_number_prefix": "SO 1"},
        {"invoice_number_prefix": "ABCDEFGHIJKLM"},
        {"return_number_width": 0},
        {"work_order_number_width": 11},
    ],
)
def test_settings_out_of_bounds_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, **fields)  # type: ignore[arg-type]
