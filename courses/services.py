"""Writes for the course catalogue."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Locale, Page, Site

from .models import CourseIndexPage


@transaction.atomic
def catalogue_ensure() -> CourseIndexPage:
    """Make sure the site's home is a course catalogue in the default language; return it.

    Idempotent. On a fresh install Wagtail's placeholder "Welcome" page is the home; it is
    replaced (if it has no children) by a catalogue, which becomes the default site's root.
    Locales for every configured content language are created too.
    """
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    default_locale = Locale.get_default()
    existing = CourseIndexPage.objects.filter(locale=default_locale).first()
    site = Site.objects.filter(is_default_site=True).first()
    if existing is None:
        root = Page.get_first_root_node()
        with override(default_locale.language_code):
            title = _("Courses")
        existing = root.add_child(
            instance=CourseIndexPage(title=title, slug="courses", locale=default_locale)
        )
        if site is not None and site.root_page.specific_class is Page:
            placeholder = site.root_page
            site.root_page = existing
            site.save()
            if not placeholder.get_children().exists():
                placeholder.delete()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=existing,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != existing.pk:
        site.root_page = existing
        site.save()
    return existing
