"""Published content in the trail: Wagtail logs every publish, unpublish and deletion of a page
or a question bank item with the user who did it (its ``PageLogEntry`` / ``ModelLogEntry``, in
the action's transaction); each such log entry made by a person becomes an audit entry. What
the node does by itself (its catalogue set up after migrate, a course bundle installed) is
logged by Wagtail without a user and is not a person's action: it is left out."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .services import audit_record

# Wagtail's log actions that change what learners see, and the audit action for each.
_PAGE_ACTIONS = {
    "wagtail.publish": "content.page_publish",
    "wagtail.publish.scheduled": "content.page_publish_scheduled",
    "wagtail.unpublish": "content.page_unpublish",
    "wagtail.delete": "content.page_delete",
}
_ITEM_ACTIONS = {
    "wagtail.create": "content.question_create",
    "wagtail.edit": "content.question_edit",
    "wagtail.publish": "content.question_publish",
    "wagtail.unpublish": "content.question_unpublish",
    "wagtail.delete": "content.question_delete",
}
_ITEM_MODELS = {("questionbank", "question")}


def content_logged(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if not created or instance.user_id is None:
        return
    if sender.__name__ == "PageLogEntry":
        action = _PAGE_ACTIONS.get(instance.action)
        subject = f"page:{instance.page_id}"
    else:
        content_type = instance.content_type
        if (content_type.app_label, content_type.model) not in _ITEM_MODELS:
            return
        action = _ITEM_ACTIONS.get(instance.action)
        subject = f"question:{instance.object_id}"
    if action is None:
        return
    with transaction.atomic():  # the action's own, when Wagtail logs inside one
        audit_record(
            actor=instance.user,
            action=action,
            subject=subject,
            after={"title": instance.label, "revision": instance.revision_id},
        )
