"""The bank in Wagtail's admin: questions and categories as snippets, searchable and filterable."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Question, QuestionCategory


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    list_display = ["title", "category", "locale"]
    list_filter = ["category", "locale", "tags"]
    search_fields = ["title"]


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    list_display = ["name", "locale"]


class QuestionBankGroup(SnippetViewSetGroup):
    menu_label = "Question bank"
    menu_icon = "help"
    menu_order = 250
    items = (QuestionViewSet, QuestionCategoryViewSet)


register_snippet(QuestionBankGroup)
