"""The floor under a lesson page: server CPU per request for (a) a bare WSGI callable, (b) a
view that does nothing behind the whole middleware stack for a logged-in officer, (c) the
lesson page; each under the post's gunicorn configuration, loaded by wrk, logged in.

(b) is what any cache placed after the middleware can at best reach; (a) what gunicorn costs
whatever Django does. Kolibri's learn page shell, for scale, costs 3.3 ms (bench/kolibri.py).

    .venv/bin/python bench/page_floor.py [--connections 30] [--seconds 15]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import time

from _server import DEMO_PASSWORD, BenchServer, SetupError, bench_username, run_bench
from kolibri import check_page, wrk
from pages import discover_courses, progress

# The addresses bench/_floor_app.py adds (not imported from there: it loads Django).
BARE_PATH, VIEW_PATH = "/bench-floor/bare/", "/bench-floor/view/"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=30, help="wrk connections (30)")
    parser.add_argument("--seconds", type=float, default=15, help="length of each run (15)")
    parser.add_argument("--config", default="elearning/gunicorn_post.py", help="our gunicorn")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="keep SQLite connections this many seconds (the settings: 0, one per request)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        raise SetupError("wrk is not installed (Debian's wrk: `make system-packages`)")
    extra = {} if args.conn_max_age is None else {"BENCH_CONN_MAX_AGE": str(args.conn_max_age)}
    app = "bench._floor_app:application"
    with BenchServer(config=args.config, learners=2, app=app, extra_env=extra) as server:
        client = server.client()
        client.login(bench_username(1), DEMO_PASSWORD)
        lesson = discover_courses(client)[0].lessons[0]
        for page in (BARE_PATH, VIEW_PATH, lesson):
            check_page(client.get(page).status, page)
        cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        client.close()
        time.sleep(2)
        rows = []
        for name, page in (
            ("(a) bare WSGI callable", BARE_PATH),
            ("(b) empty view, all middleware, logged in", VIEW_PATH),
            ("(c) lesson page", lesson),
        ):
            progress(f"wrk at {page}")
            rows.append((name, wrk(server.base_url + page, cookie, args, server.pid)))
    print(
        f"\n== The floor under a lesson page: wrk, {args.connections} connections, "
        f"{args.seconds:g} s each, logged in"
    )
    for name, f in rows:
        print(
            f"  {name:45} {f['cpu_ms']:5.2f} ms CPU/request  {f['rate']:7.1f} requests/s  "
            f"p95 {f['p95'] / 1000:5.0f} ms  errors {f['errors']:.0f}"
        )
    one, five, _ = os.getloadavg()
    connections = "one per request" if args.conn_max_age is None else f"kept {args.conn_max_age} s"
    print(f"  lesson: {lesson};  gunicorn {args.config};  SQLite connections {connections}")
    print(f"  load:   {one:.2f} {five:.2f} (1 and 5 min averages) on {os.cpu_count()} cores")
    print(f"  command: {shlex.join(sys.orig_argv)}")
    return 0


if __name__ == "__main__":
    run_bench(main)
