"""Concurrent learners reading lessons: one thread per learner, each logged in over its own
keep-alive connection, reading lesson after lesson until a deadline or a request count.

Logging in and enrolling happen before the clock starts; all learners then start together.
"""

from __future__ import annotations

import http.client
import math
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from _http import Client

SETUP_TIMEOUT_SECONDS = 300
STRAGGLER_GRACE_SECONDS = 60


@dataclass
class LoadResult:
    learners: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    setup_errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of successful requests, in seconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class _Learner:
    username: str
    offset: int
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    setup_error: str = ""


def run_load(
    make_client: Callable[[], Client],
    usernames: list[str],
    password: str,
    enrol_paths: list[str],
    lessons: list[str],
    *,
    seconds: float,
    max_requests: int,
    think: float = 0.0,
) -> LoadResult:
    """Each learner logs in, enrols in every course (the real POST), waits for the others,
    then GETs lessons in course order from its own starting point, pausing a random 0.5 to 1.5
    times ``think`` seconds after each (0: no pause, the server's saturation). A request counts
    as an error unless it answers 200; the loop stops at ``seconds`` or ``max_requests``."""
    learners = [
        _Learner(name, i * len(lessons) // len(usernames)) for i, name in enumerate(usernames)
    ]
    clock = {"start": 0.0}
    barrier = threading.Barrier(
        len(learners),
        action=lambda: clock.update(start=time.monotonic()),
        timeout=SETUP_TIMEOUT_SECONDS,
    )

    def learn(learner: _Learner) -> None:
        client = make_client()
        try:
            client.login(learner.username, password)
            for path in enrol_paths:
                response = client.post(path, {})
                if response.status != 302:
                    raise RuntimeError(f"enrol {path}: HTTP {response.status}")
        except Exception as error:
            learner.setup_error = f"{learner.username}: {error}"
        try:
            barrier.wait()
            if not learner.setup_error:
                _read_lessons(
                    client, learner, lessons, clock["start"] + seconds, max_requests, think
                )
        finally:
            client.close()

    threads = [threading.Thread(target=learn, args=(learner,), daemon=True) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SETUP_TIMEOUT_SECONDS + seconds + STRAGGLER_GRACE_SECONDS)
    ended = time.monotonic()

    result = LoadResult(learners=len(learners), seconds=seconds)
    result.elapsed = ended - clock["start"] if clock["start"] else 0.0
    for learner in learners:
        result.latencies.extend(learner.latencies)
        result.errors.update(learner.errors)
        if learner.setup_error:
            result.setup_errors.append(learner.setup_error)
    if any(thread.is_alive() for thread in threads):
        result.setup_errors.append("some learners were still running after the grace period")
    return result


def _read_lessons(
    client: Client,
    learner: _Learner,
    lessons: list[str],
    deadline: float,
    max_requests: int,
    think: float,
) -> None:
    pauses = random.Random(learner.username)  # the same pauses on every run
    if think:  # learners arrive spread over one pause, not all in the same millisecond
        time.sleep(think * pauses.random())
    for number in range(max_requests):
        if number and think:
            time.sleep(min(think * pauses.uniform(0.5, 1.5), max(0.0, deadline - time.monotonic())))
        if time.monotonic() >= deadline:
            return
        path = lessons[(learner.offset + number) % len(lessons)]
        try:
            response = client.get(path)
        except (OSError, http.client.HTTPException) as error:
            learner.errors[type(error).__name__] += 1
            client.close()
            continue
        if response.status == 200:
            learner.latencies.append(response.seconds)
        else:
            learner.errors[f"HTTP {response.status}"] += 1
