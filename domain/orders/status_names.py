"""The words a refusal names an order's or a shipment's status by, said in the reader's
language ("SO-00001 is draft" reads "SO-00001 est brouillon")."""

from __future__ import annotations

from collections.abc import Iterable

from domain.text_values import Sentences
from domain.texts import Text, _

STATUS_NAMES: dict[str, Text] = {
    "draft": _("draft"),
    "confirmed": _("confirmed"),
    "closed": _("closed"),
    "cancelled": _("cancelled"),
    "pending": _("pending"),
    "ready": _("ready"),
    "shipped": _("shipped"),
    "delivered": _("delivered"),
}


def status_name(status: str) -> Text | str:
    """The status as a person reads it (an unknown one as it is stored)."""
    return STATUS_NAMES.get(str(status), str(status))


def status_names(statuses: Iterable[str]) -> Sentences | Text:
    """Statuses one after the other (`closed, cancelled`), or `nothing` when none."""
    named = tuple(STATUS_NAMES[str(s)] for s in sorted(str(s) for s in statuses))
    return Sentences(named) if named else _("nothing")
