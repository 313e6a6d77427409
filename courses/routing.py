"""Language fallback when routing a URL through the page tree.

URLs carry no language prefix. Wagtail routes a request through the tree of the active
language; where that tree lacks a page (not translated, or a translation not yet published) we
route through the default language's tree instead, so an officer always reaches the lesson,
in their language when it exists and in the original otherwise.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.models import Locale, Page


class LocaleFallbackRouteMixin:
    def route(self, request, path_components):
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
