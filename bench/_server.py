"""A throw-away production node for the benchmark: a fresh data directory, migrations, the demo
content, collected static files, extra learner accounts, and gunicorn on a free loopback port.

``BenchServer`` is a context manager: whatever happens, gunicorn is stopped and the data
directory removed on the way out.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from _http import Client, HttpError

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SETTINGS = "elearning.settings.production"
DEMO_PASSWORD = "border-demo-2026"  # printed by load_demo: a demo login, not a secret
SETUP_TIMEOUT_SECONDS = 600
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 15

# Runs inside ``manage.py shell``; the count and password come from the environment so that
# nothing is spliced into code. Learners alternate Thai and English, as at a Thai border post.
CREATE_LEARNERS = """
import os
from officers.models import Role, User
from officers.services import officer_create
for number in range(1, int(os.environ["BENCH_USERS"]) + 1):
    username = f"bench{number:02d}"
    if not User.objects.filter(username=username).exists():
        officer_create(username=username, password=os.environ["BENCH_PASSWORD"],
                       role=Role.LEARNER, full_name_latin=f"Bench Learner {number}",
                       preferred_language="th" if number % 2 else "en")
"""


class SetupError(RuntimeError):
    """A setup command failed; the message carries its output."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def bench_username(number: int) -> str:
    return f"bench{number:02d}"


@dataclass
class BenchServer:
    workers: int = 2
    threads: int = 4
    # A gunicorn configuration file (e.g. elearning/gunicorn_post.py): then it, not ``workers``
    # and ``threads``, says how the server runs; only the address and logs are given here.
    config: str = ""
    # The node's role (ELEARNING_NODE_ROLE): "post" for the benches of a post's budgets
    # (bench/memory.py, bench/kolibri.py: a training room's server), else a hub.
    role: str = "hub"
    # Runs in gunicorn's process before it starts (e.g. joining a memory cgroup).
    preexec: Callable[[], None] | None = None
    learners: int = 30
    port: int = field(default_factory=free_port)
    data_dir: Path | None = None
    command: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    demo_output: str = ""
    # Extra environment for every manage.py command and gunicorn, applied last (for example
    # DATABASE_URL, which is otherwise dropped so that the node gets its own SQLite file).
    extra_env: dict[str, str] = field(default_factory=dict)
    # The WSGI application gunicorn serves (bench/page_floor.py serves one of its own).
    app: str = "elearning.wsgi:application"
    _secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(48), repr=False)
    _process: subprocess.Popen | None = None
    _log: Path | None = None

    def __enter__(self) -> BenchServer:
        self.data_dir = Path(tempfile.mkdtemp(prefix="elearning-bench-"))
        try:
            self._prepare()
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self._stop()
        finally:
            if self.data_dir is not None:
                shutil.rmtree(self.data_dir, ignore_errors=True)
                self.data_dir = None

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE=SETTINGS,
            DJANGO_SECRET_KEY=self._secret_key,
            DJANGO_DEBUG="0",
            DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
            ELEARNING_DATA_DIR=str(self.data_dir),
            ELEARNING_NODE_ROLE=self.role,
            BENCH_USERS=str(self.learners),
            BENCH_PASSWORD=DEMO_PASSWORD,
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def client(self) -> Client:
        return Client(HOST, self.port)

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def _prepare(self) -> None:
        self._manage("migrate", "migrate", "--noinput")
        self.demo_output = self._manage("load_demo", "load_demo")
        self._manage("collectstatic", "collectstatic", "--noinput")
        self._manage("create learners", "shell", "-c", CREATE_LEARNERS)

    def manage(self, label: str, *args: str) -> str:
        """Run ``manage.py ARGS`` in the node's environment (timed as ``label``); its stdout."""
        return self._manage(label, *args)

    def _manage(self, label: str, *args: str) -> str:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT_SECONDS,
            check=False,
        )
        self.timings[label] = time.perf_counter() - started
        if result.returncode != 0:
            raise SetupError(
                f"manage.py {' '.join(args[:1])} failed (exit {result.returncode}):\n"
                f"{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
            )
        return result.stdout

    def _start(self) -> None:
        self._log = self.data_dir / "gunicorn.log"
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            self.app,
            "--bind",
            f"{HOST}:{self.port}",
            *(
                ["--config", self.config]
                if self.config
                else ["--workers", str(self.workers), "--threads", str(self.threads)]
            ),
            *([] if self.config else ["--timeout", "60"]),
            "--log-level",
            "warning",
            "--error-logfile",
            str(self._log),
        ]
        self._process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=self.preexec,
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SetupError(f"gunicorn exited with {self._process.returncode}:\n{self.log()}")
            try:
                if self.client().get("/accounts/login/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise SetupError(f"gunicorn did not answer within {START_TIMEOUT_SECONDS} s:\n{self.log()}")

    def log(self) -> str:
        if self._log is None or not self._log.exists():
            return ""
        return self._log.read_text(errors="replace")[-8000:]

    @property
    def pid(self) -> int:
        """The gunicorn master's process id."""
        assert self._process is not None, "the server is not running"
        return self._process.pid

    def _stop(self) -> None:
        """SIGTERM gunicorn's own process group (it was started in a new session), then
        SIGKILL it if it has not stopped in time."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT_SECONDS)


def run_bench(main: Callable[[], int]) -> None:
    """Exit with ``main()``'s status; a failed setup or request is one line, not a traceback."""
    try:
        sys.exit(main())
    except (SetupError, HttpError) as error:
        print(f"[bench] failed: {error}", file=sys.stderr)
        sys.exit(1)


def throwaway_node(prefix: str) -> tuple[Path, BenchServer]:
    """A new folder, and a node without learners or a running server whose data lives in it
    (``manage`` runs its commands); the caller removes the folder."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    server = BenchServer(learners=0)
    server.data_dir = folder / "node"
    server.data_dir.mkdir()
    return folder, server
