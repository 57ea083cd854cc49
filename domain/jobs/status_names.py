"""The words a job run's status is named by, in the reader's language.

A run has its own context, as its status agrees with it: feminine in French (une
exécution "réussie", "échouée").
"""

from __future__ import annotations

from domain.texts import Text, pgettext

JOB_STATUS_NAMES: dict[str, Text] = {
    # Translators: a job run's status, said of the run ("nightly #12 succeeded at ...").
    "running": pgettext("job run status", "running"),
    "succeeded": pgettext("job run status", "succeeded"),
    "failed": pgettext("job run status", "failed"),
    # Translators: a job run's status: finished with errors, some records done.
    "partial": pgettext("job run status", "partial"),
    # Translators: a job run's status: did not do its work, for a reason given after it.
    "skipped": pgettext("job run status", "skipped"),
}


def job_status_name(status: str) -> Text | str:
    """A job run's status as a person reads it (an unknown one as it is stored)."""
    return JOB_STATUS_NAMES.get(str(status), str(status))
