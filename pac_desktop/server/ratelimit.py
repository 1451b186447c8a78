"""Rate limits: token buckets in the memory of each worker process.

Enrolment is limited per client address, the evaluation export (whose password check costs 128 MiB of scrypt)
and pushes per device. The buckets live in each worker, so with ``--workers N`` a client may get up to N times
the configured rate (each request lands on one worker); that is enough to stop a password being guessed at
speed, and costs no database round trip. The keys (addresses, device ids) are kept in memory only, never logged.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from pac_desktop.domain.errors import DomainError

#: Buckets untouched for this long are forgotten (they are full again by then).
_IDLE_SECONDS = 3600
_MAX_KEYS = 100_000


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> Rate:
        count, _, seconds = text.partition("/")
        try:
            rate = cls(int(count), float(seconds))
        except ValueError:
            rate = cls(0, 0)
        if rate.count < 1 or rate.seconds <= 0:
            raise DomainError(f"Limite de débit « {text} » illisible : attendu NOMBRE/SECONDES, par exemple 10/600.")
        return rate


class Limiter:
    """One bucket per key: ``rate.count`` tries at once, refilled at ``count / seconds`` per second."""

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, at)
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float | None:
        """None when the try is allowed; else the seconds to wait before the next one."""
        now = time.monotonic() if now is None else now
        per_second = self.rate.count / self.rate.seconds
        with self._lock:
            tokens, at = self._buckets.get(key, (float(self.rate.count), now))
            tokens = min(float(self.rate.count), tokens + (now - at) * per_second)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                if len(self._buckets) > _MAX_KEYS:
                    self._forget(now)
                return None
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / per_second

    def _forget(self, now: float) -> None:
        for key in [k for k, (_t, at) in self._buckets.items() if now - at > _IDLE_SECONDS]:
            del self._buckets[key]


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
