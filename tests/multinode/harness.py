"""Real nodes for multi-node tests: each a data directory with its own SQLite database and keys,
driven by its own processes, as on separate machines.

A ``Node`` is a directory (``ELEARNING_DATA_DIR``) and a role. It answers through a long-lived
driver process (``tests.multinode.driver``: Django set up once, then service calls and
``call_command``), and through real ``manage.py`` subprocesses where the test is about the
command itself (exit codes, a process killed mid-import). ``hub_server`` runs the hub's web
server for ``manage.py sync --hub URL``.

Migrating a fresh database takes 10-20 s, so a session migrates one template and every node
starts from a copy of it; the node's key pair is made at its first use.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv").exists() else sys.executable
MANAGE = str(REPO / "manage.py")
DRIVER_TIMEOUT = 300


class NodeError(AssertionError):
    """A node's driver failed to do what the test asked (the message has its traceback)."""


@dataclass
class CommandResult:
    """What a management command did: like a finished process."""

    ok: bool
    exit_code: int
    stdout: str
    stderr: str
    error: str = ""

    @property
    def output(self) -> str:
        return "\n".join(part for part in (self.stdout, self.error, self.stderr) if part)


def checkpoint(db_path: Path) -> None:
    """Fold SQLite's write-ahead log into the database file, so copying the file copies all."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


class Node:
    """One node: a data directory, a role, and the processes that run it."""

    def __init__(self, name: str, directory: Path, role: str):
        self.name, self.dir, self.role = name, Path(directory), role
        self._driver: subprocess.Popen | None = None
        self._log = None
        self._node_id: str | None = None

    def __repr__(self) -> str:
        return f"<Node {self.name} ({self.role}) at {self.dir}>"

    @property
    def db(self) -> Path:
        return self.dir / "db.sqlite3"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("ELEARNING_", "DJANGO_", "DATABASE_URL", "PYTEST_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="elearning.settings.dev",
            ELEARNING_DATA_DIR=str(self.dir),
            ELEARNING_NODE_ROLE=self.role,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            DJANGO_DEBUG="0",
            PYTHONPATH=str(REPO),
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    # --- The driver ----------------------------------------------------------------------

    def start(self) -> Node:
        if self._driver is not None and self._driver.poll() is None:
            return self
        self._log = (self.dir / "driver.log").open("ab")
        self._driver = subprocess.Popen(
            [PYTHON, "-m", "tests.multinode.driver"],
            cwd=REPO,
            env=self.env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            encoding="utf-8",
        )
        self._read()  # the ready line
        return self

    def stop(self, *, wait: bool = True) -> None:
        """End the driver (closing its input ends it); ``wait=False`` only asks it to end, so
        several nodes stop at once."""
        driver = self._driver
        if driver is not None and driver.poll() is None and not driver.stdin.closed:
            driver.stdin.close()
        if not wait:
            return
        self._driver = None
        if driver is not None and driver.poll() is None:
            try:
                driver.wait(timeout=30)
            except subprocess.TimeoutExpired:
                driver.kill()
                driver.wait()
        if driver is not None:
            driver.stdout.close()
        if self._log is not None:
            self._log.close()
            self._log = None

    def _read(self) -> dict:
        line = self._driver.stdout.readline()
        if not line:
            self._driver.wait(timeout=30)
            log = (self.dir / "driver.log").read_text(errors="replace")[-4000:]
            raise NodeError(f"{self.name}'s driver ended (exit {self._driver.returncode}):\n{log}")
        return json.loads(line)

    def _request(self, request: dict) -> dict:
        self.start()
        self._driver.stdin.write(json.dumps(request) + "\n")
        self._driver.stdin.flush()
        return self._read()

    def call(self, command: str, *args, check: bool = True) -> CommandResult:
        """``manage.py COMMAND ARGS`` inside the driver (no start-up cost)."""
        answer = self._request({"op": "call", "command": command, "args": [str(a) for a in args]})
        if "stdout" not in answer:
            raise NodeError(f"{self.name}: {command} {args} failed:\n{answer['error']}")
        result = CommandResult(
            ok=answer["ok"],
            exit_code=answer["exit_code"],
            stdout=answer["stdout"],
            stderr=answer["stderr"],
            error=answer["error"],
        )
        if check and not result.ok:
            raise NodeError(f"{self.name}: {command} {list(args)} failed:\n{result.output}")
        return result

    def fn(self, action: str, /, **kwargs):
        """A function of ``tests.multinode.actions``, run on this node."""
        answer = self._request({"op": "fn", "name": action, "kwargs": kwargs})
        if not answer["ok"]:
            raise NodeError(f"{self.name}: {action}({kwargs}) failed:\n{answer['error']}")
        return answer["result"]

    @property
    def node_id(self) -> str:
        if self._node_id is None:
            self._node_id = self.fn("identity")["node_id"]
        return self._node_id

    def records(self) -> set[tuple[str, str, int, str]]:
        """Every synced record here as (table, origin_node, origin_seq, id)."""
        return {
            (table, origin, seq, record_id)
            for table, rows in self.fn("record_sets").items()
            for origin, seq, record_id in rows
        }

    def own_records(self) -> set[tuple[str, str, int, str]]:
        return {record for record in self.records() if record[1] == self.node_id}

    # --- Real processes ----------------------------------------------------------------------

    def manage(self, *args, timeout: float = 300) -> subprocess.CompletedProcess:
        """``manage.py ARGS`` as its own process, as an operator runs it."""
        return subprocess.run(
            [PYTHON, MANAGE, *[str(a) for a in args]],
            cwd=REPO,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def spawn(self, *args, **popen) -> subprocess.Popen:
        """``manage.py ARGS`` started and left running (the caller waits or kills it)."""
        return subprocess.Popen(
            [PYTHON, MANAGE, *[str(a) for a in args]],
            cwd=REPO,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **popen,
        )


def node_char(directory: Path) -> str:
    """The character naming the node in its certificate codes (``KH-2026-0001-XK``: X)."""
    from cryptography.hazmat.primitives import serialization

    from certificates.codes import node_char_for
    from nodes.identity import PRIVATE_KEY_FILE, node_id_for_public_key

    key = serialization.load_pem_private_key(
        (directory / "keys" / PRIVATE_KEY_FILE).read_bytes(), password=None
    )
    raw = key.public_key().public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )
    return node_char_for(node_id_for_public_key(raw).bytes)


def keys_create(
    directory: Path, *, node_chars_not: set[str] = frozenset(), node_char_is: str = ""
) -> str:
    """Make the node's key pair before its first start (as its first start would), drawing
    again while its certificate-code character is one of ``node_chars_not`` (or is not
    ``node_char_is``). Returns the character.

    Why: the character has 30 values, and two nodes that share one issue the same codes, which
    collide on arrival (``test_flow.test_two_nodes_with_one_code_character``); tests about
    something else must not fail at random for that.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from nodes.identity import PRIVATE_KEY_FILE

    key_dir = directory / "keys"
    key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = key_dir / PRIVATE_KEY_FILE
    while True:
        pem = Ed25519PrivateKey.generate().private_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PrivateFormat.PKCS8,
            encryption_algorithm=serialization.NoEncryption(),
        )
        path.write_bytes(pem)
        path.chmod(0o600)
        char = node_char(directory)
        if char not in node_chars_not and char == (node_char_is or char):
            return char


def migrated_template(directory: Path) -> Path:
    """A freshly migrated database in ``directory`` (no keys: each copy makes its own)."""
    directory.mkdir(parents=True, exist_ok=True)
    node = Node("template", directory, "hub")
    done = node.manage("migrate", "--noinput", "-v0", timeout=600)
    assert done.returncode == 0, done.stderr
    checkpoint(node.db)
    return node.db


def demo_hub_template(directory: Path, migrated_db: Path) -> Path:
    """A hub with the demo loaded (courses, posts, people, progress) in ``directory``: its
    database, keys and media, to copy whole for each test's hub."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy2(migrated_db, directory / "db.sqlite3")
    node = Node("demo-hub", directory, "hub")
    done = node.manage("load_demo", timeout=600)
    assert done.returncode == 0, done.stderr
    checkpoint(node.db)
    return directory


def node_from(
    template: Path, directory: Path, *, name: str, role: str, whole_dir: bool = False
) -> Node:
    """A node in ``directory`` that starts as a copy of ``template`` (a database file, or with
    ``whole_dir`` a node directory with its keys and media)."""
    if whole_dir:
        shutil.copytree(template, directory, ignore=shutil.ignore_patterns("*.log", "db.sqlite3-*"))
    else:
        directory.mkdir(parents=True, exist_ok=True)
        shutil.copy2(template, directory / "db.sqlite3")
    return Node(name, directory, role)


def enrol_by_file(
    hub: Node, post: Node, *, name: str, country: str, post_code: str, url: str, folder: Path
) -> Path:
    """The hub invites the post; the post's operator loads the file. The hub registers the post
    when it reads the post's first packet (see ``first_contact``)."""
    invitation = folder / f"{post_code}.enrol"
    invited = hub.call(
        "enrol_post",
        "--name",
        name,
        "--country",
        country,
        "--post-code",
        post_code,
        "--url",
        url,
        "-o",
        invitation,
    )
    code = re.search(r"--code (\S+)", invited.stdout).group(1)
    post.call("enrol", invitation, "--code", code)
    return invitation


def carry(sender: Node, receiver: Node, folder: Path, label: str, *sender_args) -> dict:
    """A packet on a USB stick: ``sync_export`` at the sender, ``sync_import --json`` at the
    receiver; returns the receiver's summary."""
    packet = folder / f"{label}.packet"
    sender.call("sync_export", *sender_args, "-o", packet)
    result = receiver.call("sync_import", packet, "--json")
    return json.loads(result.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def hub_server(hub: Node, port: int | None = None) -> Iterator[str]:
    """The hub's web server on a free local port, for the duration of the block."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log = (hub.dir / "server.log").open("ab")
    server = subprocess.Popen(
        [PYTHON, MANAGE, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=hub.env(),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/verify/", timeout=2).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise NodeError(
                        "The hub's server did not start:\n"
                        + (hub.dir / "server.log").read_text(errors="replace")[-4000:]
                    ) from None
                time.sleep(0.2)
        yield url
    finally:
        stop_group(server)
        log.close()


def stop_group(process: subprocess.Popen, timeout: float = 10) -> None:
    """SIGTERM the process group of ``process`` (started with ``start_new_session``), then
    SIGKILL it if it has not ended within ``timeout`` seconds."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def flip_byte(source: Path, target: Path, offset: int) -> None:
    data = bytearray(source.read_bytes())
    data[offset] ^= 0xFF
    target.write_bytes(bytes(data))


def truncate(source: Path, target: Path, length: int) -> None:
    target.write_bytes(source.read_bytes()[:length])


POIPET = {"post_name": "Poipet", "country": "KH", "post_code": "kh-poipet"}
ARANYA = {"post_name": "Aranyaprathet", "country": "TH", "post_code": "th-aranyaprathet"}


def hub_two_posts_and_chenda(network) -> tuple[Node, Node, Node]:
    """Headquarters and two posts that hold its roster, Poipet and Aranyaprathet; Chenda Sok,
    registered at Poipet, is known at headquarters. Returns (hub, poipet, aranya)."""
    hub = network.hub()
    poipet = network.enrolled_post(hub, "poipet", courses=["WLC-101"], **POIPET)
    aranya = network.enrolled_post(hub, "aranya", courses=["WLC-101"], **ARANYA)
    for post in (poipet, aranya):
        carry(hub, post, network.files, f"roster-{post.name}", "--for", post.node_id)
    poipet.fn(
        "officer_register", username="chenda", full_name_latin="Chenda Sok", post_code="kh-poipet"
    )
    carry(poipet, hub, network.files, "poipet-1")
    return hub, poipet, aranya
