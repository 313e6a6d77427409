from django.urls import path

from . import views

urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path("learn/courses/<int:course_id>/enrol/", views.enrol, name="course_enrol"),
    path("learn/lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
]
