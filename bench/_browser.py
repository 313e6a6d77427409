"""Real-browser measurements with Debian's Chromium driven by Playwright: the weight of a page
loaded cold in a fresh context, and first contentful paint on a throttled link.

Chromium is started so that it resolves no host name but localhost, and every request a page
makes is recorded, so a request to any other host is both blocked and reported.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
NAVIGATION_TIMEOUT_MS = 120_000
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}(?=\.\w+$)")
KINDS = ("html", "css", "js", "font", "image", "media", "other")
RESOURCE_KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "font",
    "image": "image",
}
FCP_SCRIPT = "performance.getEntriesByName('first-contentful-paint').length > 0"


@dataclass(frozen=True)
class Viewer:
    """Who loads a page: a user name (None for nobody logged in), the browser's locale and the
    session cookies obtained by logging in over HTTP."""

    username: str | None
    locale: str
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Resource:
    url: str
    kind: str
    status: int
    encoding: str
    wire: int  # response body bytes as they came over the wire (compressed if encoded)
    headers: int  # response header bytes
    decoded: int  # body bytes after decoding

    @property
    def name(self) -> str:
        """File name without WhiteNoise's content hash, e.g. noto-sans-thai-400.woff2."""
        path = urlsplit(self.url).path
        return HASHED_NAME.sub("", path.rsplit("/", 1)[-1]) or path

    @property
    def sent(self) -> int:
        """Body bytes a border post receives, as the server sent them."""
        return self.wire


@dataclass
class PageWeight:
    label: str
    viewer: Viewer
    path: str
    final_path: str
    status: int
    html_lang: str
    article_lang: str
    resources: list[Resource]
    off_host: list[str]
    failed: list[str]
    scripts: dict[str, str] = field(default_factory=dict)  # script -> sample of its text

    def sent(self, *kinds: str) -> int:
        return sum(r.sent for r in self.resources if r.kind in kinds)

    def count(self, *kinds: str) -> int:
        return sum(1 for r in self.resources if r.kind in kinds)

    @property
    def html_raw(self) -> int:
        return sum(r.decoded for r in self.resources if r.kind == "html")

    @property
    def headers(self) -> int:
        return sum(r.headers for r in self.resources)

    @property
    def total_without_media(self) -> int:
        return self.sent(*(k for k in KINDS if k != "media"))

    @property
    def total(self) -> int:
        return self.sent(*KINDS)

    @property
    def fonts(self) -> list[str]:
        return sorted(r.name for r in self.resources if r.kind == "font")


@dataclass
class PaintRuns:
    label: str
    path: str
    fcp_ms: list[float]
    load_ms: list[float]

    @property
    def fcp_median(self) -> float:
        return statistics.median(self.fcp_ms)

    @property
    def load_median(self) -> float:
        return statistics.median(self.load_ms)


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def _open_page(browser: Browser, base_url: str, viewer: Viewer):
    context = browser.new_context(locale=viewer.locale)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    if viewer.cookies:
        context.add_cookies(
            [{"name": k, "value": v, "url": base_url} for k, v in viewer.cookies.items()]
        )
    return context, context.new_page()


def _kind(url: str, resource_type: str) -> str:
    if urlsplit(url).path.startswith("/media/"):
        return "media"
    return RESOURCE_KINDS.get(resource_type, "other")


def _resource(request) -> Resource:
    response = request.response()
    sizes = request.sizes()
    kind = _kind(request.url, request.resource_type)
    try:
        body = response.body()
    except Exception:  # a redirect has no body to read back
        body = b""
    return Resource(
        url=request.url,
        kind=kind,
        status=response.status,
        encoding=(response.header_value("content-encoding") or "identity").lower(),
        wire=sizes["responseBodySize"],
        headers=sizes["responseHeadersSize"],
        decoded=len(body),
    )


SCRIPT_RANGES = {
    "Thai": (0x0E00, 0x0E7F),
    "Lao": (0x0E80, 0x0EFF),
    "Myanmar": (0x1000, 0x109F),
    "Khmer": (0x1780, 0x17FF),
}


def scripts_in(html: str) -> dict[str, str]:
    """Which non-Latin scripts the page's HTML contains, with the text around the first
    character of each: what makes the browser download that script's font."""
    found = {}
    for index, char in enumerate(html):
        for name, (low, high) in SCRIPT_RANGES.items():
            if name not in found and low <= ord(char) <= high:
                found[name] = html[max(0, index - 40) : index + 10].replace("\n", " ")
    return found


def _is_off_host(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOOPBACK_HOSTS


def _languages(page) -> tuple[str, str]:
    return page.evaluate(
        "[document.documentElement.lang, document.querySelector('article')?.lang || '']"
    )


def page_weight(
    browser: Browser, base_url: str, label: str, path: str, viewer: Viewer
) -> PageWeight:
    """Load ``path`` once in a fresh context (cold cache) and account for every response,
    fonts included: the load event, then the fonts, then a quiet network."""
    context, page = _open_page(browser, base_url, viewer)
    finished, failed, off_host = [], [], []

    def note_request(request) -> None:
        if _is_off_host(request.url):
            off_host.append(request.url)

    def note_finished(request) -> None:
        finished.append(request)

    def note_failed(request) -> None:
        failed.append(f"{request.url} ({request.failure})")

    try:
        context.on("request", note_request)
        page.on("requestfinished", note_finished)
        page.on("requestfailed", note_failed)
        response = page.goto(base_url + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => document.fonts.size)")
        page.wait_for_load_state("networkidle")
        html_lang, article_lang = _languages(page)
        scripts = scripts_in(page.content())
        return PageWeight(
            label=label,
            viewer=viewer,
            path=path,
            final_path=urlsplit(page.url).path,
            status=response.status if response else 0,
            html_lang=html_lang,
            article_lang=article_lang,
            resources=[_resource(r) for r in finished],
            off_host=off_host,
            failed=failed,
            scripts=scripts,
        )
    finally:
        context.close()


def _throttled_load(browser: Browser, base_url: str, path: str, viewer: Viewer, link: dict):
    context, page = _open_page(browser, base_url, viewer)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", link)
        page.goto(base_url + path, wait_until="load")
        if urlsplit(page.url).path != path:
            raise RuntimeError(f"{path} redirected to {page.url}")
        page.wait_for_function(FCP_SCRIPT, timeout=NAVIGATION_TIMEOUT_MS)
        return page.evaluate(
            "[performance.getEntriesByName('first-contentful-paint')[0].startTime,"
            " performance.getEntriesByType('navigation')[0].loadEventEnd]"
        )
    finally:
        context.close()


def first_contentful_paint(
    browser: Browser,
    base_url: str,
    label: str,
    path: str,
    viewer: Viewer,
    *,
    runs: int,
    kbit_per_second: int,
    latency_ms: int,
) -> PaintRuns:
    """Cold loads of ``path`` on an emulated slow link, caching disabled; FCP and load event
    of each run, in milliseconds from navigation start."""
    link = {
        "offline": False,
        "latency": latency_ms,
        "downloadThroughput": kbit_per_second * 1000 / 8,
        "uploadThroughput": kbit_per_second * 1000 / 8,
    }
    results = [_throttled_load(browser, base_url, path, viewer, link) for _ in range(runs)]
    return PaintRuns(label, path, [r[0] for r in results], [r[1] for r in results])
