"""Navigation entries for the logged-in user's role, and the interface languages."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from .navigation import entries_for


def navigation(request: HttpRequest) -> dict[str, object]:
    languages = dict(settings.LANGUAGES)
    return {
        "nav_items": entries_for(getattr(request, "user", None)),
        "interface_languages": settings.LANGUAGES,
        "current_language_name": languages.get(get_language(), get_language()),
    }
