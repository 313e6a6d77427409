"""The bank in Wagtail's admin: questions and categories as snippets, searchable and filterable."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Question, QuestionCategory


class QuestionFilterSet(WagtailFilterSet):
    tag = django_filters.CharFilter(field_name="tags__name", label=_("Tag"), distinct=True)

    class Meta:
        model = Question
        fields = ["category", "locale"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    list_display = ["title", "category", "locale"]
    filterset_class = QuestionFilterSet
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
