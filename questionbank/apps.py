"""The question bank: questions trainers write once and use in several quizzes.

Stage of the flow: author. Questions are Wagtail snippets, translatable like pages, filed in
categories and tagged; each holds one question block of a type from ``blocks.py``. The same
blocks serve a quiz's own questions and lessons' knowledge checks' successors. Grading lives in
``quizzes``; this app only describes questions.
"""

from django.apps import AppConfig


class QuestionbankConfig(AppConfig):
    name = "questionbank"
    verbose_name = "Question bank"
    default_auto_field = "django.db.models.BigAutoField"
