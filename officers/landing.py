"""Where each role lands after logging in without an explicit ``next``: a pure rule (no Django)
from the role to a URL name, so the log-in view, its tests and the docs agree."""

from __future__ import annotations

LANDING = {
    "trainer": "wagtailadmin_home",  # authoring: the Wagtail admin
    "administrator": "wagtailadmin_home",
    "coordinator": "coordination:progress",  # their dashboard: officers' progress
    "learner": "my_learning",
}


def landing_url_name(*, role: str, is_superuser: bool = False) -> str:
    """The URL name a user of ``role`` lands on; a superuser is an administrator, and an
    unknown role is treated as an officer's (My learning)."""
    if is_superuser:
        role = "administrator"
    return LANDING.get(role, LANDING["learner"])
