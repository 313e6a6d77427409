from django.urls import path

from . import audit_views, views

app_name = "coordination"
urlpatterns = [
    path("audit/", audit_views.audit_trail, name="audit"),
    path("", views.progress, name="progress"),
    path("export.<str:extension>", views.progress_export, name="progress_export"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:key>.<str:extension>", views.dashboard_export, name="dashboard_export"),
    path(
        "certificates/export.<str:extension>",
        views.certificates_export,
        name="certificates_export",
    ),
    path(
        "assignments/export.<str:extension>",
        views.assignments_export,
        name="assignments_export",
    ),
    path("exams/export.<str:extension>", views.exam_sessions_export, name="exam_sessions_export"),
    path("cohorts/export.<str:extension>", views.cohorts_export, name="cohorts_export"),
    path("renewals/export.<str:extension>", views.renewals_export, name="renewals_export"),
    path("officers/<uuid:officer_uuid>/", views.officer_detail, name="officer"),
    path("officers/<uuid:officer_uuid>/enrol/", views.officer_enrol, name="officer_enrol"),
    path("officers/<uuid:officer_uuid>/password/", views.officer_password, name="officer_password"),
]
