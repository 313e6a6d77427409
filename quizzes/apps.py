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

    def ready(self):
        # Whether a knowledge check also serves a graded quiz (selectors.graded_fingerprints)
        # is cached per content generation: a change to the bank starts a new one, as a publish
        # does (modules.apps).
        from django.db.models.signals import post_delete, post_save

        from modules.contentcache import content_changed
        from questionbank.models import Question, QuestionCategory

        def changed(**kwargs):
            content_changed()

        for model in (Question, QuestionCategory):
            for signal in (post_save, post_delete):
                signal.connect(
                    changed,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"quizzes.bank.{id(signal)}.{model.__name__}",
                )
