"""Modules, lessons and quizzes: the pages inside a course, and the blocks lessons are made of.

Stage of the flow: author. A ``ModulePage`` holds ``LessonPage``s and its ``QuizPage``. Lesson
bodies are StreamFields of blocks that serve slow links: small image renditions, local video and
audio only, no embed from another host.
"""

from django.apps import AppConfig


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = "Modules and lessons"
    default_auto_field = "django.db.models.BigAutoField"
