"""What ``quiz_submissions.py`` measured: the learners' tallies, the checks of the database
against what the clients saw, and the printed report."""

from __future__ import annotations

import math
import os
import platform
import shlex
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib.metadata import version

from _machine import machine_summary


@dataclass
class Learner:
    username: str
    started: set[str] = field(default_factory=set)  # attempt ids the start redirect named
    graded: set[str] = field(default_factory=set)  # attempt ids whose result page showed
    submit_seconds: list[float] = field(default_factory=list)
    doubles: int = 0
    double_both_to_result: int = 0
    questions_seen: Counter = field(default_factory=Counter)
    scores: list[tuple[float, int]] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    setup_error: str = ""


@dataclass
class LoadResult:
    learners: list[Learner]
    elapsed: float
    stragglers: int

    @property
    def started(self) -> set[str]:
        return {a for learner in self.learners for a in learner.started}

    @property
    def graded(self) -> set[str]:
        return {a for learner in self.learners for a in learner.graded}

    @property
    def latencies(self) -> list[float]:
        return sorted(s for learner in self.learners for s in learner.submit_seconds)

    @property
    def errors(self) -> Counter:
        total: Counter = Counter()
        for learner in self.learners:
            total.update(learner.errors)
        return total

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of successful submits, in seconds."""
        ordered = self.latencies
        if not ordered:
            return math.nan
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def integrity_checks(load: LoadResult, audit: dict) -> list[Check]:
    started, graded = load.started, load.graded
    db_attempts, db_submitted = set(audit["attempt_ids"]), set(audit["submitted_ids"])

    def diff(db: set[str], seen: set[str]) -> str:
        parts = []
        if db - seen:
            parts.append(f"{len(db - seen)} in the database only")
        if seen - db:
            parts.append(f"{len(seen - db)} seen by the clients only")
        return "; ".join(parts)

    doubles = sum(learner.doubles for learner in load.learners)
    return [
        Check(
            "attempts started in the database == attempts the clients saw started",
            db_attempts == started,
            f"{len(db_attempts)} == {len(started)}"
            + (f" ({diff(db_attempts, started)})" if db_attempts != started else ""),
        ),
        Check(
            "submissions in the database == attempts the clients saw graded",
            db_submitted == graded and audit["submissions"] == len(graded),
            f"{audit['submissions']} == {len(graded)}"
            + (f" ({diff(db_submitted, graded)})" if db_submitted != graded else ""),
        ),
        Check(
            "no attempt has two submissions (double submits included)",
            audit["submissions"] == audit["submitted_attempts"],
            f"{audit['submissions']} submissions for {audit['submitted_attempts']} attempts; "
            f"{doubles} double submits sent",
        ),
        Check(
            "no learner has two attempts with the same number",
            audit["same_number"] == 0,
            f"{audit['same_number']} duplicated (learner, quiz, number)",
        ),
        Check(
            "attempt numbers of each learner run 1..n without a gap",
            audit["number_gaps"] == 0,
            f"{audit['number_gaps']} learners with a gap",
        ),
        Check(
            "every score is within [0, max_score]",
            audit["score_out_of_range"] == 0,
            f"{audit['score_out_of_range']} out of range; max_score {audit['max_scores']}",
        ),
        Check(
            "no submission was closed by the server (no time limit, none expected)",
            audit["closed_by_server"] == 0,
            f"{audit['closed_by_server']}",
        ),
    ]


def heading(title: str) -> None:
    print(f"\n{title}\n{'=' * len(title)}")


def command_line(db: str) -> str:
    command = shlex.join(sys.orig_argv)
    if db == "postgres" and os.environ.get("PGVERSION"):
        return f"pg_virtualenv -t -v {os.environ['PGVERSION']} {command}"
    return command


def _print_load(db, args, quiz, lifted, load, audit) -> None:
    """What the load did: learners, the quiz, attempts, throughput, latency, scores, errors."""
    scores = [s for learner in load.learners for s in learner.scores]
    kinds = Counter()
    for learner in load.learners:
        kinds.update(learner.questions_seen)
    heading(f"Quiz submissions on {audit['db_version']} ({db})")
    print(
        f"  learners:        {args.users} concurrent, one thread and keep-alive connection "
        f"each, no pause between requests"
    )
    print(f"  quiz:            {quiz.path} (start form {quiz.start_path}), module {quiz.module}")
    print(
        f"  attempt limit:   lifted to none on {len(lifted['quizzes'])} quiz pages "
        f"(max_attempts = 0, new revision published)"
    )
    print(
        "  fields seen:     "
        + ", ".join(f"{k} x {v}" for k, v in sorted(kinds.items()))
        + " (across all attempt pages)"
    )
    print(f"  wall time:       {load.elapsed:.1f} s (limit {args.seconds:g} s + the last attempts)")
    print(f"  attempts:        {len(load.started)} started, {len(load.graded)} graded")
    print(f"  submissions/s:   {_rate(load):.1f} (graded attempts per second of wall time)")
    stats = "  ".join(f"{name} {ms:.0f}" for name, ms in _latencies(load).items())
    print(f"  submit latency:  {stats} ms ({len(load.latencies)} submits answered 302 -> result)")
    if scores:
        mean = sum(s / m for s, m in scores if m) / len(scores) * 100
        print(f"  scores:          mean {mean:.0f}% of max over {len(scores)} result pages")
    both = sum(learner.double_both_to_result for learner in load.learners)
    print(
        f"  double submits:  {_doubles(load)} sent (two connections, same session, at once); "
        f"{both} with both copies sent to the result page"
    )
    errors = load.errors
    print(f"  errors:          {sum(errors.values()) or 'none'}")
    for kind, count in errors.most_common():
        print(f"    {kind} x {count}")
    for learner in load.learners:
        if learner.setup_error:
            print(f"  setup error:     {learner.setup_error}")
    if load.stragglers:
        print(f"  stragglers:      {load.stragglers} learners still running after the grace period")


def _print_machine(db, args, audit, facts) -> None:
    """The machine, the software and the commands the figures were measured with."""
    print("\n  Machine and commands:")
    print(f"    cores:     {machine_summary()} (client, gunicorn and database share them)")
    print(
        f"    software:  Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}, gunicorn {version('gunicorn')}, "
        f"psycopg {version('psycopg')}, {audit['db_version']}"
    )
    print(f"    server:    gunicorn {args.workers} workers x {args.threads} threads (gthread)")
    print(f"    setup:     {', '.join(f'{k} {v:.1f} s' for k, v in facts['timings'].items())}")
    print(f"    command:   {command_line(db)}")
    print(f"    gunicorn:  {shlex.join(facts['gunicorn'])}")


def _rate(load: LoadResult) -> float:
    return len(load.graded) / load.elapsed if load.elapsed else 0.0


def _latencies(load: LoadResult) -> dict[str, float]:
    """Submit latency percentiles, in milliseconds."""
    return {
        name: load.percentile(p) * 1000
        for name, p in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))
    }


def _doubles(load: LoadResult) -> int:
    return sum(learner.doubles for learner in load.learners)


def report(db, args, quiz, lifted, load, audit, checks, facts, server_log, started) -> dict:
    _print_load(db, args, quiz, lifted, load, audit)
    print("\n  Integrity, read from the database after the load:")
    for check in checks:
        print(f"    {'OK    ' if check.ok else 'FAILED'} {check.name}: {check.detail}")
    _print_machine(db, args, audit, facts)
    if server_log:
        print(f"\n  gunicorn's error log (last 8000 characters):\n{server_log}")
    print(f"\n  {db} run: {time.perf_counter() - started:.0f} s")
    return {
        "db": db,
        "db_version": audit["db_version"],
        "learners": args.users,
        "started": len(load.started),
        "graded": len(load.graded),
        "elapsed": load.elapsed,
        "submissions_per_second": _rate(load),
        "latency_ms": _latencies(load),
        "errors": dict(load.errors),
        "double_submits": _doubles(load),
        "checks": [asdict(c) for c in checks],
        "command": command_line(db),
    }


def report_summary(results: list[dict]) -> None:
    heading("Summary")
    row = "  {:<20} {:>8} {:>8} {:>7} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7}"
    print(
        row.format(
            "database", "started", "graded", "sub/s", "p50", "p95", "p99", "max", "errors", "checks"
        )
    )
    for r in results:
        ms = r["latency_ms"]
        failed = sum(not c["ok"] for c in r["checks"])
        print(
            row.format(
                r["db_version"].split(" (")[0],  # PostgreSQL's build note left out
                r["started"],
                r["graded"],
                f"{r['submissions_per_second']:.1f}",
                *(f"{ms[k]:.0f}" for k in ("p50", "p95", "p99", "max")),
                sum(r["errors"].values()),
                "OK" if not failed else f"{failed} FAIL",
            )
        )
    print("  (latency in ms of the submit POST; sub/s = graded attempts per second of wall time)")
