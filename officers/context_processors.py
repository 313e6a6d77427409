"""Navigation entries for the logged-in user's role."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items.append((reverse("my_learning"), _("My learning")))
        items.append(("/", _("Courses")))
        items.append((reverse("certificates:mine"), _("My certificates")))
        if user.is_administrator or user.is_coordinator:
            items.append((reverse("coordination:progress"), _("Officers' progress")))
            items.append((reverse("certificates:coordinator"), _("Certificates")))
        if user.is_administrator or user.is_trainer:
            items.append((reverse("wagtailadmin_home"), _("Authoring")))
    languages = dict(settings.LANGUAGES)
    return {
        "nav_items": items,
        "interface_languages": settings.LANGUAGES,
        "current_language_name": languages.get(get_language(), get_language()),
    }
