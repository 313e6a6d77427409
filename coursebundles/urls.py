"""``/bundles/hub/``: the hub's endpoints for posts pulling course bundles (signed requests)."""

from django.urls import path

from . import views

app_name = "coursebundles"

urlpatterns = [
    path("hub/courses/", views.hub_courses, name="hub_courses"),
    path("hub/courses/<uuid:course_key>/bundle/", views.hub_bundle, name="hub_bundle"),
]
