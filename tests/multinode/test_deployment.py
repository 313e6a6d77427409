"""The hub's deployment (README, "The hub"): two stateless app servers behind nginx with one
database. An officer logs in through one and carries on through the other with the same
cookie; a protected media file is sent by nginx (X-Accel-Redirect) once the app has checked
access, and never to someone the app turned away.

nginx is started as this user from deploy/nginx-hub.conf itself (ports and paths replaced), with
its pid, logs and temporary files in the test's directory."""

from __future__ import annotations

import getpass
import grp
import http.client
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from elearning import serverhooks
from tests.multinode.harness import PYTHON, REPO, free_port, node_from, stop_group

pytestmark = pytest.mark.multinode

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
PASSWORD = "border-demo-2026"  # the demo's logins (load_demo prints them)
ACCEL_PREFIX = "/_protected"


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdout=out, stderr=out, start_new_session=True
        )


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            get(port, "/accounts/login/")
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"nothing answered on port {port}:\n{log.read_text()[-3000:]}")


def request(
    port: int,
    method: str,
    path: str,
    cookies: dict | None = None,
    body: str = "",
    headers: dict | None = None,
) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {"Host": f"127.0.0.1:{port}", **(headers or {})}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body or None, headers=sent)
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def get(port: int, path: str, cookies: dict | None = None, **headers):
    return request(port, "GET", path, cookies, headers=headers)


def keep_cookies(response: http.client.HTTPResponse, cookies: dict) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]


def nginx_config(directory: Path, port: int, upstreams: list[int], data: Path) -> Path:
    site = (REPO / "deploy" / "nginx-hub.conf").read_text()
    for old, new in (
        ("server 127.0.0.1:8001;", f"server 127.0.0.1:{upstreams[0]};"),
        ("server 127.0.0.1:8002;", f"server 127.0.0.1:{upstreams[1]};"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/srv/elearning/data/", f"{data}/"),
    ):
        assert old in site, f"deploy/nginx-hub.conf no longer has {old!r}"
        site = site.replace(old, new)
    # Which app server answered, for the test to see round robin at work.
    site = site.replace(
        "location / {", "location / {\n        add_header X-Upstream $upstream_addr always;"
    )
    user = (
        f"user {getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name};" if os.getuid() == 0 else ""
    )
    config = directory / "nginx.conf"
    config.write_text(f"""
{user}
worker_processes 1;
daemon off;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {directory}/nginx-access.log;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
{site}
}}
""")
    return config


@pytest.fixture
def hub_behind_nginx(tmp_path, demo_hub_dir):
    if not NGINX:
        pytest.skip("nginx is not installed (Debian's nginx: `make system-packages` installs it)")
    hub = node_from(demo_hub_dir, tmp_path / "hub", name="hub", role="hub", whole_dir=True)
    apps = [free_port(), free_port()]
    proxy = free_port()
    processes = []
    try:
        for number, port in enumerate(apps):
            env = hub.env(
                ELEARNING_BIND=f"127.0.0.1:{port}",
                ELEARNING_WORKERS="1",
                ELEARNING_THREADS="2",
                ELEARNING_BEHIND_PROXY="1",
                ELEARNING_MEDIA_ACCEL_PREFIX=ACCEL_PREFIX,
                DJANGO_ALLOWED_HOSTS=f"127.0.0.1,127.0.0.1:{proxy}",
            )
            log = tmp_path / f"app{number}.log"
            command = [PYTHON, "-m", "gunicorn", "-c", "elearning/gunicorn_hub.py"]
            processes.append(start(command, env, log))
            wait_for(port, processes[-1], log)
        config = nginx_config(tmp_path, proxy, apps, hub.dir)
        log = tmp_path / "nginx.log"
        processes.append(start([NGINX, "-c", str(config), "-p", str(tmp_path)], {}, log))
        wait_for(proxy, processes[-1], log)
        yield hub, apps, proxy
    finally:
        for process in processes:
            stop_group(process, timeout=30)


def log_in(port: int, username: str) -> dict:
    cookies: dict = {}
    response, page = get(port, "/accounts/login/")
    keep_cookies(response, cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = f"csrfmiddlewaretoken={token}&username={username}&password={PASSWORD}"
    response, _ = request(port, "POST", "/accounts/login/", cookies, body)
    assert response.status == 302, "the log-in was refused"
    keep_cookies(response, cookies)
    assert "sessionid" in cookies
    return cookies


def a_media_file(hub) -> Path:
    files = sorted(
        p for p in (hub.dir / "media").rglob("*") if p.is_file() and p.stat().st_size > 1000
    )
    assert files, "the demo hub has no media file"
    return files[0]


def test_officer_logs_in_through_one_app_server_and_carries_on_through_the_other(hub_behind_nginx):
    _hub, apps, proxy = hub_behind_nginx
    cookies = log_in(proxy, "officer")

    # Straight to each app server with the cookie nginx's round robin gave: both know her.
    for port in apps:
        response, page = get(port, "/my-learning/", cookies)
        assert response.status == 200, f"app server {port} does not know the session"
        assert b"Demo Officer" in page
    # Through nginx, page after page: both app servers answer, every answer logged in.
    answered = set()
    for _ in range(6):
        response, _page = get(proxy, "/my-learning/", cookies)
        assert response.status == 200
        answered.add(response.getheader("X-Upstream"))
    assert answered == {f"127.0.0.1:{port}" for port in apps}


def test_nginx_sends_protected_media_only_after_the_app_allows_it(hub_behind_nginx):
    hub, apps, proxy = hub_behind_nginx
    media = a_media_file(hub)
    url = "/media/" + media.relative_to(hub.dir / "media").as_posix()
    cookies = log_in(proxy, "officer")

    response, body = get(proxy, url, cookies)
    assert response.status == 200
    assert body == media.read_bytes()
    assert response.getheader("X-Accel-Redirect") is None  # nginx keeps it to itself
    # The app server itself sent no bytes, only where nginx should find them.
    response, body = get(apps[0], url, cookies)
    assert body == b""
    assert response.getheader("X-Accel-Redirect") == f"{ACCEL_PREFIX}{url}"
    # A video seeks: nginx answers ranges.
    response, body = get(proxy, url, cookies, Range="bytes=10-19")
    assert response.status == 206
    assert body == media.read_bytes()[10:20]

    # Nobody logged in: sent to log in, never the file; the internal location is not there.
    response, body = get(proxy, url)
    assert response.status == 302
    assert "/accounts/login/" in response.getheader("Location")
    assert body != media.read_bytes()
    response, _ = get(proxy, f"{ACCEL_PREFIX}{url}")
    assert response.status == 404
    # A file that does not exist is 404 from the app, not a path nginx is asked to try.
    response, _ = get(proxy, "/media/no-such-file.png", cookies)
    assert response.status == 404


def logged_pids(log: Path, pattern: str) -> list[int]:
    return [int(pid) for pid in re.findall(pattern, log.read_text(errors="replace"))]


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_post_server_keeps_its_task_worker_running_and_stops_it_with_itself(
    tmp_path, migrated_db
):
    """A post's one command (gunicorn -c elearning/gunicorn_post.py) runs the task worker that
    prints certificate batches; if it dies another takes its place, and stopping the server
    stops it too (no orphan left holding the database)."""
    post = node_from(migrated_db, tmp_path / "post", name="post", role="post")
    port = free_port()
    log = tmp_path / "post.log"
    env = post.env(ELEARNING_BIND=f"127.0.0.1:{port}")
    server = start([PYTHON, "-m", "gunicorn", "-c", "elearning/gunicorn_post.py"], env, log)
    try:
        wait_for(port, server, log)
        started = r"Task worker started \(pid (\d+)\)"
        (first,) = logged_pids(log, started)
        assert running(first)
        os.kill(first, 9)
        deadline = time.monotonic() + 30
        while len(logged_pids(log, started)) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        replacement = logged_pids(log, started)[-1]
        assert replacement != first, "no task worker took the dead one's place"
        assert running(replacement)
        assert get(port, "/accounts/login/")[0].status == 200
    finally:
        stop_group(server, timeout=30)
    assert not running(replacement)


PUBLISH_HOME = """
from wagtail.models import Page
home = Page.get_first_root_node().get_children().first().specific
home.save_revision().publish()
"""


def tasks_by_status(db: Path, task_path: str = "%") -> dict[str, int]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE ? GROUP BY status",
            (task_path,),
        ).fetchall()
    finally:
        connection.close()
    return dict(rows)


def children_of(pid: int) -> list[int]:
    """Every thread's children (the task worker forks from a thread of its own)."""
    found = []
    for thread in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(child) for child in (thread / "children").read_text().split())
        except OSError:
            continue
    return found


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"after {seconds:.0f} s, still not: {what}")
        time.sleep(0.5)


def test_a_post_runs_a_task_queued_while_it_serves_and_its_idle_task_worker_holds_little(
    tmp_path, migrated_db
):
    """A task queued on a running post (here: the tasks an editor's publish queues) is run by
    the post's own task worker; while the queue is empty that worker runs no Django, so it
    holds almost no memory of its own (elearning.taskworker), and the child that ran the
    tasks leaves once the queue has been empty a while, giving its memory back."""
    post = node_from(migrated_db, tmp_path / "post", name="post", role="post")
    port = free_port()
    log = tmp_path / "post.log"
    env = post.env(ELEARNING_BIND=f"127.0.0.1:{port}")
    server = start([PYTHON, "-m", "gunicorn", "-c", "elearning/gunicorn_post.py"], env, log)
    try:
        wait_for(port, server, log)
        (worker,) = logged_pids(log, r"Task worker started \(pid (\d+)\)")
        # Whatever the migrations queued is run first; then the runner leaves.
        wait_until(lambda: not tasks_by_status(post.db).get("READY"), 90, "the queue empty")
        wait_until(lambda: not children_of(worker), 60, "the task runner gone")
        time.sleep(3)  # a few polls of the empty queue
        assert serverhooks.private_mib(worker) < 12
        before = tasks_by_status(post.db)

        published = post.manage("shell", "-c", PUBLISH_HOME)
        assert published.returncode == 0, published.stderr
        queued = sum(tasks_by_status(post.db).values()) - sum(before.values())
        assert queued > 0  # publishing queued Wagtail's tasks (some may have run already)

        wait_until(lambda: not tasks_by_status(post.db).get("READY"), 60, "the tasks run")
        done = tasks_by_status(post.db)
        assert done.get("SUCCESSFUL", 0) == before.get("SUCCESSFUL", 0) + queued
        assert not done.get("FAILED")
        wait_until(lambda: not children_of(worker), 60, "the task runner gone")
        assert running(worker)
        assert serverhooks.private_mib(worker) < 12
        assert get(port, "/accounts/login/")[0].status == 200
    finally:
        stop_group(server, timeout=30)
    assert not running(worker)


def test_stopping_a_post_lets_the_task_it_is_running_finish(tmp_path, migrated_db):
    """Stopping the server (SIGTERM, as systemd does) while a task runs: the task is finished
    and recorded, not abandoned half-way, and then every process of the post is gone."""
    post = node_from(migrated_db, tmp_path / "post", name="post", role="post")
    port = free_port()
    log = tmp_path / "post.log"
    env = post.env(ELEARNING_BIND=f"127.0.0.1:{port}")
    server = start([PYTHON, "-m", "gunicorn", "-c", "elearning/gunicorn_post.py"], env, log)
    mark = tmp_path / "nap-done"
    try:
        wait_for(port, server, log)
        (worker,) = logged_pids(log, r"Task worker started \(pid (\d+)\)")
        queued = post.manage(
            "shell", "-c", f"from tests.multinode.tasks import nap; nap.enqueue(6, {str(mark)!r})"
        )
        assert queued.returncode == 0, queued.stderr
        nap = "tests.multinode.tasks.nap"
        wait_until(lambda: tasks_by_status(post.db, nap).get("RUNNING"), 60, "the task started")
        (runner,) = children_of(worker)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    finally:
        stop_group(server, timeout=30)
    assert mark.read_text() == "done"
    assert tasks_by_status(post.db, nap) == {"SUCCESSFUL": 1}
    assert not running(worker) and not running(runner)


def test_a_posts_web_worker_that_served_and_fell_idle_is_replaced_and_the_post_serves_on(
    tmp_path, migrated_db
):
    """A web worker that answered requests and then had none for ELEARNING_WORKER_IDLE_SECONDS
    is replaced by a fresh fork of the master (the memory it came to hold goes back); the post
    answers the next request as before, and the new worker, which has answered nothing, is
    left alone."""
    post = node_from(migrated_db, tmp_path / "post", name="post", role="post")
    port = free_port()
    log = tmp_path / "post.log"
    env = post.env(
        ELEARNING_BIND=f"127.0.0.1:{port}",
        ELEARNING_WORKERS="1",
        ELEARNING_TASK_WORKER="0",
        ELEARNING_WORKER_IDLE_SECONDS="4",
        ELEARNING_WORKER_IDLE_KEEP_MIB="0",  # the fresh worker here holds little of its own
    )
    server = start(
        [PYTHON, "-m", "gunicorn", "-c", "elearning/gunicorn_post.py", "--log-level", "info"],
        env,
        log,
    )
    try:
        wait_for(port, server, log)
        (first,) = children_of(server.pid)
        for _ in range(3):
            assert get(port, "/accounts/login/")[0].status == 200
        wait_until(lambda: children_of(server.pid) not in ([], [first]), 40, "a new worker")
        assert not running(first)
        assert re.search(rf"Worker {first} idle for \d+ s with \d+ MiB", log.read_text())
        (second,) = children_of(server.pid)
        time.sleep(8)  # twice the idle time: it has answered nothing, so it stays
        assert children_of(server.pid) == [second]
        assert get(port, "/accounts/login/")[0].status == 200
    finally:
        stop_group(server, timeout=30)
