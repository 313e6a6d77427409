"""One page of a long list, for staff pages that list officers or certificates by the
thousand: the page asked for (a bad or too high number gives the nearest page), "showing X-Y of
Z", and links that keep the rest of the query string (filters, search); the one-box search
form such a list offers (``SearchForm``)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

PER_PAGE = 50


class SearchForm(forms.Form):
    """One search box (``q``) over a list; the list's selector says what it matches."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def search(self) -> str:
        """The words to search for: the box's cleaned text, or nothing when it is not valid
        (too long), so the list shows every row rather than an error."""
        return self.cleaned_data["q"] if self.is_valid() else ""


@dataclass(frozen=True)
class Listing:
    """The page shown and what the pager (``includes/pager.html``) needs."""

    page: Page
    page_range: list  # page numbers with Paginator.ELLIPSIS where some are left out
    query: str  # the query string without ``page``, to prefix each page link

    @property
    def showing(self) -> tuple[int, int, int]:
        """(first, last, total) of the rows shown, counting from 1; (0, 0, 0) when empty."""
        count = self.page.paginator.count
        if not count:
            return (0, 0, 0)
        return (self.page.start_index(), self.page.end_index(), count)


def contains(word: str, fields: tuple[str, ...]) -> Q:
    """One of ``fields`` contains ``word`` (case aside, in any script)."""
    anywhere = Q()
    for name in fields:
        anywhere |= Q(**{f"{name}__icontains": word})
    return anywhere


def matching(rows: QuerySet, search: str, fields: tuple[str, ...]) -> QuerySet:
    """``rows`` where, for every word of ``search``, one of ``fields`` contains it (case aside,
    in any script); all of ``rows`` for an empty search."""
    for word in search.split():
        rows = rows.filter(contains(word, fields))
    return rows


def listing(
    *, rows: QuerySet | list, number: str | None, params: QueryDict, per_page: int = PER_PAGE
):
    """The page ``number`` of ``rows`` (an ordered queryset, or a list already read): two
    queries, a count and the page's rows, whatever the page and the number of rows."""
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(number)
    kept = params.copy()
    kept.pop("page", None)
    return Listing(
        page=page,
        page_range=list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        query=kept.urlencode(),
    )
