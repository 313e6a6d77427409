"""Template tags for content pages: a lesson's body (cached per revision and language) and a
page's language."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from modules.contentcache import content_cached
from modules.selectors import language_of

register = template.Library()

# Blocks whose HTML is the reader's own (a knowledge check's form carries the CSRF token and the
# answer the officer last tried): rendered on every view, never cached.
_LIVE_BLOCKS = {"check"}


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's body as a list of parts, each (HTML, None): rendered once per page revision
    and language (``modules.contentcache``), or (None, block): a block to render for this
    reader (``{% include_block %}``). A preview renders the draft it shows, uncached."""

    def rendered() -> list:
        return [
            index
            if block.block_type in _LIVE_BLOCKS
            else str(block.render_as_block({"page": page, "block_id": block.id}))
            for index, block in enumerate(page.body)
        ]

    request = context.get("request")
    if getattr(request, "is_preview", False) or not page.live_revision_id:
        parts = rendered()  # a draft in the editor's preview is not the live revision
    else:
        parts = content_cached(
            ("body", page.pk, page.live_revision_id, get_language() or ""), rendered
        )
    # (HTML, None) or (None, block): a template asking a string for ``block_type`` would pay a
    # failed lookup (an exception and a dir()) per part on every view.
    return [
        (None, page.body[part]) if isinstance(part, int) else (mark_safe(part), None)  # noqa: S308 - HTML we rendered from the page
        for part in parts
    ]


@register.filter
def page_language(page) -> str:
    """``page``'s language code for a ``lang`` attribute, without a query once cached."""
    return language_of(page)
