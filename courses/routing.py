"""Language fallback when routing a URL through the page tree.

URLs carry no language prefix. Wagtail routes a request through the tree of the active
language; where that tree lacks a page (not translated, or a translation not yet published) we
route through the default language's tree instead, so an officer always reaches the lesson,
in their language when it exists and in the original otherwise.

Wagtail's routing reads two queries per level of the tree (a lesson is three levels below the
catalogue); a page whose URL path is found live in one query is served from it directly, as
Wagtail's routing would have, and anything else (a missing or draft page, a page type with its
own routing) takes Wagtail's way with the fallback.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.models import Locale, Page
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

# The fallback finds a page by the same path in the original's tree, so a translation keeps its
# original's slug: wagtail-localize copies it and offers it neither for translation nor for
# change (ADR 0004, ADR 0015). Every page type of a course declares it.
SAME_SLUG_IN_EVERY_LANGUAGE = (SynchronizedField("slug", overridable=False),)


class LocaleFallbackRouteMixin:
    override_translatable_fields = SAME_SLUG_IN_EVERY_LANGUAGE

    def route(self, request, path_components):
        if path_components:
            found = self._route_by_url_path(path_components)
            if found is not None:
                return found
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            original = self.get_default_locale_page()
            if original is None:
                raise
            return original.specific.route(request, path_components)

    def get_default_locale_page(self) -> Page | None:
        default_locale = Locale.get_default()
        if self.locale_id == default_locale.pk:
            return None
        return self.get_translation_or_none(default_locale)

    def _route_by_url_path(self, path_components) -> RouteResult | None:
        """The live page at ``path_components`` below this one, in two queries whatever its
        depth, when Wagtail's own routing would end on it too; else None."""
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.filter(path__startswith=self.path, url_path=url_path).first()
        if page is None or not page.live:
            return None
        page = page.specific
        if type(page).route not in (Page.route, LocaleFallbackRouteMixin.route):
            return None
        return RouteResult(page)
