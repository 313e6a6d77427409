"""A small standard-library HTTP client for the benchmark: one keep-alive connection, a cookie
jar for one host, Django's log-in and CSRF dance, and the link parsing that discovers courses
and lessons from the pages themselves.

Only loopback servers are allowed: the client refuses any other host.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import secrets
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

ENROL_ACTION = re.compile(r'action="(/learn/courses/(\d+)/enrol/)"')
COMPLETE_ACTION = re.compile(r'action="/learn/lessons/\d+/complete/"')
TIMEOUT_SECONDS = 30.0


class HttpError(Exception):
    """A response that was not the one the benchmark needed."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def _multipart(
    form: dict[str, str | list[str]], field_name: str, file_name: str, data: bytes
) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in form.items():
        for one in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{one}\r\n".encode()
            )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; '
        f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def assert_loopback(host: str) -> None:
    """Refuse any host that is not on this machine (127.0.0.0/8, ::1 or localhost)."""
    if host == "localhost":
        return
    if not ipaddress.ip_address(host.strip("[]")).is_loopback:
        raise ValueError(f"refusing to contact {host}: only loopback addresses are allowed")


@dataclass
class Client:
    """One officer's browser, minus the browser: cookies and a keep-alive connection."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    _connection: http.client.HTTPConnection | None = None

    def __post_init__(self) -> None:
        assert_loopback(self.host)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str | list[str]] | None = None,
        file: tuple[str, str, bytes] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Send one request (no redirect is followed) and read the whole body. A keep-alive
        connection the server closed in between is reopened once, as a browser would. A list
        value in ``form`` is sent as that field repeated (ticked checkboxes); ``file``
        (field, file name, bytes) sends the form as multipart/form-data with that file."""
        headers = {"Accept": "text/html", "Accept-Language": "en", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if file is not None:
                body, headers["Content-Type"] = _multipart(form, *file)
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        started = time.perf_counter()
        for attempt in range(2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=TIMEOUT_SECONDS
                )
            try:
                self._connection.request(method, path, body=body, headers=headers)
                raw = self._connection.getresponse()
                payload = raw.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt:
                    raise
        seconds = time.perf_counter() - started
        self._keep_cookies(raw.msg.get_all("Set-Cookie") or [])
        if raw.will_close:
            self.close()
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, payload, seconds)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(
        self,
        path: str,
        form: dict[str, str | list[str]],
        file: tuple[str, str, bytes] | None = None,
    ) -> Response:
        return self.request("POST", path, {**form, "csrfmiddlewaretoken": self.csrf_token()}, file)

    def csrf_token(self) -> str:
        if "csrftoken" not in self.cookies:
            self.get("/accounts/login/")
        return self.cookies["csrftoken"]

    def login(self, username: str, password: str) -> None:
        """Log in through the real form; Django answers a good log-in with a redirect."""
        self.get("/accounts/login/")
        response = self.post("/accounts/login/", {"username": username, "password": password})
        if response.status != 302 or "sessionid" not in self.cookies:
            raise HttpError(f"log-in as {username} failed: HTTP {response.status}")

    def page(self, path: str) -> str:
        """GET a page that must answer 200, and return its HTML."""
        response = self.get(path)
        if response.status != 200:
            raise HttpError(f"GET {path}: HTTP {response.status}, expected 200")
        return response.text

    def _keep_cookies(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def site_links(html: str, depth: int, under: str = "/") -> list[str]:
    """Same-site paths with exactly ``depth`` segments below ``under``, in page order, once."""
    parser = _LinkParser()
    parser.feed(html)
    found: list[str] = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        path = parts.path
        if parts.scheme or parts.netloc or not path.startswith(under) or not path.endswith("/"):
            continue
        if len([s for s in path.split("/") if s]) == depth and path not in found:
            found.append(path)
    return found


def enrol_action(html: str) -> tuple[str, int] | None:
    """The course page's enrol form (URL and course page id), if the officer is not enrolled."""
    match = ENROL_ACTION.search(html)
    return (match.group(1), int(match.group(2))) if match else None


def is_lesson(html: str) -> bool:
    """A lesson page (not a quiz) offers an officer who has not finished it a 'complete' form."""
    return COMPLETE_ACTION.search(html) is not None
