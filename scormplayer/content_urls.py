"""The content origin's whole URL map (``middleware.ContentOriginMiddleware`` selects it)."""

from django.urls import re_path

from . import commit_views, views

app_name = "scormcontent"
urlpatterns = [
    re_path(r"^scorm-runtime/sw\.js$", views.content_worker, name="content_worker"),
    re_path(
        r"^scorm-runtime/(?P<package_id>[A-Za-z0-9_-]{1,64})/(?P<version>[0-9]{1,9})/"
        r"(?P<token>[A-Za-z0-9_.-]{1,512})/save/$",
        views.save_document,
        name="save",
    ),
    re_path(
        r"^scorm-content/(?P<package_id>[A-Za-z0-9_-]{1,64})/(?P<version>[0-9]{1,9})/"
        r"(?P<token>[A-Za-z0-9_.-]{1,512})/(?P<path>.+)$",
        views.package_file,
        name="package_file",
    ),
    re_path(
        r"^scorm-runtime/(?P<package_id>[A-Za-z0-9_-]{1,64})/(?P<version>[0-9]{1,9})/"
        r"(?P<token>[A-Za-z0-9_.-]{1,512})/(?P<sco_index>[0-9]{1,6})/$",
        views.runtime,
        name="runtime",
    ),
    re_path(
        r"^scorm-runtime/(?P<package_id>[A-Za-z0-9_-]{1,64})/(?P<version>[0-9]{1,9})/"
        r"(?P<token>[A-Za-z0-9_.-]{1,512})/commit/$",
        commit_views.commit,
        name="commit",
    ),
]

handler400 = views.plain_error(400, "Bad request")
handler403 = views.plain_error(403, "Forbidden")
handler404 = views.plain_error(404, "Not found")
handler500 = views.plain_error(500, "Server error")
