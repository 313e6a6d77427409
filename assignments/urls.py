from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("", views.assignment_list, name="list"),
    path("assign/", views.assignment_create, name="assign"),
    path(
        "officers/<uuid:officer_uuid>/courses/<uuid:course_key>/",
        views.assignment_change,
        name="change",
    ),
    path("cohorts/", views.cohorts, name="cohorts"),
    path("cohorts/<uuid:cohort_uuid>/", views.cohort_detail, name="cohort"),
    path("cohorts/<uuid:cohort_uuid>/add/", views.cohort_members_add, name="cohort_add"),
    path(
        "cohorts/<uuid:cohort_uuid>/remove/<uuid:officer_uuid>/",
        views.cohort_member_remove,
        name="cohort_remove",
    ),
    path("cohorts/<uuid:cohort_uuid>/rename/", views.cohort_rename, name="cohort_rename"),
    path("cohorts/<uuid:cohort_uuid>/assign/", views.cohort_assign, name="cohort_assign"),
    path(
        "cohorts/<uuid:cohort_uuid>/withdraw/<uuid:course_key>/",
        views.cohort_course_withdraw,
        name="cohort_withdraw",
    ),
    path("certificates-expiring/", views.expiring, name="expiring"),
]
