"""The "SCORM packages" admin page, for trainers and administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from officers.adminmenu import TrainersMenuItem

from . import views

app_name = "scormpackages_admin"

urlpatterns = [path("", views.admin_index, name="index")]


@hooks.register("register_admin_urls")
def register_scorm_urls():
    return [path("scorm/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_scorm_menu_item():
    return TrainersMenuItem(
        gettext_lazy("SCORM packages"),
        reverse("scormpackages_admin:index"),
        icon_name="folder-open-inverse",
        order=266,
    )
