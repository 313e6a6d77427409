from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("my-certificates/", views.my_certificates, name="mine"),
    path("learning/transcript/", views.transcript_mine, name="transcript"),
    path(
        "coordinator/officers/<uuid:officer_uuid>/transcript/",
        views.transcript_officer,
        name="transcript_officer",
    ),
    path("certificates/<uuid:certificate_id>/pdf/", views.certificate_pdf, name="pdf"),
    path("coordinator/certificates/", views.coordinator_list, name="coordinator"),
    path(
        "coordinator/certificates/<uuid:certificate_id>/revoke/",
        views.coordinator_revoke,
        name="revoke",
    ),
    path("coordinator/certificates/print/", views.batch_new, name="batch_new"),
    path("coordinator/certificates/print/<uuid:job_id>/", views.batch_status, name="batch"),
    path(
        "coordinator/officers/<uuid:officer_uuid>/certificate/",
        views.coordinator_issue,
        name="issue",
    ),
]
