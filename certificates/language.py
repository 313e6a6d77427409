"""In which language a certificate is printed: a pure rule (no Django), the same for every path
that prints one (the officer's download, a coordinator's batch, ``print_certificates``).

The holder's preferred language where the course's certificate exists in it (a translation of
its certificate template, or, for a course without a template, a live translation of the
course, worded by the standard certificate text), else the course's own language. The
coordinator's or the worker's language never counts.
"""

from __future__ import annotations

from collections.abc import Collection


def certificate_language(
    *, preferred: str, available: Collection[str], course_language: str
) -> str:
    """``preferred`` if the certificate exists in it (``available``), else ``course_language``."""
    if preferred and preferred in available:
        return preferred
    return course_language
