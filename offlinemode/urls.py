"""The service worker and the web app manifest at the site's root (a service worker's scope is
its own path and below), and the offline endpoints under ``/offline/``."""

from django.urls import path

from . import queue_views, views

urlpatterns = [
    path("sw.js", views.service_worker, name="offline_sw"),
    path("manifest.webmanifest", views.web_manifest, name="offline_web_manifest"),
    path("offline/", views.on_this_device, name="offline_home"),
    path(
        "offline/courses/<int:course_id>/manifest.json",
        views.course_manifest,
        name="offline_course_manifest",
    ),
    path("offline/devices/", queue_views.device_register, name="offline_devices"),
    path("offline/activity/", queue_views.activity, name="offline_activity"),
    path(
        "offline/officers/<uuid:officer_uuid>/devices/", views.devices, name="offline_device_list"
    ),
    path(
        "offline/officers/<uuid:officer_uuid>/devices/<int:device_id>/withdraw/",
        views.device_withdraw,
        name="offline_device_withdraw",
    ),
]
