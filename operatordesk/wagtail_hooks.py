"""The operator's page under /admin/operator/, with a menu item for administrators.

Until issue 11 the page lived under /admin/transfers/; those addresses (bookmarks, a browser's
history) are sent on to the same page here."""

from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, include, path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

app_name = "operatordesk"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/<str:kind>/", views.start, name="start"),
    path("<uuid:job_id>/", views.job, name="job"),
]


class _MovedFromTransfers(RedirectView):
    """/admin/transfers/<rest> to /admin/operator/<rest>, query string kept."""

    def get_redirect_url(self, *args, **kwargs) -> str:
        query = self.request.META.get("QUERY_STRING", "")
        return reverse("operatordesk:index") + kwargs["rest"] + (f"?{query}" if query else "")


@hooks.register("register_admin_urls")
def register_operator_urls() -> list[URLPattern | URLResolver]:
    return [
        path("operator/", include((urlpatterns, app_name), namespace=app_name)),
        re_path(r"^transfers/(?P<rest>.*)$", _MovedFromTransfers.as_view()),
    ]


class OperatorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return getattr(request.user, "is_administrator", False)


@hooks.register("register_admin_menu_item")
def register_operator_menu_item() -> MenuItem:
    return OperatorMenuItem(
        _("USB and sync"), reverse("operatordesk:index"), icon_name="download", order=270
    )
