"""The page editor and quizzes: which saves a person made (Wagtail 8 autosaves drafts too)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .models import QuizPage
from .selectors import QUIZ_SAVED_ACTION
from .services import quiz_mark_saved


@hooks.register("register_log_actions")
def register_quiz_saved_action(actions):
    actions.register_action(QUIZ_SAVED_ACTION, _("Save quiz"), _("Quiz saved by a person"))


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def mark_quiz_saved_by_a_person(request, page):
    """The editor's autosave posts the same form but asks for JSON: only a save a person made
    (Save draft, Publish, Submit) asks for a page."""
    page = page.specific
    if isinstance(page, QuizPage) and request.accepts("text/html"):
        quiz_mark_saved(quiz=page, user=request.user)
