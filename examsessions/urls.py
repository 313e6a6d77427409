from django.urls import path

from . import views

app_name = "examsessions"
urlpatterns = [
    path("coordinator/exams/", views.session_list, name="list"),
    path("coordinator/exams/open/", views.session_open, name="open"),
    path("coordinator/exams/<uuid:session_id>/", views.session_detail, name="detail"),
    path("coordinator/exams/<uuid:session_id>/screen/", views.room_screen, name="screen"),
    path("coordinator/exams/<uuid:session_id>/admit/", views.session_admit, name="admit"),
    path("coordinator/exams/<uuid:session_id>/extend/", views.session_extend, name="extend"),
    path("coordinator/exams/<uuid:session_id>/close/", views.session_close, name="close"),
    path("coordinator/exams/<uuid:session_id>/roster.pdf", views.roster_pdf, name="roster"),
    path("learn/quizzes/<int:quiz_id>/session/", views.check_in, name="check_in"),
]
