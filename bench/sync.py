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
import secrets
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _machine import compile_project
from _server import HOST, ROOT, BenchServer, SetupError, free_port
from _sync_report import SMALL_BACKLOG, report

COURSES = ("TIP-101", "WLC-101", "HRB-101")
POST_CODE = "th-aranyaprathet"
POST_NAME = "Aranyaprathet Border Checkpoint"

COMMAND_TIMEOUT_SECONDS = 3 * 3600  # seeding 100,000 records takes a while
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
    peak_kib: int = 0  # the command's peak resident memory (ru_maxrss of that process)
    cpu_s: float = 0.0  # its processor time (user + system): steadier than wall on a busy machine


@dataclass
class Node:
    """A node's data directory and environment; ``manage()`` runs a command in it, timed."""

    name: str
    role: str
    data_dir: Path
    secret_key: str
    timings: dict[str, float] = field(default_factory=dict)
    database_url: str = ""  # its database when not the SQLite file in data_dir (PostgreSQL)

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
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def manage(self, *args: str, label: str = "", extra_env: dict | None = None) -> Run:
        started = time.perf_counter()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env={**self.env, **(extra_env or {})},
                stdout=out,
                stderr=err,
            )
            # wait4 gives this one process's peak memory (getrusage's children: the largest
            # of every command so far).
            try:
                _pid, status, usage = _wait4(process.pid, COMMAND_TIMEOUT_SECONDS)
            except TimeoutError:
                process.kill()
                process.wait()
                raise SetupError(f"{self.name}: manage.py {args[0]} timed out") from None
            seconds = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode(), err.read().decode()
        if label:
            self.timings[label] = seconds
        if process.returncode != 0:
            raise SetupError(
                f"{self.name}: manage.py {' '.join(args[:2])} failed (exit {process.returncode}):\n"
                f"{stdout[-4000:]}\n{stderr[-8000:]}"
            )
        return Run(stdout, stderr, seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)

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
        extra_env={
            "ELEARNING_NODE_ROLE": node.role,
            **({"DATABASE_URL": node.database_url} if node.database_url else {}),
        },
    )
    server._secret_key = node.secret_key
    return server


def _wait4(pid: int, timeout: float):
    """``os.wait4`` of ``pid`` within ``timeout`` seconds (polled, then TimeoutError)."""
    deadline = time.monotonic() + timeout
    while True:
        found, status, usage = os.wait4(pid, os.WNOHANG)
        if found:
            return found, status, usage
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.01)


# Runs inside ``manage.py shell`` at the post: say that the hub holds every record of the post
# but the newest BENCH_BACKLOG, as its answer to an earlier sync would (a smaller backlog from
# the same seeded records, for memory at two backlog sizes).
ACKNOWLEDGE = """
import os
from nodes.identity import node_identity
from nodes.selectors import hub_peer
from recordsync import ranges as rng
from recordsync.models import PeerHoldings
from recordsync.registry import TABLES
me = node_identity().node_id
seqs = sorted(s for t in TABLES for s in t.model.objects.filter(origin_node=me).values_list(
    "origin_seq", flat=True))
held = rng.to_ranges(seqs[: max(0, len(seqs) - int(os.environ["BENCH_BACKLOG"]))])
PeerHoldings.objects.update_or_create(
    peer_id=hub_peer().node_id, origin=me, defaults={"ranges": held})
"""


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


def setup(tmp: Path, port: int, hub_database_url: str = "") -> tuple[Node, Node, dict]:
    """The hub with the demo courses, the post enrolled with it and holding the courses as
    bundles; the hub's database at ``hub_database_url`` when one is given (migrated there),
    else a SQLite file like the post's. Returns (hub, post, facts)."""
    facts: dict = {"bundles": [], "courses_by": "bundles"}
    template = Node("template", "hub", tmp / "template", "x" * 50)
    template.data_dir.mkdir()
    progress("migrating the template database")
    template.manage("migrate", "--noinput", label="migrate (template)")
    hub = Node("hub", "hub", tmp / "hub", secrets.token_urlsafe(48))
    hub.database_url = hub_database_url
    post = Node("post", "post", tmp / "post", secrets.token_urlsafe(48))
    for node in (hub, post):
        node.data_dir.mkdir()
        shutil.copy(template.data_dir / "db.sqlite3", node.data_dir / "db.sqlite3")
    if hub_database_url:
        progress("migrating the hub's database")
        hub.manage("migrate", "--noinput", label="migrate (hub)")
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
    folders = ("post-usb", "post-http", "post-small", "post-small-http", "hub-usb", "hub-http")
    for name in (*folders, "hub-loaddata", "stick"):
        shutil.rmtree(folder / name, ignore_errors=True)
    for name in ("post.packet", "small.packet", "records.json"):
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
    facts["compiled"] = compile_project(ROOT)

    progress("timing Django start-up (manage.py check)")
    checks = [post.manage("check") for _ in range(max(1, args.startup_runs))]
    startups = [run.seconds for run in checks]
    facts["startups"] = startups
    facts["startup_cpu"] = statistics.median(run.cpu_s for run in checks)

    at_post = post.holdings(raw=True)
    post_id = at_post["node"]
    # Each measurement starts from its own copy of the same state; the originals stay as they
    # are, so --reuse can measure them again.
    post_usb, post_http = post.copy("post-usb", tmp), post.copy("post-http", tmp)
    post_small = post.copy("post-small", tmp)
    post_small.manage("shell", "-c", ACKNOWLEDGE, extra_env={"BENCH_BACKLOG": str(SMALL_BACKLOG)})
    hub_usb, hub_http = hub.copy("hub-usb", tmp), hub.copy("hub-http", tmp)
    hub_load = hub.copy("hub-loaddata", tmp)
    # The copies are about 2 GB the kernel has yet to write back; a node in the field has no
    # such backlog, so they go to disk before anything is timed.
    progress("writing the copies to disk (sync) before timing")
    os.sync()
    by_usb = sync_by_usb(post_usb, hub_usb, tmp, post_id)
    progress(f"memory: sync_export with a backlog of {SMALL_BACKLOG:,}")
    small_export = post_small.manage("sync_export", "-o", str(tmp / "small.packet"))
    small_http = post_small.copy("post-small-http", tmp)
    by_http = sync_by_http(post_http, hub_http, port, post_id, small=small_http)
    by_django = copy_by_django(post, hub_load, tmp, post_id)

    return {
        "records": sum(at_post["counts"].values()),
        "post_counts": at_post["counts"],
        "raw_bytes": at_post["raw_bytes"],
        "raw_gzip_bytes": at_post["raw_gzip_bytes"],
        "startup": statistics.median(startups),
        **by_usb,
        "small_export": small_export,
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


def sync_by_http(post: Node, hub: Node, port: int, post_id: str, *, small: Node) -> dict:
    progress("HTTP: sync --hub at the post against the hub under gunicorn")
    with node_server(hub, port) as server:
        url = server.base_url
        synced = post.manage("sync", "--hub", url)
        noops = [post.manage("sync", "--hub", url).seconds for _ in range(3)]
        # The same hub holds every record already: the small post's records arrive as present,
        # and its own work (reading, sealing, sending) is what a backlog of that size costs.
        progress(f"memory: sync --hub with a backlog of {SMALL_BACKLOG:,}")
        small_sync = small.manage("sync", "--hub", url)
        server_command = shlex.join(server.command[1:])
    return {
        "http": synced,
        "noops": noops,
        "small_http": small_sync,
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
