"""The "Trainers" Wagtail group: what a trainer may do in the authoring admin."""

from __future__ import annotations

from django.contrib.auth.models import Group

TRAINER_GROUP = "Trainers"
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
TRAINER_MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


TRAINER_MODEL_PERMISSIONS = {
    "questionbank": (
        "add_question",
        "change_question",
        "delete_question",
        "view_question",
        "add_questioncategory",
        "change_questioncategory",
        "delete_questioncategory",
        "view_questioncategory",
    ),
    # Translate pages and snippets into any configured language (wagtail-localize, ADR 0015).
    "wagtail_localize": ("submit_translation",),
}


def trainer_group_ensure() -> Group:
    """The "Trainers" group: Wagtail admin access, pages under the root (author, publish,
    moderate), images and documents in the root collection, the question bank, and
    translation.
    Idempotent."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _created = Group.objects.get_or_create(name=TRAINER_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for app_label, codenames in TRAINER_MODEL_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in TRAINER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codenames in TRAINER_MEDIA_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )
    return group
