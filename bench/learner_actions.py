"""Benchmark the officer's own waits: how long ``lesson_complete`` and ``quiz_submit`` take
through the real service functions on a real node's database.

Sets up a throw-away node (fresh data directory, migrations, demo content, bench learners; no
web server), then inside it enrols every bench learner in the demo's first course and, learner
after learner, opens and completes each lesson (timing ``learning.services.lesson_complete``)
and starts and submits each module quiz with the questions left blank (timing
``learning.services.quiz_submit``), until ``--calls`` of each. Prints the median and p95 of
each beside the budget, with the machine. The page cache starts cold, as after a restart.

Everything runs on this machine; every loop is bounded in count. From the repository root:

    .venv/bin/python bench/learner_actions.py [--users 10] [--calls 200] [--profile]

``--profile`` also prints cProfile's top functions of the timed calls.
"""

from __future__ import annotations

import argparse
import json
import platform
import shlex
import shutil
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from _machine import machine_summary
from _server import CREATE_LEARNERS, BenchServer, SetupError

BUDGET_MS = 15.0
MARKER = "BENCH-JSON "

# Runs inside ``manage.py shell`` on the node; sizes come from the environment.
MEASURE = """
import cProfile, io, json, os, pstats, time
from wagtail.models import Locale
from courses.models import CoursePage
from learning import services
from modules.models import LessonPage, QuizPage
from officers.models import User

calls = int(os.environ["BENCH_CALLS"])
course = CoursePage.objects.live().filter(locale=Locale.get_default()).order_by("path").first()
lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
quizzes = [q for q in QuizPage.objects.descendant_of(course).live().filter(test_kind="")
           .order_by("path") if len(q.questions)]
names = [f"bench{n:02d}" for n in range(1, int(os.environ["BENCH_USERS"]) + 1)]
learners = list(User.objects.filter(username__in=names).order_by("username"))
for learner in learners:
    services.enrolment_create(learner=learner, course=course, actor=learner)
timings = {"lesson_complete": [], "quiz_submit": []}
profiler = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
for learner in learners:
    for lesson in lessons:
        if len(timings["lesson_complete"]) >= calls:
            break
        services.lesson_open(learner=learner, lesson=lesson)
        started = time.perf_counter()
        profiler and profiler.enable()
        services.lesson_complete(learner=learner, lesson=lesson)
        profiler and profiler.disable()
        timings["lesson_complete"].append(time.perf_counter() - started)
    for quiz in quizzes:
        if len(timings["quiz_submit"]) >= calls:
            break
        attempt = services.quiz_start(learner=learner, quiz=quiz)
        started = time.perf_counter()
        profiler and profiler.enable()
        services.quiz_submit(learner=learner, attempt=attempt, responses={})
        profiler and profiler.disable()
        timings["quiz_submit"].append(time.perf_counter() - started)
print("BENCH-JSON " + json.dumps({
    "course": course.code, "lessons": len(lessons), "quizzes": len(quizzes),
    "learners": len(learners), "timings": timings,
}))
if profiler:
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
    print(out.getvalue())
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10, help="bench learners (10)")
    parser.add_argument("--calls", type=int, default=200, help="calls of each action (200)")
    parser.add_argument(
        "--profile", action="store_true", help="also print cProfile's top functions of the calls"
    )
    return parser.parse_args(argv)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, seconds: list[float]) -> None:
    if not seconds:
        print(f"  {name:<16} no calls")
        return
    median, p95 = percentile(seconds, 50) * 1000, percentile(seconds, 95) * 1000
    verdict = "within" if p95 < BUDGET_MS else "OVER"
    print(
        f"  {name:<16} n={len(seconds):<4} median {median:6.1f} ms  p95 {p95:6.1f} ms  "
        f"budget {BUDGET_MS:.0f} ms  p95/budget {p95 / BUDGET_MS:.2f}  {verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    # A node without a web server: BenchServer's environment and manage.py, not its gunicorn.
    server = BenchServer(learners=args.users)
    server.data_dir = Path(tempfile.mkdtemp(prefix="elearning-bench-"))
    try:
        print("[bench] setting up a fresh node (migrate, load_demo, learners)", file=sys.stderr)
        server.manage("migrate", "migrate", "--noinput")
        server.manage("load_demo", "load_demo")
        server.manage("create learners", "shell", "-c", CREATE_LEARNERS)
        server.extra_env["BENCH_CALLS"] = str(args.calls)
        if args.profile:
            server.extra_env["BENCH_PROFILE"] = "1"
        print("[bench] timing the actions", file=sys.stderr)
        output = server.manage("measure", "shell", "-c", MEASURE)
    finally:
        shutil.rmtree(server.data_dir, ignore_errors=True)
    result = json.loads(next(line for line in output.splitlines() if line.startswith(MARKER))[11:])
    print("\nThe officer's own waits, through the service functions (SQLite, production settings)")
    print("=" * 86)
    for name, seconds in result["timings"].items():
        report(name, seconds)
    print(
        f"  course {result['course']}: {result['lessons']} lessons, {result['quizzes']} module "
        f"quizzes; {result['learners']} learners"
    )
    print("\nMachine and command")
    print("=" * 19)
    print(f"  cores:     {machine_summary()}")
    print(
        f"  software:  Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}"
    )
    setup = ", ".join(f"{k} {v:.1f} s" for k, v in server.timings.items())
    print(f"  setup:     {setup}")
    print(f"  command:   {shlex.join([sys.executable, *sys.argv])}")
    print(f"  whole run: {time.perf_counter() - started:.0f} s")
    if args.profile:
        print(output.split(MARKER, 1)[1].split("\n", 1)[1])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SetupError as error:
        print(f"[bench] failed: {error}", file=sys.stderr)
        sys.exit(1)
