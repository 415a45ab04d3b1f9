"""The sign-in throttle: failed sign-ins make the next attempt wait, by username and address.

Two counters, each a growing delay rather than a lock:

- per (username, client address): after ``free_failures`` failures the pair waits
  ``delay_seconds``, doubled at each further failure up to ``max_delay_seconds``. The same
  username from another address is not delayed, so someone guessing the minister's password
  cannot keep the minister out: they only slow themselves down.
- per client address, over all usernames: after ``address_free_failures`` failures the address
  waits the same growing delay (against trying one password on many usernames).

An attempt while waiting is refused without checking the password and does not lengthen the
wait. A counter is forgotten once it has been quiet for ``max_delay_seconds`` after its wait
ended, and a successful sign-in clears its pair. The counters live in this process's memory:
they are lost on restart and not shared between server processes. No Streamlit here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from eperf.config import Settings

MAX_TRACKED = 10_000  # counters kept before the quiet ones are dropped (bounds memory)


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int = 5
    address_free_failures: int = 30
    delay_seconds: float = 5.0
    max_delay_seconds: float = 900.0

    @classmethod
    def from_settings(cls, settings: Settings) -> ThrottlePolicy:
        return cls(
            free_failures=settings.login_free_failures,
            address_free_failures=settings.login_address_free_failures,
            delay_seconds=settings.login_delay_seconds,
            max_delay_seconds=max(settings.login_max_delay_seconds, settings.login_delay_seconds),
        )

    def delay_after(self, failures: int, free: int) -> float:
        """The wait after ``failures`` failures when ``free`` of them cost nothing."""
        if failures < free:
            return 0.0
        return min(self.delay_seconds * 2 ** min(failures - free, 32), self.max_delay_seconds)


@dataclass
class _Counter:
    failures: int = 0
    last_failure: float = 0.0
    wait_until: float = 0.0


@dataclass(frozen=True)
class Wait:
    """Why an attempt must wait: ``scope`` is ``"user_address"`` or ``"address"``."""

    scope: str
    until: float

    def seconds_left(self, now: float) -> int:
        return max(1, int(self.until - now + 0.999))


class LoginThrottle:
    """Failed sign-ins per (username, address) and per address; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pairs: dict[tuple[str, str], _Counter] = {}
        self._addresses: dict[str, _Counter] = {}

    def wait(self, username: str, address: str, now: float) -> Wait | None:
        """The wait in force for this attempt, or None when it may be checked."""
        with self._lock:
            pair = self._pairs.get((username, address))
            if pair is not None and now < pair.wait_until:
                return Wait("user_address", pair.wait_until)
            at_address = self._addresses.get(address)
            if at_address is not None and now < at_address.wait_until:
                return Wait("address", at_address.wait_until)
            return None

    def record_failure(
        self, username: str, address: str, now: float, policy: ThrottlePolicy
    ) -> Wait | None:
        """Count a failed check; the wait it starts, if any (the longer of the two)."""
        with self._lock:
            self._prune(now, policy)
            pair = self._count(self._pairs, (username, address), now, policy, policy.free_failures)
            at_address = self._count(
                self._addresses, address, now, policy, policy.address_free_failures
            )
            started = [
                Wait(scope, counter.wait_until)
                for scope, counter in (("user_address", pair), ("address", at_address))
                if counter.wait_until > now
            ]
            return max(started, key=lambda wait: wait.until, default=None)

    def record_success(self, username: str, address: str) -> None:
        with self._lock:
            self._pairs.pop((username, address), None)

    def reset(self) -> None:
        with self._lock:
            self._pairs.clear()
            self._addresses.clear()

    @staticmethod
    def _count(table: dict, key, now: float, policy: ThrottlePolicy, free: int) -> _Counter:
        counter = table.get(key)
        if counter is None or _quiet(counter, now, policy):
            counter = table[key] = _Counter()
        counter.failures += 1
        counter.last_failure = now
        delay = policy.delay_after(counter.failures, free)
        if delay:
            counter.wait_until = now + delay
        return counter

    def _prune(self, now: float, policy: ThrottlePolicy) -> None:
        for table in (self._pairs, self._addresses):
            if len(table) >= MAX_TRACKED:
                for key in [k for k, c in table.items() if _quiet(c, now, policy)]:
                    del table[key]
            while len(table) >= MAX_TRACKED:  # a flood of fresh keys: drop the oldest
                del table[min(table, key=lambda k: table[k].last_failure)]


def _quiet(counter: _Counter, now: float, policy: ThrottlePolicy) -> bool:
    """Quiet for the longest wait after its own wait ended: start counting again."""
    return now >= max(counter.wait_until, counter.last_failure) + policy.max_delay_seconds
