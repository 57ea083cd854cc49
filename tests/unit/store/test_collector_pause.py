"""The collector is paused while a customer plan is written, and left as it was found."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from store.imports.collector import collector_paused


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    """A process with nothing frozen, as the CLI's (a service freezes its start-up heap,
    and runtime.serve's tests leave theirs frozen); frozen again afterwards if it was."""
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    yield
    if frozen:
        gc.freeze()


def test_the_collector_is_paused_meanwhile_and_on_again_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_pauses_in_two_threads_end_with_the_last() -> None:
    first_in, second_out = threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_out.wait(5)
            seen.append(gc.isenabled())  # the other pause ended: still paused here

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with collector_paused():
        pass
    second_out.set()
    thread.join(5)
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_on_again_when_the_bulk_work_fails() -> None:
    try:
        with collector_paused():
            raise DeprecationWarning("a warning turned into an error")
    except DeprecationWarning:
        pass
    assert gc.isenabled()


def _generation_of(obj: object) -> int | None:
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(g))), None)


@pytest.mark.usefixtures("nothing_frozen")
def test_what_a_pause_made_goes_to_the_oldest_generation_unwalked_and_unfrozen() -> None:
    """The next collections of the young generations would walk it all for nothing."""
    with collector_paused():
        made = [[n] for n in range(20_000)]
    assert _generation_of(made[-1]) == 2
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("nothing_frozen")
def test_objects_someone_froze_stay_frozen() -> None:
    """A service's frozen start-up heap stays frozen: then nothing is moved."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            made = [[n] for n in range(1_000)]
        assert gc.get_freeze_count() == frozen
        assert _generation_of(made[-1]) is not None
    finally:
        gc.unfreeze()
