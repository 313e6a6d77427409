"""Saving the demo's largest course in the browser for offline use, on a 400 kbit/s link.

Starts a throw-away production node (``BenchServer``: demo content, collected static files,
gunicorn on a loopback port), logs a demo learner in over HTTP and enrols them in every
course, picks the course whose offline manifest lists the most bytes, then in Chromium:

1. what the offline scripts add to a lesson page's first visit, compressed, as they come over
   the wire (the page, its scripts, the service worker and what it imports: budget 25 kB), and
   that a page of the same officer without the cookie loads none of them;
2. bytes and seconds to save the course through "On this device" behind a link of 400 kbit/s
   each way with 150 ms more per connection: a TCP proxy in this script (``Link``) that shares
   one budget per direction among all connections, so the service worker's fetches are slowed
   exactly as the page's (CDP's network emulation applies to one target: a page, not its
   service worker);
3. the machine.

Everything it contacts is on 127.0.0.1. Run it from the repository root:

    .venv/bin/python bench/offline.py [--kbit 400]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import platform
import shlex
import sys
import threading
import time
from importlib.metadata import version
from urllib.parse import urlsplit

from _browser import launch
from _http import enrol_action, site_links
from _machine import machine_summary
from _server import DEMO_PASSWORD, HOST, BenchServer, bench_username, run_bench
from playwright.sync_api import Browser, sync_playwright

KB = 1000
SCRIPTS_BUDGET = 25 * KB
SAVE_TIMEOUT_SECONDS = 1800
OFFLINE_COOKIE = "elearning_offline"


class Bucket:
    """One direction of the link: bytes pass at ``rate`` per second, whoever sends them."""

    def __init__(self, rate: float) -> None:
        self.rate, self.free_at, self.bytes = rate, 0.0, 0

    async def take(self, size: int) -> None:
        now = asyncio.get_running_loop().time()
        self.free_at = max(now, self.free_at) + size / self.rate
        self.bytes += size
        await asyncio.sleep(self.free_at - now)


class Link:
    """A throttling TCP proxy on a free loopback port in front of ``target_port``."""

    def __init__(self, target_port: int, kbit: int, latency_ms: int) -> None:
        self.target, self.latency = target_port, latency_ms / 1000
        self.down, self.up = Bucket(kbit * 1000 / 8), Bucket(kbit * 1000 / 8)
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self.server: asyncio.Server | None = None
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Link:
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        started = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._connection, HOST, 0), self.loop
        )
        self.server = started.result(10)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc_info) -> None:
        if self.server is not None:
            self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        if self.thread is not None:
            self.thread.join(10)

    async def _connection(self, reader, writer) -> None:
        await asyncio.sleep(self.latency)
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(HOST, self.target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(
            self._pipe(reader, upstream_writer, self.up),
            self._pipe(upstream_reader, writer, self.down),
        )

    @staticmethod
    async def _pipe(source, sink, bucket: Bucket) -> None:
        try:
            while data := await source.read(16384):
                await bucket.take(len(data))
                sink.write(data)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            sink.close()


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def courses_with_manifests(server: BenchServer) -> tuple[dict[str, str], list[dict]]:
    """A demo learner's cookies, enrolled in every course, and each course's offline manifest
    (fetching one sets the cookie that gives pages the offline scripts)."""
    client = server.client()
    client.login(bench_username(1), DEMO_PASSWORD)
    manifests = []
    for path in site_links(client.page("/"), depth=1):
        form = enrol_action(client.page(path))
        if form is None:
            continue
        client.post(form[0], {})
        manifests.append(json.loads(client.get(f"/offline/courses/{form[1]}/manifest.json").text))
    cookies = dict(client.cookies)
    client.close()
    return cookies, manifests


def _context(browser: Browser, base_url: str, cookies: dict[str, str]):
    context = browser.new_context(locale="th-TH")
    context.add_cookies([{"name": k, "value": v, "url": base_url} for k, v in cookies.items()])
    return context


def first_visit(browser: Browser, base_url: str, path: str, cookies: dict[str, str]) -> dict:
    """Bytes over the wire of a cold first visit of ``path`` (page and service worker), by URL,
    once the service worker (if any) is active and the network is quiet."""
    context = _context(browser, base_url, cookies)
    sizes: dict[str, int] = {}

    def finished(request) -> None:
        # A file the page and the worker both load comes over the wire once: keep the larger.
        sent = request.sizes()
        response = request.response()
        body = sent["responseBodySize"] or int(
            (response.header_value("content-length") if response else None) or 0
        )
        size = body + sent["responseHeadersSize"]
        sizes[request.url] = max(size, sizes.get(request.url, 0))

    context.on("requestfinished", finished)
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    page.evaluate(
        "() => navigator.serviceWorker.getRegistration()"
        ".then(r => r && navigator.serviceWorker.ready)"
    )
    page.wait_for_load_state("networkidle")
    context.close()
    return {url: size or wire_size(url) for url, size in sizes.items()}


def wire_size(url: str) -> int:
    """Bytes of ``url`` as a browser gets it compressed (Brotli or gzip, as WhiteNoise serves
    it): Chromium reports no sizes for the worker's own ``importScripts``."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or HOST, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path, headers={"Accept-Encoding": "br, gzip"})
        response = connection.getresponse()
        body = response.read()
        return len(body) + sum(len(k) + len(v) + 4 for k, v in response.getheaders())
    finally:
        connection.close()


def is_worker_script(url: str) -> bool:
    return url.endswith("/sw.js") or "/vendor/workbox-" in url or "/offlinemode/sw/" in url


def is_offline_script(url: str) -> bool:
    return "/offlinemode/" in url or url.endswith("/sw.js") or url.endswith(".webmanifest")


def save_course(browser: Browser, base_url: str, manifest: dict, cookies: dict, link: Link):
    """Seconds and bytes (down, up) to save the course through "On this device", and the
    number of files the service worker fetched."""
    context = _context(browser, base_url, cookies)
    fetched = []
    context.on(
        "request",
        lambda r: fetched.append(r.url) if r.headers.get("x-offline-save") == "1" else None,
    )
    page = context.new_page()
    page.set_default_timeout(SAVE_TIMEOUT_SECONDS * 1000)
    down, up = link.down.bytes, link.up.bytes
    started = time.monotonic()
    page.goto(f"{base_url}/offline/?save={manifest['course']}", wait_until="domcontentloaded")
    saved = (
        "async (course) => { if (!self.offlineDb) return false;"
        " const db = await offlineDb.open(); const me = await db.get('state', 'current');"
        " return !!(me && await db.get('courses', me.officer + ':' + course)); }"
    )
    while not page.evaluate(saved, manifest["course"]):
        if time.monotonic() - started > SAVE_TIMEOUT_SECONDS:
            raise TimeoutError(f"not saved after {SAVE_TIMEOUT_SECONDS} s")
        page.wait_for_timeout(250)
    seconds = time.monotonic() - started
    result = (seconds, link.down.bytes - down, link.up.bytes - up, len(fetched))
    context.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kbit", type=int, default=400, help="link speed each way (400)")
    parser.add_argument("--latency", type=int, default=150, help="ms per connection (150)")
    args = parser.parse_args(argv)
    progress("starting a throw-away node with the demo content")
    with BenchServer(learners=1) as server:
        cookies, manifests = courses_with_manifests(server)
        largest = max(manifests, key=lambda m: sum(e["bytes"] or 0 for e in m["entries"]))
        lesson = next(e["url"] for e in largest["entries"] if e["kind"] == "lesson")
        without = {k: v for k, v in cookies.items() if k != OFFLINE_COOKIE}
        with sync_playwright() as playwright, Link(server.port, args.kbit, args.latency) as link:
            browser = launch(playwright)
            progress(f"first visits of {lesson}, with and without the cookie")
            plain = first_visit(browser, server.base_url, lesson, without)
            offline = first_visit(browser, server.base_url, lesson, cookies)
            progress(f"saving {largest['title']} at {args.kbit} kbit/s")
            throttled = f"http://{HOST}:{link.port}"
            seconds, down, up, files = save_course(browser, throttled, largest, cookies, link)
            browser.close()
    report(args, largest, lesson, plain, offline, (seconds, down, up, files))
    return 0


def report(args, largest: dict, lesson: str, plain: dict, offline: dict, saved: tuple) -> None:
    seconds, down, up, files = saved
    listed = sum(e["bytes"] or 0 for e in largest["entries"])
    added = {url: size for url, size in offline.items() if is_offline_script(url)}
    html_extra = offline.get(next(u for u in offline if u.endswith(lesson)), 0) - plain.get(
        next(u for u in plain if u.endswith(lesson)), 0
    )
    total_added = sum(added.values()) + max(html_extra, 0)
    print("\n== A lesson page's first visit: what the offline scripts add (compressed, wire)")
    for url, size in sorted(added.items(), key=lambda item: -item[1]):
        print(f"  {size / KB:7.1f} kB  {url.split('/', 3)[-1]}")
    print(f"  {html_extra / KB:7.1f} kB  the page itself (configuration and texts)")
    verdict = "within" if total_added <= SCRIPTS_BUDGET else "OVER"
    print(f"  total {total_added / KB:.1f} kB: {verdict} the {SCRIPTS_BUDGET / KB:.0f} kB budget")
    # The worker and what it imports come once per browser: saving a course installs it, so a
    # lesson page of a browser that saved one usually loads only the page's scripts.
    page_side = sum(v for u, v in added.items() if not is_worker_script(u)) + max(html_extra, 0)
    print(f"  of which the page's own (the worker already installed): {page_side / KB:.1f} kB")
    leaked = [u for u in plain if is_offline_script(u)]
    print(f"  without the cookie: {len(leaked)} offline files loaded {leaked or ''}")
    print(f"\n== Saving “{largest['title']}” at {args.kbit} kbit/s (+{args.latency} ms a link)")
    print(f"  entries {len(largest['entries'])}, files fetched by the worker {files}")
    print(f"  bytes the manifest lists (files of known size) {listed / 1e6:.2f} MB")
    print(f"  over the link {down / 1e6:.2f} MB down and {up / KB:.1f} kB up, pages included")
    print(f"  {seconds:.1f} s from opening the save to the course saved")
    print(f"  ({down * 8 / seconds / 1000:.0f} kbit/s of the link's {args.kbit} used)")
    print("\n== Machine")
    print(f"  {machine_summary()}; Python {platform.python_version()}")
    print(f"  Playwright {version('playwright')}; Chromium (Debian) headless")
    print(f"  command: {shlex.join([sys.executable, *sys.argv])}")


if __name__ == "__main__":
    run_bench(main)
