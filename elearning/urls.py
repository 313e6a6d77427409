"""The URL map. Wagtail's page tree is last: everything else is matched first."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from modules import routes as page_routes
from officers import views as officer_views

from .mediafiles import media_serve

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/login/", officer_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", officer_views.PasswordChangeView.as_view(), name="password_change"),
    path("language/", officer_views.set_language, name="set_language"),
    path("nodes/", include("nodes.urls")),
    path("sync/", include("recordsync.urls")),
    path("bundles/", include("coursebundles.urls")),
    path("", include("certificates.urls")),
    path("coordinator/", include("coordination.urls")),
    path("coordinator/officers/import/", include("rosters.urls")),
    path("coordinator/assignments/", include("assignments.urls")),
    path("", include("examsessions.urls")),
    path("", include("learning.urls")),
    path("", include("offlinemode.urls")),
    # Uploaded media (images, local video and audio, documents), for logged-in users only: the
    # course material is for officers. A border post has no separate web server; a hub behind a
    # proxy or on object storage serves these there instead (with the same restriction). Video
    # and audio are answered in byte ranges, so officers can seek.
    re_path(r"^media/(?P<path>.*)$", media_serve),
    # Wagtail's page serving, with routes from the content cache (modules.routes).
    re_path(serve_pattern, page_routes.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
