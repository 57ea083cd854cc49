"""The C allocator's mapping threshold is fixed once (glibc), or left alone elsewhere."""

from __future__ import annotations

import platform

import pytest

from store.sheets import allocator


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt only")
def test_glibc_takes_the_threshold() -> None:
    assert allocator.keep_large_blocks_mapped()
    assert allocator.keep_large_blocks_mapped(allocator.THRESHOLD)  # again: the same


def test_without_a_c_library_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator.ctypes.util, "find_library", lambda name: None)
    assert not allocator.keep_large_blocks_mapped()


def test_a_c_library_without_mallopt_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoMallopt:
        def __init__(self, name: str) -> None:
            self.name = name

    monkeypatch.setattr(allocator.ctypes, "CDLL", NoMallopt)
    assert not allocator.keep_large_blocks_mapped()
