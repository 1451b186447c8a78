"""Session protection logic (issue 7 §2), without Qt: the inactivity lock and the limit on failed attempts.

The GUI feeds :class:`InactivityLock` with the user's activity (an event filter on the application) and asks
it, on a timer, whether to lock; :class:`AttemptLimiter` slows down password guessing at login and unlock.
Both take a ``clock`` (seconds, monotonic) so that tests drive time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]

DEFAULT_LOCK_MINUTES = 10
MAX_ATTEMPTS = 5
FIRST_DELAY_SECONDS = 30.0
MAX_DELAY_SECONDS = 15 * 60.0


class InactivityLock:
    """Locks after ``timeout_seconds`` without activity, or on demand; unlocking is the caller's (password) job."""

    def __init__(self, timeout_seconds: float = DEFAULT_LOCK_MINUTES * 60, *, clock: Clock = time.monotonic) -> None:
        if timeout_seconds <= 0:
            raise ValueError("the inactivity timeout must be positive")
        self._clock = clock
        self._timeout = float(timeout_seconds)
        self._last_activity = clock()
        self._locked = False

    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    @timeout_seconds.setter
    def timeout_seconds(self, value: float) -> None:
        if value <= 0:
            raise ValueError("the inactivity timeout must be positive")
        self._timeout = float(value)

    @property
    def locked(self) -> bool:
        return self._locked

    def activity(self) -> None:
        """The user did something (a key, a click, the mouse): the countdown starts again — unless locked."""
        if not self._locked:
            self._last_activity = self._clock()

    def remaining(self) -> float:
        """Seconds before the lock (0 when it is due or already locked)."""
        if self._locked:
            return 0.0
        return max(0.0, self._timeout - (self._clock() - self._last_activity))

    def check(self) -> bool:
        """Lock if the inactivity delay has passed; True when this call locked."""
        if not self._locked and self.remaining() <= 0:
            self._locked = True
            return True
        return False

    def lock(self) -> None:
        self._locked = True

    def unlocked(self) -> None:
        """The password was checked again: the session resumes."""
        self._locked = False
        self._last_activity = self._clock()


@dataclass
class _Attempts:
    failures: int = 0
    blocked_until: float = 0.0


@dataclass
class AttemptLimiter:
    """After ``max_attempts`` failures for one key (a login, a staff id), each further try waits: 30 s, then
    twice as long each time, up to 15 minutes. A success clears the key."""

    max_attempts: int = MAX_ATTEMPTS
    first_delay: float = FIRST_DELAY_SECONDS
    max_delay: float = MAX_DELAY_SECONDS
    clock: Clock = time.monotonic
    _keys: dict[str, _Attempts] = field(default_factory=dict)

    def wait_seconds(self, key: str) -> int:
        """Seconds to wait before the next try for this key (0: go ahead)."""
        state = self._keys.get(key)
        if state is None:
            return 0
        return max(0, math.ceil(state.blocked_until - self.clock()))

    def failed(self, key: str) -> int:
        """Record a failure; returns the seconds the next try must wait."""
        state = self._keys.setdefault(key, _Attempts())
        state.failures += 1
        if state.failures >= self.max_attempts:
            extra = state.failures - self.max_attempts
            delay = min(self.max_delay, self.first_delay * (2 ** min(extra, 20)))
            state.blocked_until = self.clock() + delay
        return self.wait_seconds(key)

    def succeeded(self, key: str) -> None:
        self._keys.pop(key, None)

    def failures(self, key: str) -> int:
        state = self._keys.get(key)
        return state.failures if state else 0


def wait_message(seconds: int) -> str:
    """French: why the next try must wait, and for how long."""
    if seconds >= 90:
        minutes = math.ceil(seconds / 60)
        span = f"{minutes} minutes"
    else:
        span = f"{seconds} seconde{'s' if seconds > 1 else ''}"
    return (
        f"Trop d'essais de mot de passe incorrects. Par sécurité, patientez {span} avant de réessayer. "
        "Si vous avez oublié votre mot de passe, adressez-vous à l'administrateur de votre structure."
    )
