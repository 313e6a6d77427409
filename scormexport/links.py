"""Rewrite the URLs of a rendered page so it works inside a SCORM package.

Pure (no Django): the caller hands ``resolve``, which maps one URL of the platform to a URL
relative to the page inside the package, or None when the target cannot travel (a platform
page, another site). Such a link keeps its text and loses its ``href``; an embedded file that
cannot travel loses its ``src``, so nothing in the package points outside it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

# Templates and Wagtail's rich text write attributes in double quotes.
_ATTRIBUTE = re.compile(r'\s(href|src|poster|srcset)="([^"]*)"')


def _srcset(value: str, resolve: Callable[[str], str | None]) -> str | None:
    out = []
    for candidate in value.split(","):
        url, _, width = candidate.strip().partition(" ")
        target = resolve(url)
        if target is not None:
            out.append(f"{target} {width}".strip())
    return ", ".join(out) or None


def rewrite_urls(page: str, resolve: Callable[[str], str | None]) -> str:
    """``page`` with every href, src, poster and srcset resolved; ``#fragment`` links stay."""

    def replace(match: re.Match[str]) -> str:
        name, raw = match.group(1), html.unescape(match.group(2))
        if name == "href" and raw.startswith("#"):
            return match.group(0)
        target = _srcset(raw, resolve) if name == "srcset" else resolve(raw)
        if target is None:
            return ""
        return f' {name}="{html.escape(target)}"'

    return _ATTRIBUTE.sub(replace, page)
