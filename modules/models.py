"""Module, lesson and quiz pages. Structure only; progress lives in ``learning``."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.routing import LocaleFallbackRouteMixin

from .blocks import LessonBodyBlock


class ModulePage(LocaleFallbackRouteMixin, Page):
    """A module of a course: a few lessons and the quiz that closes it."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["modules.LessonPage", "modules.QuizPage"]
    template = "modules/module_page.html"

    class Meta:
        verbose_name = _("module")


class LessonPage(Page):
    """One lesson: a short page an officer reads in a sitting."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["modules.ModulePage"]
    subpage_types: list[str] = []
    template = "modules/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")


class QuizPage(Page):
    """The quiz that closes a module. The question engine is a later stage; this holds the
    settings the foundation needs (introduction and pass mark)."""

    intro = models.TextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("pass_mark")]
    parent_page_types = ["modules.ModulePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "modules/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")
