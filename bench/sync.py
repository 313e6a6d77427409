"""Benchmark learner-record sync from a border post to headquarters: 100,000 records made at a
post through the services, moved to the hub by USB packet and by HTTP, and the same rows moved
with Django's own ``dumpdata``/``loaddata`` for comparison, in the same run.

Two throw-away nodes on this machine (data directories in a temporary folder; one migrated
template copied to both; production settings): a hub with the demo courses, a post that gets
them as signed bundles and is enrolled with the hub. ``seed_activity`` makes the records at the
post. Then each step is a real ``manage.py`` command in its own process, timed from outside;
Django's start-up (``manage.py check``) is measured apart and subtracted, since the commands
print no timing of their own. Every loop is bounded; nothing leaves this machine. Run it from
the repository root:

    .venv/bin/python bench/sync.py [--records 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from _machine import proc_field
from _server import HOST, ROOT, BenchServer, SetupError, free_port

COURSES = ("TIP-101", "WLC-101", "HRB-101")
POST_CODE = "th-aranyaprathet"
POST_NAME = "Aranyaprathet Border Checkpoint"
BUDGET_SECONDS = 10.0
COMMAND_TIMEOUT_SECONDS = 3 * 3600  # seeding 100,000 records takes a while
USB_STICK_BYTES_PER_SECOND = 10e6  # a cheap USB 2 stick writing; for an estimate only
MARKER = "BENCH-JSON "
# The tables sync moves, as Django labels them (recordsync.registry.TABLES), and the officers
# the records point at: without them ``loaddata`` at another node has nothing to attach to.
SYNCED_MODELS = (
    "officers.ProfileRecord",
    "learning.LearnerRecord",
    "quizzes.QuizAttempt",
    "quizzes.QuizSubmission",
    "certificates.Certificate",
    "certificates.Revocation",
)

# Runs inside ``manage.py shell`` at a node: rows per synced table made by the node
# BENCH_ORIGIN (all rows when empty), and the same rows as compact JSON (local column values,
# one object per row): the "raw data" a packet is compared with.
HOLDINGS = """
import gzip, json, os, uuid
from django.core.serializers.json import DjangoJSONEncoder
from nodes.identity import node_identity
from recordsync.registry import TABLES
origin = os.environ.get("BENCH_ORIGIN") or None
counts, raw = {}, bytearray()
for table in TABLES:
    rows = table.model.objects.all()
    if origin:
        rows = rows.filter(origin_node=uuid.UUID(origin))
    counts[table.name] = rows.count()
    if os.environ.get("BENCH_RAW"):
        for row in rows.values().iterator(chunk_size=2000):
            raw += json.dumps(row, cls=DjangoJSONEncoder, separators=(",", ":")).encode() + b"\\n"
print("BENCH-JSON " + json.dumps({
    "node": str(node_identity().node_id),
    "counts": counts,
    "raw_bytes": len(raw),
    "raw_gzip_bytes": len(gzip.compress(bytes(raw), 6)) if raw else 0,
}))
"""


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Nodes ------------------------------------------------------------------------------------


@dataclass
class Run:
    stdout: str
    stderr: str
    seconds: float


@dataclass
class Node:
    """A node's data directory and environment; ``manage()`` runs a command in it, timed."""

    name: str
    role: str
    data_dir: Path
    secret_key: str
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("ELEARNING_", "DJANGO_", "DATABASE_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="elearning.settings.production",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_DEBUG="0",
            DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
            ELEARNING_DATA_DIR=str(self.data_dir),
            ELEARNING_NODE_ROLE=self.role,
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args: str, label: str = "", extra_env: dict | None = None) -> Run:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        )
        seconds = time.perf_counter() - started
        if label:
            self.timings[label] = seconds
        if result.returncode != 0:
            raise SetupError(
                f"{self.name}: manage.py {' '.join(args[:2])} failed (exit {result.returncode}):\n"
                f"{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
            )
        return Run(result.stdout, result.stderr, seconds)

    def holdings(self, *, origin: str = "", raw: bool = False) -> dict:
        run = self.manage(
            "shell",
            "-c",
            HOLDINGS,
            extra_env={"BENCH_ORIGIN": origin, "BENCH_RAW": "1" if raw else ""},
        )
        return json.loads(run.stdout.split(MARKER, 1)[1].splitlines()[0])

    def copy(self, name: str, parent: Path) -> Node:
        """A copy of this node as it is now (same keys, same database): another node
        identical to it, for a second measurement that must start from the same state."""
        target = parent / name
        shutil.copytree(self.data_dir, target)
        return Node(name=name, role=self.role, data_dir=target, secret_key=self.secret_key)


@dataclass
class NodeServer(BenchServer):
    """gunicorn over an existing node's data directory (left in place on the way out)."""

    def __enter__(self) -> NodeServer:
        try:
            self._start()
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop()


def node_server(node: Node, port: int) -> NodeServer:
    server = NodeServer(
        port=port,
        data_dir=node.data_dir,
        learners=0,
        extra_env={"ELEARNING_NODE_ROLE": node.role},
    )
    server._secret_key = node.secret_key
    return server


# Measuring --------------------------------------------------------------------------------


def fsync_copy(source: Path, target: Path) -> float:
    """Copy a file and flush it to the disk, as writing a packet to a stick must; seconds."""
    started = time.perf_counter()
    with source.open("rb") as reader, target.open("wb") as writer:
        shutil.copyfileobj(reader, writer, 1 << 20)
        writer.flush()
        os.fsync(writer.fileno())
    return time.perf_counter() - started


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--records", type=int, default=100_000, help="records to seed at the post (100000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed_activity's seed (1)")
    parser.add_argument(
        "--startup-runs", type=int, default=5, help="runs of manage.py check to time (5)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--reuse",
        metavar="FOLDER",
        help="measure again with the seeded nodes a --keep run left in FOLDER (kept)",
    )
    return parser.parse_args(argv)


def setup(tmp: Path, port: int) -> tuple[Node, Node, dict]:
    """The hub with the demo courses, the post enrolled with it and holding the courses as
    bundles. Returns (hub, post, facts)."""
    facts: dict = {"bundles": [], "courses_by": "bundles"}
    template = Node("template", "hub", tmp / "template", "x" * 50)
    template.data_dir.mkdir()
    progress("migrating the template database")
    template.manage("migrate", "--noinput", label="migrate (template)")
    hub = Node("hub", "hub", tmp / "hub", secrets.token_urlsafe(48))
    post = Node("post", "post", tmp / "post", secrets.token_urlsafe(48))
    for node in (hub, post):
        node.data_dir.mkdir()
        shutil.copy(template.data_dir / "db.sqlite3", node.data_dir / "db.sqlite3")
    progress("hub: load_demo, collectstatic")
    hub.manage("load_demo", label="load_demo (hub)")
    hub.manage("collectstatic", "--noinput", label="collectstatic (hub)")
    progress("enrolling the post with the hub")
    enrolment = tmp / "post.enrol"
    invited = hub.manage(
        "enrol_post",
        "--name",
        POST_NAME,
        "--country",
        "TH",
        "--post-code",
        POST_CODE,
        "--url",
        f"http://{HOST}:{port}",
        "-o",
        str(enrolment),
        label="enrol_post (hub)",
    )
    code = invited.stdout.split("--code ")[-1].split()[0]
    post.manage("enrol", str(enrolment), "--code", code, label="enrol (post)")
    progress("bundling the demo courses to the post")
    try:
        for code in COURSES:
            bundle = tmp / f"{code}.bundle"
            exported = hub.manage("export_bundle", code, "-o", str(bundle), label=f"export {code}")
            imported = post.manage("import_bundle", str(bundle), label=f"import {code}")
            facts["bundles"].append(
                {
                    "code": code,
                    "bytes": bundle.stat().st_size,
                    "export_s": exported.seconds,
                    "import_s": imported.seconds,
                    "said": exported.stdout.strip(),
                }
            )
    except SetupError as error:
        progress(f"bundles failed, loading the demo at the post instead:\n{error}")
        facts["courses_by"] = f"load_demo (bundles failed: {str(error).splitlines()[0]})"
        post.manage("load_demo", label="load_demo (post)")
    return hub, post, facts


def reuse(folder: Path) -> tuple[Node, Node, dict]:
    """The hub and the seeded post a run kept (``--keep``), migrated to the current code, with
    what the last run left besides them removed."""
    for name in ("post-usb", "post-http", "hub-usb", "hub-http", "hub-loaddata", "stick"):
        shutil.rmtree(folder / name, ignore_errors=True)
    for name in ("post.packet", "records.json"):
        (folder / name).unlink(missing_ok=True)
    hub = Node("hub", "hub", folder / "hub", secrets.token_urlsafe(48))
    post = Node("post", "post", folder / "post", secrets.token_urlsafe(48))
    progress(f"reusing the nodes in {folder}: migrating them to the current code")
    for node in (hub, post):
        node.manage("migrate", "--noinput", label=f"migrate ({node.name})")
    hub.manage("collectstatic", "--noinput", label="collectstatic (hub)")
    facts = {
        "bundles": [],
        "courses_by": f"a kept run ({folder})",
        "seeded": f"seeded by an earlier run, kept in {folder}",
    }
    return hub, post, facts


def measure(args: argparse.Namespace, tmp: Path) -> dict:
    load_before = os.getloadavg()
    port = free_port()
    hub, post, facts = nodes(args, tmp, port)

    progress("timing Django start-up (manage.py check)")
    startups = [post.manage("check").seconds for _ in range(max(1, args.startup_runs))]
    facts["startups"] = startups

    at_post = post.holdings(raw=True)
    post_id = at_post["node"]
    # Each measurement starts from its own copy of the same state; the originals stay as they
    # are, so --reuse can measure them again.
    post_usb, post_http = post.copy("post-usb", tmp), post.copy("post-http", tmp)
    hub_usb, hub_http = hub.copy("hub-usb", tmp), hub.copy("hub-http", tmp)
    hub_load = hub.copy("hub-loaddata", tmp)
    by_usb = sync_by_usb(post_usb, hub_usb, tmp, post_id)
    by_http = sync_by_http(post_http, hub_http, port, post_id)
    by_django = copy_by_django(post, hub_load, tmp, post_id)

    return {
        "records": sum(at_post["counts"].values()),
        "post_counts": at_post["counts"],
        "raw_bytes": at_post["raw_bytes"],
        "raw_gzip_bytes": at_post["raw_gzip_bytes"],
        "startup": statistics.median(startups),
        **by_usb,
        **by_http,
        **by_django,
        "load_average": (load_before, os.getloadavg()),
        "timings": {**hub.timings, **post.timings},
        **facts,
    }


def nodes(args: argparse.Namespace, tmp: Path, port: int) -> tuple[Node, Node, dict]:
    """The hub and the post: those kept by an earlier run, or new ones with records seeded."""
    if args.reuse:
        return reuse(tmp)
    hub, post, facts = setup(tmp, port)
    progress(f"post: seed_activity --records {args.records} (this is the long part)")
    seeding = ("--records", str(args.records), "--post", POST_CODE, "--seed", str(args.seed))
    seeded = post.manage("seed_activity", *seeding, label="seed_activity (post)")
    facts["seeded"] = seeded.stdout.strip()
    return hub, post, facts


def sync_by_usb(post: Node, hub: Node, tmp: Path, post_id: str) -> dict:
    progress("USB: sync_export at the post, copy, sync_import at the hub")
    packet = tmp / "post.packet"
    exported = post.manage("sync_export", "-o", str(packet))
    stick = tmp / "stick"
    stick.mkdir()
    copy_s = fsync_copy(packet, stick / packet.name)
    imported = hub.manage("sync_import", str(stick / packet.name), "--json")
    return {
        "export": exported,
        "packet_bytes": packet.stat().st_size,
        "copy_s": copy_s,
        "import": imported,
        "import_summary": json.loads(imported.stdout),
        "hub_counts": hub.holdings(origin=post_id)["counts"],
    }


def sync_by_http(post: Node, hub: Node, port: int, post_id: str) -> dict:
    progress("HTTP: sync --hub at the post against the hub under gunicorn")
    with node_server(hub, port) as server:
        url = server.base_url
        synced = post.manage("sync", "--hub", url)
        noops = [post.manage("sync", "--hub", url).seconds for _ in range(3)]
        server_command = shlex.join(server.command[1:])
    return {
        "http": synced,
        "noops": noops,
        "hub_http_counts": hub.holdings(origin=post_id)["counts"],
        "server_command": server_command,
    }


def copy_by_django(post: Node, hub: Node, tmp: Path, post_id: str) -> dict:
    progress("Django: dumpdata at the post, loaddata at a fresh copy of the hub")
    dump = tmp / "records.json"
    dumped = post.manage(
        "dumpdata",
        "officers.User",
        *SYNCED_MODELS,
        "--natural-foreign",
        "--natural-primary",
        "-o",
        str(dump),
    )
    loaded = hub.manage("loaddata", str(dump))
    return {
        "dump": dumped,
        "dump_bytes": dump.stat().st_size,
        "load": loaded,
        "hub_load_counts": hub.holdings(origin=post_id)["counts"],
        "users_dumped": dump_users(dump),
    }


def dump_users(dump: Path) -> int:
    with dump.open() as handle:
        return sum(1 for row in json.load(handle) if row["model"] == "officers.user")


# Report -------------------------------------------------------------------------------------


def report(args: argparse.Namespace, m: dict) -> bool:
    report_setup(m)
    report_steps(m)
    report_comparison(m)
    report_sizes(m)
    checks = report_checks(m)
    report_outputs(m)
    report_machine(m)
    return all(ok for _name, ok in checks)


def report_setup(m: dict) -> None:
    startup = m["startup"]
    print(f"\nRecord sync, border post -> headquarters: {m['records']:,} records")
    print(f"  courses at the post by: {m['courses_by']}")
    print(
        "  records at the post:    " + ", ".join(f"{k} {v:,}" for k, v in m["post_counts"].items())
    )
    print(f"  seeding:                {m['seeded'].splitlines()[0]}")
    print(
        f"\n  Django start-up (manage.py check, median of {len(m['startups'])}): "
        f"{startup:.2f} s  ({', '.join(f'{s:.2f}' for s in m['startups'])}); "
        "'less start-up' subtracts it (the commands print no time of their own)"
    )


def step_row(m: dict, label: str, seconds: float, *, note: str = "") -> None:
    n, startup = m["records"], m["startup"]
    inner = seconds - startup
    # Within the start-up's own spread, the rate without it means nothing.
    rate = f"{n / inner:>9,.0f}" if inner > 0.1 else f"{'-':>9}"
    print(f"  {label:<38} {seconds:>7.2f}  {inner:>7.2f}  {n / seconds:>9,.0f}  {rate}  {note}")


def report_steps(m: dict) -> None:
    n, startup = m["records"], m["startup"]
    print(
        f"\n  {'step':<38} {'wall s':>7}  {'less':>7}  {'rec/s':>9}  {'rec/s':>9}"
        f"\n  {'':<38} {'':>7}  {'start-up':>7}  {'wall':>9}  {'less s-u':>9}"
    )
    usb_total = m["export"].seconds + m["copy_s"] + m["import"].seconds
    step_row(m, "sync_export at the post", m["export"].seconds)
    copy_mb_s = m["packet_bytes"] / m["copy_s"] / 1e6
    print(
        f"  {'copy of the packet (fsync)':<38} {m['copy_s']:>7.2f}  {'':>7}  "
        f"{n / m['copy_s']:>9,.0f}  {'':>9}  {copy_mb_s:,.0f} MB/s on this disk; a stick "
        f"writing 10 MB/s: ~{m['packet_bytes'] / USB_STICK_BYTES_PER_SECOND:.1f} s"
    )
    step_row(m, "sync_import at the hub", m["import"].seconds)
    verdict = "OK" if usb_total < BUDGET_SECONDS else "OVER BUDGET"
    step_row(
        m,
        "total post -> hub by USB",
        usb_total,
        note=f"budget {BUDGET_SECONDS:.0f} s: {verdict}",
    )
    step_row(m, "sync --hub URL (HTTP, all records)", m["http"].seconds)
    noop = statistics.median(m["noops"])
    print(
        f"  {'sync --hub URL, nothing new':<38} {noop:>7.2f}  {noop - startup:>7.2f}  "
        f"{'':>9}  {'':>9}  median of {', '.join(f'{s:.2f}' for s in m['noops'])}"
    )
    step_row(m, "dumpdata at the post", m["dump"].seconds)
    step_row(m, "loaddata at a fresh hub", m["load"].seconds)


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}" if ours > 0 and theirs > 0 else "n/a"


def report_comparison(m: dict) -> None:
    startup = m["startup"]
    e, d = m["export"].seconds, m["dump"].seconds
    i, lo = m["import"].seconds, m["load"].seconds
    print("\n  Ours / Django's (below 1: ours is faster or smaller):")
    print(
        f"    export:  sync_export / dumpdata      wall {ratio(e, d)}   "
        f"less start-up {ratio(e - startup, d - startup)}"
    )
    print(
        f"    import:  sync_import / loaddata      wall {ratio(i, lo)}   "
        f"less start-up {ratio(i - startup, lo - startup)}"
    )
    print(f"    size:    packet / dumpdata JSON      {ratio(m['packet_bytes'], m['dump_bytes'])}")


def report_sizes(m: dict) -> None:
    n = m["records"]
    packet, raw = m["packet_bytes"], m["raw_bytes"]
    print("\n  Sizes:")
    print(f"    packet:                 {packet / 1e6:8.2f} MB  {packet / n:7.1f} bytes/record")
    print(
        f"    raw rows as JSON:       {raw / 1e6:8.2f} MB  {raw / n:7.1f} bytes/record  "
        f"(packet is {packet / raw:.2f} x raw)"
    )
    print(
        f"    raw rows, gzip -6:      {m['raw_gzip_bytes'] / 1e6:8.2f} MB  "
        f"{m['raw_gzip_bytes'] / n:7.1f} bytes/record"
    )
    print(
        f"    dumpdata JSON:          {m['dump_bytes'] / 1e6:8.2f} MB  "
        f"{m['dump_bytes'] / n:7.1f} bytes/record  (with the {m['users_dumped']:,} officers "
        "the records point at, natural keys)"
    )
    for bundle in m["bundles"]:
        print(f"    bundle {bundle['code']}:  {bundle['said']}")


def report_checks(m: dict) -> list[tuple[str, bool]]:
    checks = [
        ("the packet's import added every record", m["hub_counts"] == m["post_counts"]),
        ("HTTP sync added every record", m["hub_http_counts"] == m["post_counts"]),
        ("loaddata added every record", m["hub_load_counts"] == m["post_counts"]),
        (
            "nothing refused at import",
            not m["import_summary"].get("rejected") and not m["import_summary"].get("refused"),
        ),
    ]
    print("\n  Checks (counted at each hub, rows whose origin is the post):")
    for name, ok in checks:
        print(f"    {'OK    ' if ok else 'FAILED'} {name}")
    if not checks[0][1]:
        print(f"      post {m['post_counts']}\n      hub  {m['hub_counts']}")
    if not checks[1][1]:
        print(f"      hub after HTTP {m['hub_http_counts']}")
    return checks


def report_outputs(m: dict) -> None:
    print("\n  Output of the commands:")
    for label, run in (("sync_export", m["export"]), ("sync --hub", m["http"])):
        for line in run.stdout.strip().splitlines():
            print(f"    {label}: {line}")
    summary = m["import_summary"]
    print(
        f"    sync_import --json: received {summary.get('received')}, new {summary.get('new')}, "
        f"already present {summary.get('already_present')}, "
        f"rejected {len(summary.get('rejected') or [])}"
    )


def report_machine(m: dict) -> None:
    cpu = proc_field("/proc/cpuinfo", "model name") or platform.processor()
    memory = (proc_field("/proc/meminfo", "MemTotal") or "0 kB").split()[0]
    print("\n  Machine and commands:")
    print(
        f"    cores:     {os.cpu_count()} ({len(os.sched_getaffinity(0))} usable), {cpu}, "
        f"{int(memory) / 1024 / 1024:.0f} GiB"
    )
    print(
        f"    software:  Python {platform.python_version()}, Django {version('django')}, "
        f"Wagtail {version('wagtail')}, gunicorn {version('gunicorn')}, SQLite "
        f"{__import__('sqlite3').sqlite_version}"
    )
    print(f"    hub:       {m['server_command']} (production settings)")
    before, after = m["load_average"]
    print(
        f"    load:      {before[0]:.1f} at the start, {after[0]:.1f} at the end (1-minute load "
        "average: other work on the machine slows every figure)"
    )
    print(f"    setup:     {', '.join(f'{k} {v:.1f} s' for k, v in m['timings'].items())}")
    print(f"    command:   {shlex.join(sys.orig_argv)}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tmp = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="elearning-bench-sync-"))
    try:
        measured = measure(args, tmp)
        return 0 if report(args, measured) else 1
    except SetupError as error:
        print(f"[bench] {error}", file=sys.stderr)
        return 2
    finally:
        if args.keep or args.reuse:
            progress(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
