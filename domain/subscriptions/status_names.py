"""The words a subscription's status is named by, in the reader's language.

A subscription has its own context, as its status agrees with it: masculine in French
(un abonnement "actif", "terminé"), neuter in Danish (et abonnement "aktivt").
"""

from __future__ import annotations

from domain.texts import Text, pgettext

SUBSCRIPTION_STATUS_NAMES: dict[str, Text] = {
    # Translators: a subscription's status, said of the subscription.
    "active": pgettext("subscription status", "active"),
    "paused": pgettext("subscription status", "paused"),
    "ended": pgettext("subscription status", "ended"),
}


def subscription_status_name(status: str) -> Text | str:
    """A subscription's status as a person reads it (an unknown one as it is stored)."""
    return SUBSCRIPTION_STATUS_NAMES.get(str(status), str(status))
