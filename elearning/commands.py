"""What the operator commands that serve no page share."""

from __future__ import annotations

from django.core.checks import Tags
from django.core.checks.registry import registry

# Checks of what only pages use. The URL checks import every URL module (Wagtail's admin,
# the APIs): about 0.8 s of a command's 2 s start-up on the 2-core bench machine.
PAGE_TAGS = frozenset({Tags.urls, Tags.admin, Tags.templates, Tags.staticfiles})


def checks_without_pages() -> list[str]:
    """The system-check tags a command that serves no page runs (``requires_system_checks``):
    every registered tag but those of pages, so the checks of models, the database, caches,
    security and the project's own still run before it works."""
    return sorted(registry.tags_available() - PAGE_TAGS)
