"""The quiz engine: attempts, grading on the server, review, and statistics for trainers.

Stage of the flow: assess. An attempt is drawn from a ``QuizPage`` into a snapshot (the
questions, their order and their answer keys), stored with the attempt as an immutable record;
the officer sees only the presentation half. Grading is ``scoring.py``, a pure function. Sits
above content (``modules``, ``questionbank``) and below learner progress (``learning``).
"""

from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes"
    default_auto_field = "django.db.models.BigAutoField"
