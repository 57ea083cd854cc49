"""The customer's history: what each command changed on a customer, when, and who asked.

The aggregate's verbs record `CustomerCreated` and `CustomerUpdated` events; the bus
hands them to `domain.services.history`, which keeps one entry per event with the actor
of the command (a Slack user id, the console's OS user, `cli`, `demo`...). Entries are
kept apart from the aggregate and read newest first by the customer desk: every order
command loads its customer, which should not carry its whole past along. An entry keeps
its sentence (`domain.texts.Text`) beside its English, so each reader reads it in their
language; one written before sentences were kept has its English only, shown as stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.texts import Text

HISTORY_SHOWN = 5
"""How many of the latest entries the customer desk shows."""


@dataclass(frozen=True)
class CustomerChange:
    """One entry of a customer's history."""

    customer_code: str
    at: datetime
    actor: str
    text: str
    sentence: Text | None = None

    @property
    def said(self) -> Text | str:
        """What to say: the sentence, or the English of an entry written before."""
        return self.text if self.sentence is None else self.sentence
