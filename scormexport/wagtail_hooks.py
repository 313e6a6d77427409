"""The admin's "Export as SCORM" page and menu item (trainers and administrators), and an
"Export as SCORM" button on each course in the page explorer for those who may edit it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button

from courses.models import CoursePage
from officers.adminmenu import TrainersMenuItem

from . import views

app_name = "scormexport_admin"

urlpatterns = [path("", views.admin_export, name="export")]


@hooks.register("register_admin_urls")
def register_export_urls() -> list[Any]:
    return [path("scorm/export/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_export_menu_item() -> TrainersMenuItem:
    return TrainersMenuItem(
        gettext_lazy("Export as SCORM"),
        reverse("scormexport_admin:export"),
        icon_name="download",
        order=267,
    )


def _export_button(page: Any, user: Any, priority: int) -> Iterator[Button]:
    may = getattr(user, "is_administrator", False) or getattr(user, "is_trainer", False)
    specific = page.specific_deferred
    if not (isinstance(specific, CoursePage) and may and page.live):
        return
    if page.permissions_for_user(user).can_edit():
        course = specific.get_default_locale_page() or page
        yield Button(
            gettext_lazy("Export as SCORM"),
            f"{reverse('scormexport_admin:export')}?course={course.pk}",
            icon_name="download",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def course_listing_export_button(
    page: Any, user: Any, next_url: str | None = None
) -> Iterator[Button]:
    yield from _export_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def course_header_export_button(
    page: Any, user: Any, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    yield from _export_button(page, user, priority=45)
