"""The "Course bundles" admin page, and content from bundles kept read-only at a post.

At a border post a course is headquarters' content: editing, publishing, moving, deleting or
adding pages inside it, or changing a question or certificate template that came with it,
would be overwritten by the next bundle and make the post differ from what headquarters
certifies. The hooks below refuse those admin actions with a message saying why.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from nodes.selectors import is_post
from officers.adminmenu import TrainersMenuItem

from . import views
from .selectors import from_bundle

app_name = "coursebundles_admin"

urlpatterns = [
    path("", views.admin_index, name="index"),
    path("<int:page_id>/download/", views.admin_download, name="download"),
]


@hooks.register("register_admin_urls")
def register_bundle_urls():
    return [path("bundles/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_bundles_menu_item():
    return TrainersMenuItem(
        gettext_lazy("Course bundles"),
        reverse("coursebundles_admin:index"),
        icon_name="download",
        order=265,
    )


def _refuse(request, what: str, to: str = ""):
    messages.error(
        request,
        _(
            "%(what)s came from headquarters in a course bundle and is read-only at this border "
            "post. Changes are made at headquarters and arrive with the next bundle."
        )
        % {"what": what},
    )
    return redirect(to or request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))


def _page_guard(request, page):
    if is_post() and from_bundle(page):
        parent = page.get_parent()
        to = reverse("wagtailadmin_explore", args=[parent.pk]) if parent else ""
        return _refuse(request, _("The page “%(title)s”") % {"title": page.title}, to)
    return None


for _hook in (
    "before_edit_page",
    "before_delete_page",
    "before_copy_page",
    "before_unpublish_page",
    "before_publish_page",
    "before_convert_alias_page",
):
    hooks.register(_hook, _page_guard)


@hooks.register("before_move_page")
def _guard_move(request, page, destination):
    return _page_guard(request, page) or _page_guard(request, destination)


@hooks.register("before_create_page")
def _guard_create(request, parent_page, page_class):
    return _page_guard(request, parent_page)


@hooks.register("before_edit_snippet")
def _guard_snippet_edit(request, instance):
    if is_post() and from_bundle(instance):
        return _refuse(request, _("“%(name)s”") % {"name": instance})
    return None


@hooks.register("before_delete_snippet")
def _guard_snippet_delete(request, instances):
    for instance in instances:
        if is_post() and from_bundle(instance):
            return _refuse(request, _("“%(name)s”") % {"name": instance})
    return None


@hooks.register("before_bulk_action")
def _guard_bulk(request, action_type, objects, action_class_instance):
    if action_type == "page" and is_post():
        for page in objects:
            if from_bundle(page):
                return _refuse(request, _("The page “%(title)s”") % {"title": page.title})
    return None
