"""Benchmark a hub that holds a region: seed it with ``seed_region`` (timed), then, as a country
coordinator over real HTTP against gunicorn, the progress table and the certificate list (first
page, a later page, a search in Thai and in Latin letters) and the dashboard (ADR 0036), p50/p95
beside the 300 ms budget;
and hub import throughput: a post's USB packet (made by ``seed_activity`` at a real post node)
imported at the seeded hub, records/s beside the 10,000 records/s budget.

Two throw-away nodes made as ``bench/sync.py`` makes them (SQLite files in a temporary folder,
production settings): the hub with the demo courses and the post enrolled with it. Every step is
a real ``manage.py`` command in its own process; the import's time has Django's start-up
(``manage.py check``, timed apart) taken off. Run it from the repository root:

    .venv/bin/python bench/region.py [--posts 200] [--officers 20000] [--records 1000000]
                                     [--packet-records 100000] [--requests 40]
                                     [--db sqlite|postgres] [--keep] [--reuse FOLDER]

``--db postgres`` puts the hub on PostgreSQL: the script runs itself again inside a throw-away
cluster (``pg_virtualenv -t -v 15``, as ``bench/quiz_submissions.py`` does) and the hub's
database is that cluster's (the post stays on SQLite, as posts are).

The full region takes SQLite a while; smaller figures (``--posts 40 --officers 4000 --records
150000 --packet-records 5000``) give a first reading. Nothing leaves this machine.

Seed once, measure many times: ``--keep`` leaves the temporary folder (its path is printed last),
and ``--reuse FOLDER`` times the pages again over the hub kept there (migrated to the current
code first; no seeding, no import). On PostgreSQL the database lives in the throw-away cluster,
so both runs go inside one ``pg_virtualenv -t -v 15 sh -c '...'`` (see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from _scorm import db_version_of, in_postgres_cluster, run_databases
from _server import DEMO_PASSWORD, SetupError, free_port
from _sync_report import report_machine
from quiz_submissions import postgres_url
from sync import POST_CODE, Node, node_server, progress, setup, sync_by_usb

PAGE_BUDGET_MS = 300.0
IMPORT_BUDGET_PER_S = 10_000.0
COORDINATOR = "coord.th"  # seed_region's Thai coordinator: a country's 25 posts of 200


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200, help="posts in the region (200)")
    parser.add_argument("--officers", type=int, default=20_000, help="officers (20000)")
    parser.add_argument("--records", type=int, default=1_000_000, help="records (1000000)")
    parser.add_argument(
        "--packet-records", type=int, default=100_000, help="records in the post's packet"
    )
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page (40)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--reuse",
        metavar="FOLDER",
        type=Path,
        help="time the pages again over the hub a --keep run left in FOLDER (kept; no seeding)",
    )
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="the hub's database: SQLite (a file) or PostgreSQL (a throw-away cluster)",
    )
    parser.add_argument("--json-out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def pages(client) -> list[tuple[str, str]]:
    """The pages to time; the later page of each list is its middle one (by the first page's
    "Showing X-Y of Z")."""
    thai = urllib.parse.quote("สมชาย")
    middle = {}
    for path in ("/coordinator/", "/coordinator/certificates/"):
        found = re.search(r"Showing \d+\S\d+ of (\d+)", client.page(path))
        middle[path] = max(1, -(-int(found.group(1)) // 50) // 2) if found else 1
    return [
        ("progress, first page", "/coordinator/"),
        (
            f"progress, page {middle['/coordinator/']}",
            f"/coordinator/?page={middle['/coordinator/']}",
        ),
        ("progress, search (Thai)", f"/coordinator/?q={thai}"),
        ("progress, search (Latin)", "/coordinator/?q=Somchai"),
        ("certificates, first page", "/coordinator/certificates/"),
        (
            f"certificates, page {middle['/coordinator/certificates/']}",
            f"/coordinator/certificates/?page={middle['/coordinator/certificates/']}",
        ),
        ("certificates, search", "/coordinator/certificates/?q=Somchai"),
        # The dashboard (ADR 0036): every figure of the scope, and its download of one table.
        ("dashboard", "/coordinator/dashboard/"),
        ("dashboard, this year", "/coordinator/dashboard/?since=2026-01-01"),
        ("dashboard download (CSV)", "/coordinator/dashboard/post.csv"),
    ]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def time_pages(server, requests: int) -> list[dict]:
    """Each page ``requests`` times in turn (after one untimed request), as the coordinator."""
    client = server.client()
    client.login(COORDINATOR, DEMO_PASSWORD)
    results = []
    for label, path in pages(client):
        shown = client.page(path)
        showing = next((line for line in shown.splitlines() if "Showing" in line), "").strip()
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.page(path)
            times.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "label": label,
                "path": path,
                "p50": statistics.median(times),
                "p95": percentile(times, 95),
                "showing": re.sub(r"<[^>]+>", "", showing)[:60],
            }
        )
    return results


def remeasure(folder: Path, requests: int) -> dict:
    """The pages timed again over the hub a ``--keep`` run left in ``folder``, migrated to the
    current code (a new index is then in place); nothing seeded, nothing imported."""
    load_before = os.getloadavg()
    hub = Node("hub", "hub", folder / "hub", secrets.token_urlsafe(48))
    hub.database_url = postgres_url() if in_postgres_cluster() else ""
    progress(f"reusing the hub in {folder}: migrating it to the current code")
    hub.manage("migrate", "--noinput", label="migrate (hub)")
    hub.manage("collectstatic", "--noinput", label="collectstatic (hub)")
    timed, command = hub_pages(hub, requests)
    return {
        "database": db_version_of(hub.env),
        "reused": str(folder),
        "pages": timed,
        "server_command": command,
        "load_average": (load_before, os.getloadavg()),
        "timings": hub.timings,
    }


def hub_pages(hub: Node, requests: int) -> tuple[list[dict], str]:
    """The coordinator's pages timed over gunicorn on ``hub``, and the server's command."""
    progress("coordinator pages over HTTP")
    with node_server(hub, free_port()) as server:
        return time_pages(server, requests), " ".join(server.command)


def measure(args: argparse.Namespace, tmp: Path) -> dict:
    load_before = os.getloadavg()
    port = free_port()
    hub, post, facts = setup(tmp, port, postgres_url() if in_postgres_cluster() else "")
    facts["database"] = db_version_of(hub.env)
    progress(f"post: seed_activity --records {args.packet_records}")
    post.manage(
        "seed_activity", "--records", str(args.packet_records), "--post", POST_CODE, label="seed"
    )
    progress(f"hub: seed_region --posts {args.posts} --officers {args.officers}")
    seeded = hub.manage(
        "seed_region",
        "--posts",
        str(args.posts),
        "--officers",
        str(args.officers),
        "--records",
        str(args.records),
        label="seed_region (hub)",
    )
    startup = statistics.median(hub.manage("check").seconds for _ in range(3))
    post_id = post.holdings()["node"]
    by_usb = sync_by_usb(post, hub, tmp, post_id)
    timed, command = hub_pages(hub, args.requests)
    imported = sum(by_usb["hub_counts"].values())
    return {
        "seeded": seeded.stdout.strip(),
        "seed_s": seeded.seconds,
        "seed_cpu_s": seeded.cpu_s,
        "startup": startup,
        "imported": imported,
        "import_s": by_usb["import"].seconds - startup,
        "import_cpu_s": by_usb["import"].cpu_s,
        "packet_bytes": by_usb["packet_bytes"],
        "pages": timed,
        "server_command": command,
        "load_average": (load_before, os.getloadavg()),
        "timings": {**hub.timings, **post.timings},
        **facts,
    }


def report(m: dict) -> dict:
    print(f"\nA hub that holds a region (the hub on {m['database']})")
    if "reused" in m:
        print(f"\n  The hub seeded by an earlier run, kept in {m['reused']}")
        return report_pages(m, ok=True)
    print("\n  Seeding (seed_region at the hub):")
    for line in m["seeded"].splitlines():
        print(f"    {line}")
    print(
        f"    wall time with Django's start-up: {m['seed_s']:.1f} s; the command's own CPU time "
        f"{m['seed_cpu_s']:.1f} s (the database server's is not in it)"
    )
    rate = m["imported"] / max(m["import_s"], 1e-9)
    ok = rate >= IMPORT_BUDGET_PER_S
    print("\n  Hub import of a post's USB packet (sync_import, start-up taken off):")
    print(
        f"    {m['imported']} records ({m['packet_bytes'] / 1e6:.1f} MB) in {m['import_s']:.1f} s "
        f"= {rate:,.0f} records/s; budget {IMPORT_BUDGET_PER_S:,.0f} records/s, "
        f"ratio {rate / IMPORT_BUDGET_PER_S:.2f} (start-up {m['startup']:.1f} s)"
    )
    print(
        f"    processor time of sync_import (user + system, with start-up): "
        f"{m['import_cpu_s']:.1f} s"
    )
    return report_pages(m, ok=ok, import_per_s=rate, seed_s=m["seed_s"])


def report_pages(m: dict, *, ok: bool, **figures: float) -> dict:
    """The pages' p50 and p95 beside the budget, the machine, and the verdict (``ok``: the rest
    was within budget)."""
    print("\n  Coordinator pages, as coord.th (a country coordinator), sequential requests:")
    print(f"    {'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'budget':>8} {'p95/budget':>10}")
    for page in m["pages"]:
        ratio = page["p95"] / PAGE_BUDGET_MS
        ok = ok and ratio < 1
        print(
            f"    {page['label']:<28} {page['p50']:>8.0f} {page['p95']:>8.0f} "
            f"{PAGE_BUDGET_MS:>8.0f} {ratio:>10.2f}   {page['showing']}"
        )
    report_machine(m)
    print(f"\n  {'within budget' if ok else 'OVER BUDGET'}")
    result = {"pages": m["pages"], "ok": ok, **figures}
    print("BENCH-JSON " + json.dumps(result))
    return result


def run_here(args: argparse.Namespace) -> dict:
    """The whole bench on this process's database (SQLite, or the cluster it runs in)."""
    if args.reuse:
        return report(remeasure(args.reuse, args.requests))
    tmp = Path(tempfile.mkdtemp(prefix="elearning-bench-region-"))
    try:
        return report(measure(args, tmp))
    finally:
        if args.keep:
            progress(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    try:
        results = run_databases(args.db, Path(__file__), argv, lambda _db: run_here(args))
    except SetupError as error:
        print(f"[bench] {error}", file=sys.stderr)
        return 2
    if args.json_out:
        args.json_out.write_text(json.dumps(results))
    if in_postgres_cluster():  # the run inside the cluster: measured is done, over budget or not
        return 0 if results else 1
    return 0 if results and all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
