"""Signal receivers: a change to published content (a page, a revision, a snippet, an image, a
document, a SCORM package, a locale) notes a new content generation, so the hub's course list
is built again (``coursebundles.services.content_changed``). Thin: the write is the service's."""

from __future__ import annotations

from functools import cache

from .listing import content_changed


@cache
def _content_bases() -> tuple[type, ...]:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Revision, TranslatableMixin

    from scormpackages.models import ScormPackage

    return (
        TranslatableMixin,  # pages and the snippets a course uses
        Revision,
        Locale,
        get_image_model(),
        get_document_model(),
        ScormPackage,
    )


def content_saved_or_deleted(sender, **kwargs) -> None:
    """post_save and post_delete of any model: content only."""
    if isinstance(sender, type) and issubclass(sender, _content_bases()):
        content_changed()


def page_moved(sender, **kwargs) -> None:
    """A page moved in the tree (treebeard moves without saving the page)."""
    content_changed()
