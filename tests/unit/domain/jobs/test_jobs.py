"""Job runs: known jobs, outcomes, dead runs, and the status machine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import InvalidTransition, ValidationFailed
from domain.jobs.log import (
    DEAD_RUN_ERROR,
    KNOWN_JOBS,
    MAX_ERROR_MESSAGES,
    TRANSITIONS,
    JobRun,
    JobRunFinished,
    JobRunStarted,
    JobStatus,
    check_job_name,
)

T0 = datetime(2024, 3, 31, 2, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)
J = JobStatus


def started(name: str = "subscriptions") -> JobRun:
    run = JobRun.start(name, T0)
    run.id = 3
    run.pull_events()
    return run


# --- known jobs ----------------------------------------------------------------------


def test_known_jobs() -> None:
    assert KNOWN_JOBS == ("subscriptions", "outbox", "inbox", "digest", "jeopardy")


@pytest.mark.parametrize("name", ["subscriptions", " Outbox ", "INBOX", "digest"])
def test_check_job_name_accepts_known_jobs_in_any_case(name: str) -> None:
    assert check_job_name(name) == name.strip().lower()


def test_check_job_name_refuses_others_listing_the_known_ones() -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_job_name("nightly")
    assert caught.value.code == "job.unknown"
    assert caught.value.message == (
        "job: there is no job 'nightly'; the jobs are "
        "subscriptions, outbox, inbox, digest, jeopardy"
    )


def test_start_refuses_an_unknown_job() -> None:
    with pytest.raises(ValidationFailed) as caught:
        JobRun.start("backup", T0)
    assert caught.value.code == "job.unknown"


# --- a run's life --------------------------------------------------------------------


def test_start_opens_a_running_run() -> None:
    run = JobRun.start("Digest", T0, triggered_by="U123")
    assert (run.job_name, run.started_at, run.finished_at, run.status) == (
        "digest",
        T0,
        None,
        J.RUNNING,
    )
    assert (run.processed, run.orders_created, run.errors, run.error_count) == (0, 0, [], 0)
    assert run.triggered_by == "U123"
    assert run.duration() is None
    assert run.pull_events() == [JobRunStarted("digest", T0, "U123")]


def test_progress_adds_up() -> None:
    run = started()
    run.progress(processed=3, orders_created=2)
    run.progress(processed=1)
    run.progress(orders_created=5)
    assert (run.processed, run.orders_created) == (4, 7)


def test_progress_refuses_negative_counts() -> None:
    run = started()
    with pytest.raises(ValueError, match="cannot be negative"):
        run.progress(processed=-1)
    assert run.processed == 0


def test_finish_without_errors_succeeds() -> None:
    run = started()
    run.progress(processed=10, orders_created=10)
    assert run.finish(T1) is J.SUCCEEDED
    assert (run.status, run.finished_at, run.duration()) == (
        J.SUCCEEDED,
        T1,
        timedelta(minutes=5),
    )
    assert run.pull_events() == [JobRunFinished(3, "subscriptions", "succeeded", 10, 10, 0, T1)]


def test_finish_with_nothing_to_do_succeeds() -> None:
    run = started()
    assert run.finish(T1) is J.SUCCEEDED


def test_finish_with_errors_and_some_work_is_partial() -> None:
    run = started()
    run.progress(processed=3, orders_created=3)
    run.add_error("subscription 12: product TEA is inactive")
    assert run.finish(T1) is J.PARTIAL
    assert run.errors == ["subscription 12: product TEA is inactive"]
    assert run.pull_events() == [JobRunFinished(3, "subscriptions", "partial", 3, 3, 1, T1)]


def test_finish_with_errors_and_only_orders_counted_is_partial() -> None:
    run = started()
    run.progress(orders_created=1)
    run.add_error("boom")
    assert run.finish(T1) is J.PARTIAL


def test_finish_with_errors_and_nothing_done_fails() -> None:
    run = started("outbox")
    run.add_error("smtp refused")
    run.add_error("smtp refused again")
    assert run.finish(T1) is J.FAILED
    assert (run.errors, run.error_count) == (["smtp refused", "smtp refused again"], 2)


def test_fail_ends_the_run_with_its_reason_after_earlier_errors() -> None:
    run = started()
    run.progress(processed=2)
    run.add_error("subscription 4: no price")
    run.fail(T1, "database went away")
    assert (run.status, run.finished_at) == (J.FAILED, T1)
    assert run.errors == ["subscription 4: no price", "database went away"]
    assert run.pull_events() == [JobRunFinished(3, "subscriptions", "failed", 2, 0, 2, T1)]


def test_mark_dead_fails_a_run_left_running() -> None:
    run = started()
    run.progress(processed=3, orders_created=3)
    later = T0 + timedelta(hours=1)
    run.mark_dead(later)
    assert (run.status, run.finished_at, run.errors) == (J.FAILED, later, [DEAD_RUN_ERROR])
    assert run.errors == ["the process stopped during the run"]
    assert (run.processed, run.orders_created) == (3, 3)


def test_error_messages_are_capped_but_all_counted() -> None:
    run = started()
    for i in range(MAX_ERROR_MESSAGES + 10):
        run.add_error(f"error {i}")
    assert MAX_ERROR_MESSAGES == 50
    assert len(run.errors) == 50
    assert run.errors[-1] == "error 49"
    assert run.error_count == 60


# --- the status machine --------------------------------------------------------------


def test_transition_table() -> None:
    expected = {
        J.RUNNING: {J.SUCCEEDED, J.FAILED, J.PARTIAL, J.SKIPPED},
        J.SUCCEEDED: set(),
        J.FAILED: set(),
        J.PARTIAL: set(),
        J.SKIPPED: set(),
    }
    assert expected == TRANSITIONS


def end_as(run: JobRun, to: JobStatus) -> None:
    """Drive a running run to `to` through its verbs."""
    if to is J.SUCCEEDED:
        run.finish(T1)
    elif to is J.PARTIAL:
        run.progress(processed=1)
        run.add_error("x")
        run.finish(T1)
    elif to is J.SKIPPED:
        run.skip(T1, "switched off")
    else:
        run.fail(T1, "x")


@pytest.mark.parametrize("to", [J.SUCCEEDED, J.FAILED, J.PARTIAL, J.SKIPPED])
def test_allowed_transitions_from_running(to: JobStatus) -> None:
    assert to in TRANSITIONS[J.RUNNING]
    run = started()
    end_as(run, to)
    assert run.status is to


FINAL = [J.SUCCEEDED, J.FAILED, J.PARTIAL, J.SKIPPED]
VERBS: dict[str, Callable[[JobRun], object]] = {
    "finish": lambda run: run.finish(T1),
    "fail": lambda run: run.fail(T1, "late"),
    "mark_dead": lambda run: run.mark_dead(T1),
    "skip": lambda run: run.skip(T1, "late"),
}


@pytest.mark.parametrize("final", FINAL)
@pytest.mark.parametrize("verb", sorted(VERBS))
def test_a_finished_run_cannot_end_again(final: JobStatus, verb: str) -> None:
    run = started("digest")
    end_as(run, final)
    before = (run.finished_at, list(run.errors), run.error_count)
    notes = list(run.notes)
    run.pull_events()
    with pytest.raises(InvalidTransition) as caught:
        VERBS[verb](run)
    assert run.notes == notes
    assert caught.value.code == "job_run.invalid_transition"
    assert caught.value.message.startswith(f"Run 3 of digest has already finished ({final});")
    assert run.status is final
    assert (run.finished_at, run.errors, run.error_count) == before
    assert run.pull_events() == []


def test_refused_transition_message() -> None:
    run = started("digest")
    run.finish(T1)
    with pytest.raises(InvalidTransition) as caught:
        run.fail(T1, "late")
    assert caught.value.message == (
        "Run 3 of digest has already finished (succeeded); it cannot become failed."
    )


@pytest.mark.parametrize("final", FINAL)
def test_a_finished_run_takes_no_progress_or_errors(final: JobStatus) -> None:
    run = started()
    end_as(run, final)
    counts = (run.processed, run.orders_created, run.error_count)
    with pytest.raises(InvalidTransition) as progress:
        run.progress(processed=1)
    assert progress.value.code == "job_run.not_running"
    assert progress.value.message == (
        f"Run 3 of subscriptions has already finished ({final}); it cannot make progress."
    )
    with pytest.raises(InvalidTransition) as error:
        run.add_error("late")
    assert error.value.code == "job_run.not_running"
    assert (run.processed, run.orders_created, run.error_count) == counts


def test_an_unsaved_run_is_named_by_its_job() -> None:
    run = JobRun.start("inbox", T0)
    run.finish(T1)
    with pytest.raises(InvalidTransition) as caught:
        run.finish(T1)
    assert caught.value.message == (
        "The inbox run has already finished (succeeded); it cannot become succeeded."
    )


def test_a_skipped_run_keeps_its_reason_first_and_its_notes() -> None:
    run = started()
    run.add_note("subscription 4 (ACME): period 2 (2024-03-01) skipped: product W is inactive")
    run.skip(T1, "subscriptions are switched off (3 due)")
    assert run.status is J.SKIPPED
    assert run.notes == [
        "subscriptions are switched off (3 due)",
        "subscription 4 (ACME): period 2 (2024-03-01) skipped: product W is inactive",
    ]
    assert (run.error_count, run.finished_at) == (0, T1)
    finished = run.pull_events()[-1]
    assert isinstance(finished, JobRunFinished)
    assert finished.status == "skipped"


def test_notes_are_kept_up_to_the_limit_and_only_while_running() -> None:
    run = started()
    for n in range(MAX_ERROR_MESSAGES + 5):
        run.add_note(f"note {n}")
    assert len(run.notes) == MAX_ERROR_MESSAGES
    assert run.status is J.RUNNING
    assert run.error_count == 0
    run.finish(T1)
    assert run.status is J.SUCCEEDED  # notes are not errors
    with pytest.raises(InvalidTransition) as caught:
        run.add_note("late")
    assert caught.value.code == "job_run.not_running"
