"""The content origin's name as settings give it, and as requests name it: pure, no Django."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}

# What content on the content origin may do, in the player's <iframe sandbox> and in the CSP
# ``sandbox`` of every launch document and package file (ADR 0024): scripts, its own origin
# (frames of one package reach each other and the API), forms, pop-ups, downloads and the
# browser's alert/confirm dialogs (packages ask "resume where you left off?" with confirm()).
# Never top navigation: the content cannot take the platform's page away.
SANDBOX = "allow-scripts allow-same-origin allow-forms allow-popups allow-downloads allow-modals"


def origin_host(origin: str) -> str:
    """The ``Host`` header a browser sends for ``origin`` ("scheme://host[:port]", nothing
    after it): lower case, the port left out when it is the scheme's default, as browsers do.
    ``ValueError`` names what is wrong with a setting that is not such an origin."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) origin: {origin!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"an origin is scheme://host[:port] with nothing after it: {origin!r}")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or port == DEFAULT_PORTS[parts.scheme]:
        return host
    return f"{host}:{port}"


def origin_of(origin: str) -> str:
    """``origin`` as a browser writes it in an ``Origin`` header or a CSP source."""
    return f"{urlsplit(origin.strip()).scheme}://{origin_host(origin)}"
