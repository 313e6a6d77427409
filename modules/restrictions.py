"""Wagtail's view restrictions of a page, without its two queries when nothing restricts it.

Wagtail checks, on every page it serves (its ``check_view_restrictions`` hook), the view
restrictions of the page and of each ancestor: one query for the ancestors, one for the
restrictions, on every request, a lesson page's kept copy included (ADR 0037). Where pages sit
is content: the paths of the pages that have a restriction and of the alias pages (whose
restrictions are their source's) are kept in the content cache (``modules.contentcache``), and
a page none of whose ancestors is one of them has no restriction, known without a query. Any
other page is asked about as Wagtail asks.

A restriction saved or deleted, and an alias page saved, renew the content generation (the
receivers in ``modules.apps``), as a publish, move or delete of a page does: a restriction added
applies from the next request on, as it did before.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction

from .contentcache import content_cached


def _marked_paths() -> tuple[frozenset[str], frozenset[str]]:
    """The tree paths of the pages with a view restriction, and of the alias pages."""
    restricted = frozenset(
        PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
    )
    aliases = frozenset(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return restricted, aliases


def may_be_restricted(page: Page) -> bool:
    """Whether a view restriction may apply to ``page``: it or an ancestor has one, or is an
    alias (then only Wagtail's own walk resolves it)."""
    restricted, aliases = content_cached(("view-restrictions",), _marked_paths)
    steps = Page.steplen
    lineage = {page.path[:end] for end in range(steps, len(page.path) + 1, steps)}
    return not lineage.isdisjoint(restricted) or not lineage.isdisjoint(aliases)


class CachedViewRestrictionsMixin:
    """For a page model: ``get_view_restrictions`` answers "none" without a query when
    ``may_be_restricted`` says so, and is Wagtail's own otherwise."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        if not may_be_restricted(self):  # type: ignore[arg-type]
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]
