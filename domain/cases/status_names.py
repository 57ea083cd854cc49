"""The words a case's status is named by, in the reader's language.

A case has its own context, as its status agrees with it: a case is masculine in French
(un dossier "ouvert", "clôturé"), while an order "closed" is "clôturée".
"""

from __future__ import annotations

from domain.texts import Text, pgettext

CASE_STATUS_NAMES: dict[str, Text] = {
    # Translators: a case's status, said of the case ("#3 ACME high open: late delivery").
    "open": pgettext("case status", "open"),
    "closed": pgettext("case status", "closed"),
}


def case_status_name(status: str) -> Text | str:
    """A case's status as a person reads it (an unknown one as it is stored)."""
    return CASE_STATUS_NAMES.get(str(status), str(status))
