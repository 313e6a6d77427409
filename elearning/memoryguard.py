"""A node at its memory limit refuses new requests with a clear answer, rather than being
killed by the kernel in the middle of one.

A post runs inside a memory limit (a systemd unit's ``MemoryMax``, a container's limit: a
cgroup). When the memory its processes hold for themselves (anonymous memory: the page cache
does not count, the kernel gives it back) passes ``ELEARNING_MEMORY_REFUSE_AT`` of that limit,
each new request is answered 503 with ``Retry-After`` before any view runs, so nothing is
half-written; gunicorn meanwhile replaces a worker that has grown (elearning/serverhooks.py).
Outside any limit the guard is off and costs nothing; inside one it reads the group's
``memory.stat`` at most once every ``CHECK_SECONDS`` (a read costs about as much as a cached
page), and requests in between are answered by the last reading.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

CGROUP_ROOT = Path("/sys/fs/cgroup")
UNLIMITED = 1 << 60  # cgroup v1 says "no limit" with a number near 2**63
RETRY_AFTER_SECONDS = 60
CHECK_SECONDS = 1.0


def own_memory_cgroup(proc_cgroup: str = "/proc/self/cgroup") -> Path | None:
    """The folder of this process's memory cgroup (v1 ``memory`` controller, else v2)."""
    try:
        lines = Path(proc_cgroup).read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _number, controllers, path = line.split(":", 2)
        if "memory" in controllers.split(","):
            return CGROUP_ROOT / "memory" / path.lstrip("/")
    for line in lines:
        if line.startswith("0::"):
            return CGROUP_ROOT / line[3:].lstrip("/")
    return None


def _stat(group: Path, key: str) -> int:
    for line in (group / "memory.stat").read_text().splitlines():
        name, _, value = line.partition(" ")
        if name == key:
            return int(value)
    return 0


def memory_limit(group: Path) -> int | None:
    """The group's limit in bytes, or None where there is none (or no such group)."""
    for name in ("memory.limit_in_bytes", "memory.max"):  # v1, v2
        try:
            text = (group / name).read_text().strip()
        except OSError:
            continue
        limit = UNLIMITED if text == "max" else int(text)
        return limit if limit < UNLIMITED else None
    return None


def memory_held(group: Path) -> int:
    """Anonymous memory the group's processes hold (v1 ``total_rss``, v2 ``anon``)."""
    if (group / "memory.limit_in_bytes").exists():
        return _stat(group, "total_rss")
    return _stat(group, "anon")


class MemoryGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.group: Path | None = None
        self.refuse_at = 0
        fraction = settings.ELEARNING_MEMORY_REFUSE_AT
        configured = settings.ELEARNING_MEMORY_CGROUP
        group = Path(configured) if configured else own_memory_cgroup()
        limit = memory_limit(group) if group is not None and fraction > 0 else None
        if limit is not None:
            self.group, self.refuse_at = group, int(limit * fraction)
        self.checked_at = float("-inf")
        self.short = False

    def short_of_memory(self) -> bool:
        """Whether the group holds ``refuse_at`` or more, read at most once a second."""
        if self.group is None:
            return False
        now = time.monotonic()
        if now - self.checked_at >= CHECK_SECONDS:
            self.short = memory_held(self.group) >= self.refuse_at
            self.checked_at = now
        return self.short

    def __call__(self, request):
        if self.short_of_memory():
            return HttpResponse(
                _(
                    "This server is short of memory and did not take your request: nothing "
                    "was changed. Please try again in a minute."
                ),
                status=503,
                content_type="text/plain; charset=utf-8",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        return self.get_response(request)
