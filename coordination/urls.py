from django.urls import path

from . import views

app_name = "coordination"
urlpatterns = [
    path("", views.progress, name="progress"),
    path("officers/<uuid:officer_uuid>/", views.officer_detail, name="officer"),
    path("officers/<uuid:officer_uuid>/enrol/", views.officer_enrol, name="officer_enrol"),
    path("officers/<uuid:officer_uuid>/password/", views.officer_password, name="officer_password"),
]
