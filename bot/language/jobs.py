"""The `/jobs` forms: the job log, and running a job now (managers only in Slack)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.language.words import Args, UsageError, whole
from domain import commands as c
from domain.jobs.log import KNOWN_JOBS
from domain.texts import _
from l10n.translation import N_, gettext

if TYPE_CHECKING:
    from bot.language.grammar import Door, Grammar


def _list(a: Args, d: Door) -> c.Command:
    if len(a.words) > 1:
        raise UsageError(gettext("expected at most one job name"))
    return c.ListJobRuns(job=a.words[0] if a.words else None, actor=d.actor, manager=d.manager)


def _show(a: Args, d: Door) -> c.Command:
    if len(a.words) != 1:
        raise UsageError(gettext("expected one run number (from /jobs list)"))
    return c.ShowJobRun(
        run_id=whole(a.words[0].lstrip("#"), gettext("run number")),
        actor=d.actor,
        manager=d.manager,
    )


def _run(a: Args, d: Door) -> c.Command:
    if len(a.words) != 1:
        raise UsageError(gettext("expected one job name: {jobs}", jobs=", ".join(KNOWN_JOBS)))
    return c.RunJob(name=a.words[0], actor=d.actor, manager=d.manager)


def register(grammar: Grammar) -> None:
    """Add the /jobs forms (`/jobs` alone lists the latest runs)."""
    from bot.language.grammar import Form

    grammar.families["jobs"] = N_("background jobs: the job log, one run in full, run a job now")
    grammar.defaults["jobs"] = "list"
    grammar.add(Form("jobs", "list", "[JOB]", N_("the latest runs (of every job, or one)"), _list))
    grammar.add(
        Form(
            "jobs",
            "show",
            "ID",
            N_("one run with each of its errors and notes (periods skipped and why)"),
            _show,
        )
    )
    grammar.add(
        Form(
            "jobs",
            "run",
            "NAME",
            _("run a job now (managers): {jobs}", jobs=", ".join(KNOWN_JOBS)),
            _run,
        )
    )
