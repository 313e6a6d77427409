"""The site's navigation, contributed by the apps that own the pages.

``officers`` is a low layer: it cannot name higher apps' pages. Each app lists its own entries
on its ``AppConfig`` (``navigation = (NavEntry(...), ...)``); ``entries_for`` collects them
from every installed app, keeps those the user's role may see, and orders them. The context
processor (``context_processors.navigation``) renders them in ``base.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise

if TYPE_CHECKING:
    from .models import User


def signed_in(user: User) -> bool:
    return True


def coordinators(user: User) -> bool:
    """Coordinators and administrators."""
    return user.is_administrator or user.is_coordinator


def trainers(user: User) -> bool:
    """Trainers and administrators."""
    return user.is_administrator or user.is_trainer


@dataclass(frozen=True)
class NavEntry:
    """One link of the main navigation. ``url`` is a URL name, or a path beginning with "/"
    for a page Wagtail serves; ``order`` places it among every app's entries (10, 20, ...);
    ``shown_to`` says which signed-in users see it."""

    label: Promise | str
    url: str
    order: int
    shown_to: Callable[[User], bool] = signed_in

    def href(self) -> str:
        return self.url if self.url.startswith("/") else reverse(self.url)


def _all_entries() -> tuple[NavEntry, ...]:
    found = [
        entry for config in apps.get_app_configs() for entry in getattr(config, "navigation", ())
    ]
    return tuple(sorted(found, key=lambda entry: entry.order))


def entries_for(user: User | None) -> list[tuple[str, Promise | str]]:
    """(link, label) of each entry ``user`` sees, in order; none for a visitor not signed in."""
    if user is None or not user.is_authenticated:
        return []
    return [(entry.href(), entry.label) for entry in _all_entries() if entry.shown_to(user)]
