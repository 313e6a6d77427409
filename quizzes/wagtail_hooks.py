"""Quizzes in Wagtail's admin: the statistics (URLs under /admin/quiz-stats/ and a menu item),
and a warning to the trainer who saves a quiz that shows answers while attempts remain.

Wagtail wraps every admin URL in ``require_admin_access``; the views say so again themselves.
"""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from modules.models import QuizPage

from . import admin_views
from .review import answers_before_last_attempt

app_name = "quiz_stats"

urlpatterns = [
    path("", admin_views.quiz_list, name="index"),
    path("<int:quiz_id>/", admin_views.quiz_detail, name="quiz"),
    path("<int:quiz_id>/questions.csv", admin_views.quiz_questions_csv, name="questions_csv"),
    path("course/<int:course_id>/gain/", admin_views.course_gain, name="course_gain"),
    path("course/<int:course_id>/gain.csv", admin_views.course_gain_csv, name="course_gain_csv"),
]


@hooks.register("register_admin_urls")
def register_quiz_statistics_urls():
    return [path("quiz-stats/", include((urlpatterns, app_name), namespace=app_name))]


class QuizStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_quiz_statistics_menu_item():
    return QuizStatisticsMenuItem(
        _("Quiz statistics"), reverse("quiz_stats:index"), icon_name="table", order=260
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_answers_shown_while_attempts_remain(request, page):
    """Saving or publishing a quiz whose review shows the correct answers after every attempt,
    with more than one attempt allowed: say what that means (a warning, not a refusal)."""
    page = page.specific
    if not isinstance(page, QuizPage):
        return
    if answers_before_last_attempt(option=page.review, max_attempts=page.max_attempts):
        messages.warning(
            request,
            _(
                "“%(title)s” shows the correct answers after every attempt and allows more than "
                "one: an officer can submit a blank attempt, read the answers and pass the next "
                "one. To prevent that, choose “only after a pass or the last attempt” under "
                "“After submitting”."
            )
            % {"title": page.title},
        )
