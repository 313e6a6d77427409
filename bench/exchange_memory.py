"""How much memory a hub's /sync/exchange/ costs for a large body from a stranger.

Starts a real hub (production settings, gunicorn, one sync worker) over a fresh data directory
and sends it bodies of ``--mb`` megabytes signed by a key it does not know: a container whose
header claims to be that large (what raised the server's memory by 1.76 GB before the exchange
was bounded), and a request with a small header and a large packet. Prints, for each, the
worker's resident memory (RSS), proportional set size (PSS) and peak (VmHWM) before and after,
and what the hub answered.

    .venv/bin/python bench/exchange_memory.py [--mb 64] [--repo PATH]

``--repo`` runs another checkout of the code (for example the commit before the change,
unpacked with ``git archive``) with this repository's virtualenv.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import secrets
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
MAGIC = b"ELNODE/1\n"


def stranger_container(*, kind: str, header_fill: int, part: bytes) -> bytes:
    """A well-formed container signed by a key no node knows."""
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )
    sender = hashlib.sha256(b"elearning-node:" + raw).digest()[:16]
    header = json.dumps(
        {
            "kind": kind,
            "sender": str(uuid.UUID(bytes=sender)),
            "created": "2026-12-03T00:00:00+00:00",
            # Empty lists: 3 bytes of JSON each, some 60 bytes each once parsed.
            "meta": {"recipient": "0" * 32, "fill": [[]] * (header_fill // 3)},
            "parts": [
                {"name": "packet", "sha256": hashlib.sha256(part).hexdigest(), "size": len(part)}
            ]
            if part
            else [],
        },
        separators=(",", ":"),
    ).encode()
    signed = MAGIC + struct.pack(">I", len(header)) + header
    return signed + key.sign(signed) + part


def memory(pid: int) -> dict[str, int]:
    """RSS, PSS and peak RSS of a process, in kB."""
    found = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(("Rss:", "Pss:")):
            found[line.split(":")[0].lower()] = int(line.split()[1])
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            found["peak"] = int(line.split()[1])
    return found


def post(port: int, body: bytes) -> str:
    """Send ``body`` to /sync/exchange/; the status and the start of the answer. A server that
    refuses before reading the whole body may close the connection while it is being sent."""
    connection = http.client.HTTPConnection(HOST, port, timeout=600)
    try:
        connection.putrequest("POST", "/sync/exchange/")
        connection.putheader("Content-Type", "application/octet-stream")
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        sent = 0
        try:
            view = memoryview(body)
            while sent < len(body):
                sent += connection.sock.send(view[sent : sent + 1024 * 1024])
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            answer = connection.getresponse()
            text = answer.read(300).decode(errors="replace")
            return f"HTTP {answer.status} after {sent / 1e6:.1f} MB sent: {text[:160]}"
        except (ConnectionResetError, http.client.HTTPException, OSError) as error:
            return f"connection closed after {sent / 1e6:.1f} MB sent ({error})"
    finally:
        connection.close()


def worker_pid(master: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.2)
    raise RuntimeError("gunicorn started no worker")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=64)
    parser.add_argument("--repo", type=Path, default=ROOT)
    args = parser.parse_args()
    repo = args.repo.resolve()
    size = args.mb * 1024 * 1024 - 1024  # within ELEARNING_SYNC_MAX_BODY, as an attacker would
    data_dir = Path(tempfile.mkdtemp(prefix="exchange-memory-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ELEARNING_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="elearning.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        ELEARNING_DATA_DIR=str(data_dir),
        ELEARNING_NODE_ROLE="hub",
        PYTHONPATH=str(repo),
    )
    print(f"[bench] migrating a hub in {data_dir}", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=repo,
        env=env,
        check=True,
    )
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    gunicorn = [sys.executable, "-m", "gunicorn", "elearning.wsgi", "--workers", "1"]
    server = subprocess.Popen(
        [*gunicorn, "--bind", f"{HOST}:{port}", "--timeout", "600"],
        cwd=repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(data_dir / "gunicorn.log").open("wb"),
        start_new_session=True,
    )
    try:
        worker = worker_pid(server.pid)
        for _ in range(100):
            try:
                post(port, b"warm-up")
                break
            except OSError:
                time.sleep(0.3)
        # The small header first: the peak (VmHWM) only ever grows.
        bodies = {
            "a small header, then the body": stranger_container(
                kind="exchange", header_fill=0, part=os.urandom(size)
            ),
            "a header claiming to be the whole body": stranger_container(
                kind="packet", header_fill=size, part=b""
            ),
        }
        print(f"code: {repo}")
        for label, body in bodies.items():
            before = memory(worker)
            answer = post(port, body)
            after = memory(worker)
            print(f"{label} ({len(body) / 1e6:.1f} MB from an unknown sender):")
            print(f"  answer: {answer}")
            for name in ("rss", "pss", "peak"):
                grew = (after[name] - before[name]) / 1024
                print(
                    f"  {name.upper():4} before {before[name] / 1024:8.1f} MB  after "
                    f"{after[name] / 1024:8.1f} MB  grew {grew:8.1f} MB"
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        subprocess.run(["rm", "-rf", str(data_dir)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
