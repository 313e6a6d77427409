from django.urls import path

from . import audit_views, views

app_name = "coordination"
urlpatterns = [
    path("audit/", audit_views.audit_trail, name="audit"),
    path("", views.progress, name="progress"),
    path("officers/<uuid:officer_uuid>/", views.officer_detail, name="officer"),
    path("officers/<uuid:officer_uuid>/enrol/", views.officer_enrol, name="officer_enrol"),
    path("officers/<uuid:officer_uuid>/password/", views.officer_password, name="officer_password"),
]
