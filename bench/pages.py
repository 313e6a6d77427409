"""Benchmark the learner's pages against a real production node on this machine.

Starts a throw-away node (fresh data directory, migrations, demo content, collected static
files, gunicorn on a free loopback port), then measures and prints:

1. the weight of each page type loaded cold in Chromium, fonts included, by kind of resource;
2. first contentful paint of a cold lesson page on a 400 kbit/s, 150 ms link (Thai, English);
3. latency and throughput of concurrent logged-in learners reading lessons;
4. the machine and the exact commands.

Everything it contacts is on 127.0.0.1; every loop is bounded in time and count. Run it from
the repository root:

    .venv/bin/python bench/pages.py [--users 30] [--seconds 20]
"""

from __future__ import annotations

import argparse
import platform
import shlex
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version

from _browser import (
    PageWeight,
    PaintRuns,
    Viewer,
    first_contentful_paint,
    launch,
    page_weight,
)
from _http import Client, HttpError, enrol_action, is_lesson, site_links
from _load import LoadResult, run_load
from _machine import machine_summary
from _server import DEMO_PASSWORD, BenchServer, SetupError, bench_username
from playwright.sync_api import sync_playwright

KB = 1000  # budgets and figures are in kB of 1000 bytes
LESSON_CORE_BUDGET = 60 * KB  # HTML + CSS + JS of a lesson page, compressed
LESSON_COLD_BUDGET = 250 * KB  # a cold lesson page with its fonts, without the lesson's media
LINK_KBIT, LINK_LATENCY_MS = 400, 150
DASHBOARD_COLD_BUDGET = 150 * KB
COORDINATOR = "coordinator"


@dataclass
class Course:
    path: str
    enrol_path: str
    modules: list[str]
    lessons: list[str]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30, help="concurrent learners (30)")
    parser.add_argument("--seconds", type=float, default=20, help="length of the load run (20)")
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="seconds a learner reads between pages, randomised +-50%% (3); "
        "a second run with no pause shows saturation",
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=5000,
        help="most requests one learner sends in the load run (5000)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (4)")
    parser.add_argument("--fcp-runs", type=int, default=3, help="throttled loads per language (3)")
    parser.add_argument("--course", default="/tip-101/", help="course of the measured lesson")
    parser.add_argument("--en-user", default="officer", help="learner reading in English")
    parser.add_argument("--th-user", default="somchai", help="learner reading in Thai")
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 99 and 0 < args.seconds <= 600 and args.max_requests >= 1):
        parser.error("--users must be 1..99, --seconds 0..600, --max-requests at least 1")
    return args


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Discovery and log-ins --------------------------------------------------------------------


def discover_courses(client: Client) -> list[Course]:
    """Courses from the catalogue's links (pages offering an enrol form), then each course's
    modules and lessons from its own links. ``client`` is a learner enrolled in nothing yet,
    and is enrolled in every course on the way (lesson pages only open to the enrolled)."""
    courses = []
    for path in site_links(client.page("/"), depth=1):
        form = enrol_action(client.page(path))
        if form is None:
            continue
        enrol_path, _course_id = form
        client.post(enrol_path, {})
        html = client.page(path)
        lessons = [p for p in site_links(html, 3, path) if is_lesson(client.page(p))]
        courses.append(Course(path, enrol_path, site_links(html, 2, path), lessons))
    if not courses:
        raise SetupError("the catalogue links to no course with an enrol form")
    return courses


def log_in_viewer(
    server: BenchServer, username: str | None, locale: str, enrol: Course | None = None
) -> Viewer:
    """Log in over HTTP (and enrol when the course page still offers it): the session cookie
    goes into each fresh browser context, so pages load logged in and still cold."""
    if username is None:
        return Viewer(None, locale)
    client = server.client()
    try:
        client.login(username, DEMO_PASSWORD)
        if enrol is not None and enrol_action(client.page(enrol.path)):
            client.post(enrol.enrol_path, {})
        return Viewer(username, locale, dict(client.cookies))
    finally:
        client.close()


# Measurements -----------------------------------------------------------------------------


def measure_browser(server: BenchServer, course: Course, args) -> tuple[list, list, str]:
    lesson = course.lessons[0]
    english = log_in_viewer(server, args.en_user, "en-GB", enrol=course)
    thai = log_in_viewer(server, args.th_user, "th-TH", enrol=course)
    coordinator = log_in_viewer(server, COORDINATOR, "en-GB")
    plan = [
        ("login", "/accounts/login/", log_in_viewer(server, None, "en-GB")),
        ("catalogue", "/", english),
        ("course", course.path, english),
        ("module", course.modules[0], english),
        ("lesson (en)", lesson, english),
        ("lesson (th)", lesson, thai),
        ("my learning", "/my-learning/", english),
        ("coordinator table", "/coordinator/", coordinator),
        ("dashboard", "/coordinator/dashboard/", coordinator),
        ("assignments", "/coordinator/assignments/", coordinator),
    ]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            weights = []
            for label, path, who in plan:
                progress(f"weighing {label} {path}")
                weights.append(page_weight(browser, server.base_url, label, path, who))
            paints = []
            for label, who in (("lesson (th)", thai), ("lesson (en)", english)):
                progress(f"first contentful paint, {label}, {args.fcp_runs} throttled runs")
                paints.append(
                    first_contentful_paint(
                        browser,
                        server.base_url,
                        label,
                        lesson,
                        who,
                        runs=args.fcp_runs,
                        kbit_per_second=LINK_KBIT,
                        latency_ms=LINK_LATENCY_MS,
                    )
                )
            return weights, paints, browser.version
        finally:
            browser.close()


def measure_load(server: BenchServer, courses: list[Course], args, think: float) -> LoadResult:
    lessons = [lesson for course in courses for lesson in course.lessons]
    progress(
        f"{args.users} learners log in, enrol, then read {len(lessons)} lessons "
        f"for {args.seconds:g} s, {think:g} s between pages"
    )
    return run_load(
        server.client,
        [bench_username(n) for n in range(1, args.users + 1)],
        DEMO_PASSWORD,
        [course.enrol_path for course in courses],
        lessons,
        seconds=args.seconds,
        max_requests=args.max_requests,
        think=think,
    )


# Report -----------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / KB:.1f}"


def verdict(value: int, budget: int) -> str:
    return f"{kb(value)} kB  (budget {kb(budget)} kB)  {'OK' if value <= budget else 'OVER'}"


def heading(title: str) -> None:
    print(f"\n{title}\n{'=' * len(title)}")


def report_weights(weights: list[PageWeight]) -> None:
    heading("1. Page weight, cold cache, fonts included (kB = 1000 bytes)")
    print(
        "Body bytes on the wire as served (Django's GZipMiddleware compresses HTML; WhiteNoise\n"
        "serves static files pre-compressed); 'HTML raw' is the HTML decoded. 'total' excludes\n"
        "response headers (shown apart); 'no media' leaves out /media/ (the lesson's media)."
    )
    columns = (
        "page",
        "user",
        "req",
        "HTML",
        "HTML raw",
        "CSS",
        "JS",
        "fonts",
        "images",
        "media",
        "no media",
        "total",
        "headers",
    )
    row = "{:<18} {:<11} {:>3} {:>7} {:>6} {:>5} {:>5} {:>6} {:>6} {:>6} {:>8} {:>6} {:>7}"
    print()
    print(row.format(*columns))
    for w in weights:
        print(
            row.format(
                w.label,
                w.viewer.username or "-",
                len(w.resources),
                kb(w.sent("html")),
                kb(w.html_raw),
                kb(w.sent("css")),
                kb(w.sent("js")),
                kb(w.sent("font")),
                kb(w.sent("image")),
                kb(w.sent("media")),
                kb(w.total_without_media),
                kb(w.total),
                kb(w.headers),
            )
        )
    print()
    for w in weights:
        notes = [f"HTTP {w.status}", f"html lang={w.html_lang or '?'}"]
        if w.article_lang:
            notes.append(f"article lang={w.article_lang}")
        if w.final_path != w.path:
            notes.append(f"REDIRECTED to {w.final_path}")
        print(f"  {w.label:<18} {w.path}  ({', '.join(notes)})")
        print(f"  {'':<18} fonts: {', '.join(w.fonts) or 'none'}")
        for script, sample in w.scripts.items():
            print(f"  {'':<18} {script} text on the page: ...{sample}...")
        for failure in w.failed:
            print(f"  {'':<18} FAILED: {failure}")
    encodings = sorted({f"{r.kind}:{r.encoding}" for w in weights for r in w.resources})
    print(f"\n  Content-Encoding seen (kind:encoding): {', '.join(encodings)}")
    off_host = sorted({url for w in weights for url in w.off_host})
    print(f"  Requests to hosts other than 127.0.0.1: {len(off_host) or 'none'}")
    for url in off_host:
        print(f"    {url}")
    for w in weights:
        if w.label.startswith("lesson"):
            report_lesson(w)
        if w.label == "dashboard":  # issue 14: under 150 kB compressed, cold, with fonts
            print(f"\n  dashboard, cold, with fonts: {verdict(w.total, DASHBOARD_COLD_BUDGET)}")


def report_lesson(w: PageWeight) -> None:
    print(f"\n  {w.label} as {w.viewer.username}: {w.path}")
    print(
        f"    HTML + CSS + JS, compressed:            "
        f"{verdict(w.sent('html', 'css', 'js'), LESSON_CORE_BUDGET)}"
    )
    print(
        f"    cold, with fonts, without lesson media: "
        f"{verdict(w.total_without_media, LESSON_COLD_BUDGET)}"
    )
    print("    resources, heaviest first (wire bytes / decoded bytes, encoding):")
    for r in sorted(w.resources, key=lambda r: r.sent, reverse=True):
        print(
            f"      {kb(r.sent):>7} kB  {kb(r.decoded):>7} kB  {r.encoding:<8} {r.kind:<6} {r.name}"
        )


def report_paints(paints: list[PaintRuns]) -> None:
    heading(
        f"2. First contentful paint, cold lesson, {LINK_KBIT} kbit/s down and up, "
        f"{LINK_LATENCY_MS} ms latency, cache off"
    )
    for p in paints:
        runs = ", ".join(f"{ms:.0f}" for ms in p.fcp_ms)
        print(
            f"  {p.label:<12} median FCP {p.fcp_median:6.0f} ms  (runs: {runs} ms; "
            f"median load event {p.load_median:.0f} ms)  {p.path}"
        )


def report_load(load: LoadResult, args, think: float, number: str) -> None:
    pace = f"{think:g} s between pages" if think else "no pause between pages (saturation)"
    heading(
        f"{number} {load.learners} concurrent logged-in learners reading lessons, {pace}, "
        f"{args.seconds:g} s, gunicorn {args.workers} workers x {args.threads} threads"
    )
    print(
        f"  requests:   {load.requests} ({len(load.latencies)} ok, "
        f"{sum(load.errors.values())} errors) in {load.elapsed:.1f} s"
    )
    print(f"  throughput: {load.throughput:.1f} requests/s (successful)")
    stats = "  ".join(
        f"{name} {load.percentile(p) * 1000:.0f}"
        for name, p in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))
    )
    print(f"  latency ms: {stats}")
    for kind, count in load.errors.most_common():
        print(f"  error: {kind} x {count}")
    for error in load.setup_errors:
        print(f"  setup error: {error}")
    print("  Each request is the learner's next lesson, so most write an 'opened' record (SQLite).")


def report_machine(server: BenchServer, chromium: str, courses: list[Course]) -> None:
    heading("4. Machine and commands")
    print(f"  cores:     {machine_summary()}")
    print(
        f"  software:  Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}, gunicorn {version('gunicorn')}, "
        f"WhiteNoise {version('whitenoise')}, Playwright {version('playwright')}, "
        f"Chromium {chromium}"
    )
    print(f"  server:    gunicorn {server.workers} workers x {server.threads} threads (gthread)")
    lessons = sum(len(c.lessons) for c in courses)
    print(
        f"  content:   {len(courses)} courses ({', '.join(c.path for c in courses)}), "
        f"{sum(len(c.modules) for c in courses)} modules, {lessons} lessons"
    )
    setup = ", ".join(f"{k} {v:.1f} s" for k, v in server.timings.items())
    print(f"  setup:     {setup}")
    print(f"  command:   {shlex.join(sys.orig_argv)}")
    gunicorn = [
        a if a != str(server.data_dir / "gunicorn.log") else "$DATA/gunicorn.log"
        for a in server.command
    ]
    print(f"  gunicorn:  {shlex.join(gunicorn)}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    progress("setting up a fresh node (migrate, load_demo, collectstatic, learners)")
    with BenchServer(workers=args.workers, threads=args.threads, learners=args.users) as server:
        progress(f"gunicorn answering on {server.base_url}; discovering courses")
        discoverer = server.client()
        discoverer.login(bench_username(1), DEMO_PASSWORD)
        courses = discover_courses(discoverer)
        discoverer.close()
        course = next((c for c in courses if c.path == args.course), courses[0])
        weights, paints, chromium = measure_browser(server, course, args)
        paced = measure_load(server, courses, args, think=args.think)
        flat_out = measure_load(server, courses, args, think=0.0)
        report_weights(weights)
        report_paints(paints)
        report_load(paced, args, args.think, "3a.")
        report_load(flat_out, args, 0.0, "3b.")
        report_machine(server, chromium, courses)
        server_log = server.log().strip()
    if server_log:
        print(f"\n  gunicorn's error log:\n{server_log}")
    print(f"\n  whole run: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (SetupError, HttpError) as error:
        print(f"[bench] failed: {error}", file=sys.stderr)
        sys.exit(1)
