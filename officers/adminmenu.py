"""Admin menu items shown by role: the Wagtail admin's menu asks ``is_shown`` per request, and the
pages behind these items check the same role in their views."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem


class TrainersMenuItem(MenuItem):
    """A menu item for trainers and administrators only."""

    def is_shown(self, request: HttpRequest) -> bool:
        user = request.user
        return getattr(user, "is_administrator", False) or getattr(user, "is_trainer", False)
