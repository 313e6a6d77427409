"""The operator's page under /admin/transfers/, with a menu item for administrators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

app_name = "transfers"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/<str:kind>/", views.start, name="start"),
    path("<uuid:job_id>/", views.job, name="job"),
]


@hooks.register("register_admin_urls")
def register_transfer_urls():
    return [path("transfers/", include((urlpatterns, app_name), namespace=app_name))]


class TransfersMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request.user, "is_administrator", False)


@hooks.register("register_admin_menu_item")
def register_transfers_menu_item():
    return TransfersMenuItem(
        _("USB and sync"), reverse("transfers:index"), icon_name="download", order=270
    )
