from django.urls import path

from . import quiz_views, views

urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path("learn/courses/<int:course_id>/enrol/", views.enrol, name="course_enrol"),
    path("learn/lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path(
        "learn/lessons/<int:lesson_id>/check/<str:block_id>/",
        views.lesson_check,
        name="lesson_check",
    ),
    path("learn/quizzes/<int:quiz_id>/start/", quiz_views.quiz_start, name="quiz_start"),
    path("learn/attempts/<uuid:attempt_id>/", quiz_views.quiz_attempt, name="quiz_attempt"),
    path("learn/attempts/<uuid:attempt_id>/result/", quiz_views.quiz_result, name="quiz_result"),
]
