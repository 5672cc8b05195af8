"""The lab's time: when the stand-in helpdesk answers, and what the lab's mail server stamps.

`RealTime` is the demo's: answers come after real seconds. `SteppedClock` is the tests':
time passes only when a test advances it, so "a person answers four hours later" takes
no time at all, happens exactly when the test says, and is stamped with that moment.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from auditor.gather.probes.timing import utc_now


class LabClock(Protocol):
    def now(self) -> datetime: ...

    def later(self, seconds: float, action: Callable[[], None]) -> None:
        """Run `action` once `seconds` have passed on this clock."""

    def stop(self) -> None:
        """Drop whatever has not run yet."""


class RealTime:
    def __init__(self) -> None:
        self._timers: list[threading.Timer] = []

    def now(self) -> datetime:
        return utc_now()

    def later(self, seconds: float, action: Callable[[], None]) -> None:
        timer = threading.Timer(seconds, action)
        timer.daemon = True
        self._timers.append(timer)
        timer.start()

    def stop(self) -> None:
        for timer in self._timers:
            timer.cancel()


class SteppedClock:
    """Time that moves only in `advance`; what falls due on the way runs then, in order, in the caller's thread.

    With a `start` the clock stands still at that moment until advanced. Without one it
    follows the real clock plus whatever was advanced so far, for tests whose probes are
    sent by another process that stamps with the real clock.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._start = start
        self._advanced = timedelta()
        self._due: list[tuple[datetime, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return (self._start or utc_now()) + self._advanced

    def later(self, seconds: float, action: Callable[[], None]) -> None:
        due = self.now() + timedelta(seconds=seconds)
        with self._lock:
            heapq.heappush(self._due, (due, next(self._order), action))

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass; each action runs with the clock at its own due time, so it stamps that moment."""
        end = self.now() + timedelta(seconds=seconds)
        while True:
            with self._lock:
                if not self._due or self._due[0][0] > end:
                    break
                due, _, action = heapq.heappop(self._due)
            self._move_to(due)
            action()
        self._move_to(end)

    def stop(self) -> None:
        with self._lock:
            self._due.clear()

    def _move_to(self, moment: datetime) -> None:
        with self._lock:
            self._advanced = max(self._advanced, moment - (self._start or utc_now()))
