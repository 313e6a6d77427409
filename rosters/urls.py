from django.urls import path

from . import views

app_name = "rosters"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("template.<str:fmt>", views.template, name="template"),
    path("<uuid:file_uuid>/", views.preview, name="preview"),
    path("<uuid:file_uuid>/confirm/", views.confirm, name="confirm"),
    path("<uuid:file_uuid>/discard/", views.discard, name="discard"),
    path("imports/<uuid:import_uuid>/", views.import_status, name="import"),
    path("passwords/<uuid:file_uuid>/pdf/", views.sheet_pdf, name="sheet_pdf"),
]
