"""Our lesson page side by side with Kolibri's learn page, same machine, same run, same load.

1. Installs Kolibri 0.19.5 from PyPI into its own virtualenv under
   ~/.cache/elearning-bench/kolibri-0.19.5 (once; never into the project's), provisions it in a
   fresh KOLIBRI_HOME (a facility, a learner), and starts it on free loopback ports with
   Zeroconf off (nothing leaves 127.0.0.1). Its content import needs the internet, so it has no
   channel: the learn page measured is the logged-in learner's page shell, as in issue 13.
2. Starts our post node (bench/_server.py, elearning/gunicorn_post.py: task worker included)
   with the demo content, logs a learner in and enrols.
3. Runs wrk (Debian's) with 30 connections for 20 s at each page, logged in (session cookie in
   a header), in turn, three rounds (``--rounds``): the budget's figures are each server's
   median round. Then each server confined to one core (wrk on the others), for the same
   footing; then our learners pausing 3 s between lessons (bench/_load.py).
4. Prints requests/s, p50 and p95 for both, the ratio ours/Kolibri (budget >= 2x, aim 3x), our
   p95 at 30 connections (budget < 400 ms) and with pauses (< 100 ms), each server's CPU time
   and Kolibri's context switches per request, and each server's memory (PSS summed over its
   processes) idle and after the load.

Kolibri serves from one process of some 300 threads (CherryPy's pool). With two free cores they
contend for one GIL and wake each other over a thousand times a request, and its rate falls to a
quarter of what it serves on one core; on a machine whose other work takes a core it thrashes
less. So its figures move with the machine's load: run this on a quiet machine, and read the
one-core line beside the budget's.

    .venv/bin/python bench/kolibri.py [--connections 30] [--seconds 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import busy_cpu_seconds
from _procs import MIB, pin_tree, tree_context_switches, tree_cpu_seconds, tree_pss
from _server import (
    DEMO_PASSWORD,
    HOST,
    BenchServer,
    SetupError,
    bench_username,
    free_port,
    run_bench,
)
from pages import discover_courses, measure_load, progress

KOLIBRI_VERSION = "0.19.5"
KOLIBRI_VENV = Path.home() / ".cache" / "elearning-bench" / f"kolibri-{KOLIBRI_VERSION}"
KOLIBRI_LEARNER, KOLIBRI_PASSWORD = "learner", "learner-bench-pw"  # a throw-away local account
LUA = Path(__file__).with_name("wrk_report.lua")
RATIO_BUDGET, RATIO_AIM = 2.0, 3.0
P95_BUDGET_MS, P95_PAUSED_BUDGET_MS = 400, 100
CREATE_LEARNER = """
import os
from kolibri.core.auth.models import Facility, FacilityUser
user = FacilityUser(username=os.environ["BENCH_USER"], facility=Facility.get_default_facility())
user.set_password(os.environ["BENCH_PASSWORD"])
user.save()
print("FACILITY", user.facility_id)
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=30, help="wrk connections (30)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each run (20)")
    parser.add_argument("--rounds", type=int, default=3, help="wrk rounds at each page, in turn")
    parser.add_argument("--think", type=float, default=3.0, help="pause of paced learners (3 s)")
    parser.add_argument("--config", default="elearning/gunicorn_post.py", help="our gunicorn")
    args = parser.parse_args(argv)
    args.users, args.max_requests = args.connections, 5000  # for pages.measure_load
    return args


def run(command: list[str], env: dict | None = None, timeout: float = 900) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise SetupError(f"{shlex.join(command)}: exit {done.returncode}\n{done.stderr[-3000:]}")
    return done.stdout


def install_kolibri() -> Path:
    kolibri = KOLIBRI_VENV / "bin" / "kolibri"
    if not kolibri.exists():
        progress(f"installing Kolibri {KOLIBRI_VERSION} into {KOLIBRI_VENV} (once)")
        run(["python3", "-m", "venv", str(KOLIBRI_VENV)])
        run([str(KOLIBRI_VENV / "bin" / "pip"), "install", "-q", f"kolibri=={KOLIBRI_VERSION}"])
    return kolibri


class Kolibri:
    """A provisioned Kolibri in a fresh home, serving on a free loopback port."""

    def __init__(self, kolibri: Path):
        self.kolibri, self.port = kolibri, free_port()
        self.home = Path(tempfile.mkdtemp(prefix="elearning-bench-kolibri-"))
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "KOLIBRI_HOME": str(self.home),
            "KOLIBRI_LISTEN_ADDRESS": HOST,
            "KOLIBRI_HTTP_PORT": str(self.port),
            "KOLIBRI_ZIP_CONTENT_PORT": str(free_port()),
            "KOLIBRI_ZEROCONF_ENABLED": "False",
            "BENCH_USER": KOLIBRI_LEARNER,
            "BENCH_PASSWORD": KOLIBRI_PASSWORD,
        }

    def __enter__(self) -> Kolibri:
        try:
            progress("provisioning Kolibri (facility, learner)")
            manage = [str(self.kolibri), "manage"]
            run(
                [
                    *manage,
                    "provisiondevice",
                    "--facility",
                    "Bench",
                    "--superusername",
                    "admin",
                    "--superuserpassword",
                    "admin-bench-pw",
                    "--preset",
                    "formal",
                    "--language_id",
                    "en",
                    "--noinput",
                ],
                self.env,
            )
            out = run([*manage, "shell", "-c", CREATE_LEARNER], self.env)
            self.facility = re.search(r"FACILITY (\w+)", out).group(1)
            log = (self.home / "bench-server.log").open("ab")
            self.process = subprocess.Popen(
                [str(self.kolibri), "start", "--foreground"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self._wait()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait(self) -> None:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"Kolibri exited with {self.process.returncode}")
            try:
                status, _headers, _body = self.request("GET", "/en/auth/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SetupError("Kolibri did not answer within 180 s")

    def __exit__(self, *exc_info) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body or None, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def login_cookie(self) -> str:
        """Log the learner in through Kolibri's own API, as its sign-in page does (an
        anonymous log-in needs no CSRF token there); its cookies as a Cookie header."""
        credentials = {
            "username": KOLIBRI_LEARNER,
            "password": KOLIBRI_PASSWORD,
            "facility": self.facility,
        }
        status, headers, body = self.request(
            "POST",
            "/api/auth/session/",
            json.dumps(credentials),
            {"Content-Type": "application/json"},
        )
        if status != 200:
            raise SetupError(f"Kolibri log-in: HTTP {status} {body[:300]!r}")
        pairs = [h.split(";", 1)[0] for h in headers.get_all("Set-Cookie") or []]
        if not any(pair.startswith("kolibri=") for pair in pairs):
            raise SetupError(f"Kolibri's log-in set no session cookie: {pairs}")
        return "; ".join(pairs)


def wrk(url: str, cookie: str, args, server_pid: int, cpus: set[int] | None = None):
    """One wrk run at ``url``, on ``cpus`` if given; its figures, with the server's CPU time and
    context switches per request."""
    pinned = ["taskset", "-c", ",".join(map(str, sorted(cpus)))] if cpus else []
    command = [
        *pinned,
        "wrk",
        "-t2",
        f"-c{args.connections}",
        f"-d{args.seconds:g}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    cpu_before, switches_before = tree_cpu_seconds(server_pid), tree_context_switches(server_pid)
    out = run(command, timeout=args.seconds + 120)
    cpu = tree_cpu_seconds(server_pid) - cpu_before
    switches = tree_context_switches(server_pid) - switches_before
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    figures = {k: float(v) for k, v in (part.split("=") for part in line.split()[1:])}
    figures["rate"] = figures["requests"] / figures["seconds"]
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    # The server's own CPU time per request: what a page costs, whatever else the machine runs.
    figures["cpu_ms"] = cpu * 1000 / figures["requests"] if figures["requests"] else float("nan")
    # Read only for Kolibri (one process): our workers are replaced on the way (max_requests),
    # and a process that ended takes its count with it.
    figures["switches"] = switches / figures["requests"] if figures["requests"] else float("nan")
    return figures


def other_cpu_seconds(servers: dict) -> float:
    """The machine's busy CPU time so far less the bench's own (both servers, wrk and this
    script): its growth over a span is what other work took."""
    own = sum(tree_cpu_seconds(pid) for _url, _cookie, pid in servers.values())
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        own += usage.ru_utime + usage.ru_stime
    return busy_cpu_seconds() - own


def median_round(rounds: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the rounds; errors summed; each round's rate kept."""
    figures = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    figures["errors"] = sum(r["errors"] for r in rounds)
    figures["rates"] = [r["rate"] for r in rounds]
    return figures


def one_core_each(servers: dict[str, tuple[str, str, int]], args) -> dict[str, dict] | None:
    """Each server confined to core 0 in turn, wrk on the other cores: the same footing, whatever
    each does with a second core. None on a one-core machine."""
    everything = os.sched_getaffinity(0)
    if len(everything) < 2:
        return None
    server_cpu = {min(everything)}
    figures = {}
    for name, (url, cookie, pid) in servers.items():
        pin_tree(pid, server_cpu)
        try:
            figures[name] = wrk(url, cookie, args, pid, cpus=everything - server_cpu)
        finally:
            pin_tree(pid, everything)
    return figures


def check_page(status: int, what: str) -> None:
    if status != 200:
        raise SetupError(f"{what} answered HTTP {status} to the logged-in learner")


def pss(pid: int) -> float:
    return sum(tree_pss([pid]).values()) / MIB


def ratios(ours: dict, theirs: dict) -> tuple[float, float]:
    """Requests/s ours over Kolibri's, and server CPU per request Kolibri's over ours."""
    rate = ours["rate"] / theirs["rate"] if theirs["rate"] else float("nan")
    cpu = theirs["cpu_ms"] / ours["cpu_ms"] if ours["cpu_ms"] else float("nan")
    return rate, cpu


def report(args, ours, theirs, one_core, other_cores, paced, memory, urls) -> None:
    print(
        f"\n== Lesson page vs Kolibri's learn page: wrk, {args.connections} connections, "
        f"{args.seconds:g} s each, logged in; median of {args.rounds} rounds in turn"
    )
    for name, figures in (("ours   ", ours), ("Kolibri", theirs)):
        rounds = ", ".join(f"{rate:.0f}" for rate in figures["rates"])
        switches = (
            f"  {figures['switches']:.0f} context switches/request" if name == "Kolibri" else ""
        )
        print(
            f"  {name}  {figures['rate']:7.1f} requests/s  p50 {figures['p50'] / 1000:6.0f} ms"
            f"  p95 {figures['p95'] / 1000:6.0f} ms  errors {figures['errors']:.0f}"
            f"  server CPU {figures['cpu_ms']:5.1f} ms/request{switches}  (rounds: {rounds})"
        )
    ratio, cpu_ratio = ratios(ours, theirs)
    verdict = "OK" if ratio >= RATIO_BUDGET else "UNDER"
    print(
        f"  ratio ours/Kolibri: {ratio:.2f}x  (budget >= {RATIO_BUDGET:g}x, aim "
        f"{RATIO_AIM:g}x)  {verdict}   by server CPU per request: {cpu_ratio:.2f}x"
    )
    if one_core:
        mine, its = one_core["ours"], one_core["Kolibri"]
        rate, cpu = ratios(mine, its)
        print(
            f"  one core each (wrk on the others): ours {mine['rate']:.1f} requests/s at "
            f"{mine['cpu_ms']:.2f} ms, Kolibri {its['rate']:.1f} at {its['cpu_ms']:.2f} ms "
            f"({its['switches']:.0f} context switches/request): ratio {rate:.2f}x, by CPU "
            f"{cpu:.2f}x (the same footing; not the budget, which is Kolibri as it runs here)"
        )
    p95 = ours["p95"] / 1000
    print(
        f"  our p95 at {args.connections} connections: {p95:.0f} ms  (budget < {P95_BUDGET_MS} "
        f"ms)  {'OK' if p95 < P95_BUDGET_MS else 'OVER'}"
    )
    paced_p95 = paced.percentile(95) * 1000
    errors = sum(paced.errors.values()) + len(paced.setup_errors)
    ok = "OK" if paced_p95 < P95_PAUSED_BUDGET_MS else "OVER"
    print(
        f"  our p95, {paced.learners} learners pausing {args.think:g} s: {paced_p95:.0f} ms "
        f"(budget < {P95_PAUSED_BUDGET_MS} ms)  {ok}  [{len(paced.latencies)} requests, "
        f"{errors} errors, p50 {paced.percentile(50) * 1000:.0f} ms]"
    )
    print("\n== Memory (PSS summed over each server's processes), MiB")
    for name, (idle, after) in memory.items():
        print(f"  {name}  idle {idle:6.1f}   after the load {after:6.1f}")
    print(f"\n  pages:   ours {urls[0]}   Kolibri {urls[1]} (no channel: the learn page shell)")
    knobs = " ".join(
        f"{name}={os.environ[name]}"
        for name in ("ELEARNING_WORKERS", "ELEARNING_THREADS")
        if name in os.environ
    )
    print(
        f"  ours:    post node, {args.config} ({knobs or 'its workers and threads'}; the task "
        "worker forked by the same master)"
    )
    print(f"  Kolibri: {KOLIBRI_VERSION}, `kolibri start --foreground` (CherryPy), its defaults")
    print(
        f"  wrk:     wrk -t2 -c{args.connections} -d{args.seconds:g}s -s bench/wrk_report.lua "
        "-H 'Cookie: ...' URL"
    )
    one, five, _fifteen = os.getloadavg()
    print(f"  load:    {one:.2f} {five:.2f} (1 and 5 min averages) on {os.cpu_count()} cores")
    print(
        f"  other work on the machine during the rounds: {max(other_cores, 0.0):.2f} cores "
        "(more leaves Kolibri's threads fewer cores to contend on, and its figures better)"
    )
    print(f"  command: {shlex.join(sys.orig_argv)}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        raise SetupError("wrk is not installed (Debian's wrk: `make system-packages`)")
    kolibri = install_kolibri()
    with (
        Kolibri(kolibri) as theirs_server,
        BenchServer(config=args.config, role="post", learners=args.connections) as ours_server,
    ):
        progress("logging in on both")
        their_cookie = theirs_server.login_cookie()
        status, _h, _b = theirs_server.request(
            "GET", "/en/learn/", headers={"Cookie": their_cookie}
        )
        check_page(status, "Kolibri's /en/learn/")
        client = ours_server.client()
        client.login(bench_username(1), DEMO_PASSWORD)
        courses = discover_courses(client)
        lesson = courses[0].lessons[0]
        check_page(client.get(lesson).status, f"our {lesson}")
        our_cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        client.close()
        time.sleep(5)
        idle = {"ours   ": pss(ours_server.pid), "Kolibri": pss(theirs_server.process.pid)}
        urls = (f"{ours_server.base_url}{lesson}", f"http://{HOST}:{theirs_server.port}/en/learn/")
        servers = {
            "ours": (urls[0], our_cookie, ours_server.pid),
            "Kolibri": (urls[1], their_cookie, theirs_server.process.pid),
        }
        rounds: dict[str, list] = {name: [] for name in servers}
        other_before, started = other_cpu_seconds(servers), time.monotonic()
        for number in range(1, args.rounds + 1):
            for name, (url, cookie, pid) in servers.items():
                progress(f"round {number}/{args.rounds}: wrk at {name} {url}")
                rounds[name].append(wrk(url, cookie, args, pid))
        other_cores = (other_cpu_seconds(servers) - other_before) / (time.monotonic() - started)
        progress("each server on one core, wrk on the others")
        one_core = one_core_each(servers, args)
        paced = measure_load(ours_server, courses, args, think=args.think)
        time.sleep(5)
        after = {"ours   ": pss(ours_server.pid), "Kolibri": pss(theirs_server.process.pid)}
        memory = {name: (idle[name], after[name]) for name in idle}
        ours, theirs = median_round(rounds["ours"]), median_round(rounds["Kolibri"])
        report(args, ours, theirs, one_core, other_cores, paced, memory, urls)
    return 0


if __name__ == "__main__":
    run_bench(main)
