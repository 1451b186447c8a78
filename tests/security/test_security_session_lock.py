"""The inactivity lock and the limit on failed attempts, driven by a fake monotonic clock."""

from __future__ import annotations

import pytest

from pac_desktop.security.session_lock import AttemptLimiter, InactivityLock, wait_message


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_locks_after_the_delay_without_activity_and_only_then() -> None:
    clock = Clock()
    lock = InactivityLock(600, clock=clock)
    clock.now += 599
    assert not lock.check()
    lock.activity()  # any key or click restarts the countdown
    clock.now += 599
    assert not lock.check() and lock.remaining() == pytest.approx(1)
    clock.now += 1
    assert lock.check() and lock.locked
    assert not lock.check()  # already locked: locks once
    lock.activity()  # activity does not unlock
    assert lock.locked
    lock.unlocked()
    assert not lock.locked and lock.remaining() == 600


def test_lock_on_demand_and_a_changed_delay() -> None:
    clock = Clock()
    lock = InactivityLock(600, clock=clock)
    lock.lock()
    assert lock.locked
    lock.unlocked()
    lock.timeout_seconds = 60
    clock.now += 60
    assert lock.check()
    with pytest.raises(ValueError):
        InactivityLock(0)


def test_five_failures_then_growing_delays_then_reset_on_success() -> None:
    clock = Clock()
    limiter = AttemptLimiter(clock=clock)
    assert [limiter.failed("x") for _ in range(4)] == [0, 0, 0, 0]
    assert limiter.failed("x") == 30
    assert limiter.wait_seconds("y") == 0  # other keys are not affected
    clock.now += 30
    assert limiter.wait_seconds("x") == 0
    assert limiter.failed("x") == 60
    clock.now += 60
    limiter.succeeded("x")
    assert limiter.failures("x") == 0 and limiter.failed("x") == 0
    big = AttemptLimiter(clock=clock)
    for _ in range(30):
        big.failed("k")
    assert big.wait_seconds("k") == 15 * 60


def test_wait_message_is_french_and_plain() -> None:
    assert "patientez 30 secondes" in wait_message(30)
    assert "patientez 1 seconde " in wait_message(1)
    assert "patientez 15 minutes" in wait_message(900)
