"""Quiz statistics in Wagtail's admin: the URLs under /admin/quiz-stats/ and a menu item.

Wagtail wraps every admin URL in ``require_admin_access``; the views say so again themselves.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

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
