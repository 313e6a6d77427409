"""Writes about officers: creating them, their role, password resets, language."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Agency, BorderPost, CoordinatorScope, Role, User
from .selectors import officer_is_in_scope

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
}


def trainer_group_ensure() -> Group:
    """The "Trainers" group: Wagtail admin access, pages under the root (author, publish,
    moderate), images and documents in the root collection, and the question bank.
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


@transaction.atomic
def officer_create(
    *,
    username: str,
    password: str,
    role: str = Role.LEARNER,
    full_name_native: str = "",
    full_name_latin: str = "",
    service_number: str = "",
    agency: Agency | None = None,
    rank: str = "",
    country: str = "",
    post: BorderPost | None = None,
    preferred_language: str = "",
) -> User:
    """Create a user with a role. Trainers join Wagtail's editor groups; administrators are
    superusers. The password is not validated here (demo and import set known ones)."""
    user = User(
        username=username,
        role=role,
        full_name_native=full_name_native,
        full_name_latin=full_name_latin,
        service_number=service_number,
        agency=agency,
        rank=rank,
        country=country or (post.country if post else ""),
        post=post,
        preferred_language=preferred_language,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    officer_set_role(user=user, role=role)
    return user


@transaction.atomic
def officer_set_role(*, user: User, role: str) -> None:
    """Give ``user`` a role and exactly the Django/Wagtail privileges that go with it."""
    user.role = role
    user.is_superuser = role == Role.ADMINISTRATOR
    user.is_staff = role == Role.ADMINISTRATOR  # Django admin; trainers use Wagtail only
    user.save(update_fields=["role", "is_superuser", "is_staff"])
    if role == Role.TRAINER:
        user.groups.add(trainer_group_ensure())
    else:
        user.groups.remove(*Group.objects.filter(name=TRAINER_GROUP))
    if role != Role.COORDINATOR:
        user.scopes.all().delete()


def officer_lock(*, officer: User) -> None:
    """Lock ``officer``'s row until the caller's transaction ends, so one officer's writes
    (records, attempts, certificates) happen one at a time and "record once" checks cannot race.
    PostgreSQL locks the row; SQLite's IMMEDIATE transactions already serialise writers.
    Precondition: inside ``transaction.atomic()``."""
    User.objects.select_for_update().filter(pk=officer.pk).exists()


def coordinator_scope_add(
    *, coordinator: User, country: str = "", post: BorderPost | None = None
) -> CoordinatorScope:
    if coordinator.role != Role.COORDINATOR:
        raise ValidationError(_("Only a coordinator has a scope."))
    scope, _created = CoordinatorScope.objects.get_or_create(
        coordinator=coordinator, country="" if post else country, post=post
    )
    return scope


def officer_password_reset(*, actor: User, officer: User, new_password: str) -> None:
    """Set a new password for ``officer`` on behalf of ``actor`` and lift any lock-out.

    Precondition: ``actor`` is an administrator or a coordinator with ``officer`` in scope;
    otherwise PermissionDenied. Raises ValidationError if the password is too weak.
    """
    if not officer_is_in_scope(viewer=actor, officer=officer):
        raise PermissionDenied
    validate_password(new_password, user=officer)
    officer.set_password(new_password)
    officer.save(update_fields=["password"])
    axes_reset(username=officer.username)


def officer_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
