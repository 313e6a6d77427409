"""Module, lesson and quiz pages. Structure only; progress lives in ``learning``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.routing import SAME_SLUG_IN_EVERY_LANGUAGE, LocaleFallbackRouteMixin
from questionbank.blocks import QUESTION_BLOCKS_BY_TYPE

from .blocks import LessonBodyBlock


class ModulePage(LocaleFallbackRouteMixin, Page):
    """A module of a course: a few lessons and the quiz that closes it."""

    summary = models.TextField(_("summary"), blank=True)
    required = models.BooleanField(
        _("required for the certificate"),
        default=True,
        help_text=_(
            "The course is complete when every required module is (lessons done, "
            "quiz passed). Optional modules still count in progress."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("required")]
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
    override_translatable_fields = SAME_SLUG_IN_EVERY_LANGUAGE
    parent_page_types = ["modules.ModulePage"]
    subpage_types: list[str] = []
    template = "modules/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LATEST = "latest", _("Latest attempt")
    FIRST = "first", _("First attempt")


class ReviewOption(models.TextChoices):
    """What an officer sees after submitting. The values are the levels ``quizzes.review``
    decides on."""

    SCORE = "score", _("Show the score only")
    WHICH = "which", _("Show which answers were right")
    FINAL = (
        "final",
        _(
            "Show which answers were right; the correct answers and feedback only after a pass or "
            "the last attempt"
        ),
    )
    ANSWERS = "answers", _("Show the correct answers and feedback after every attempt")


class TestKind(models.TextChoices):
    NONE = "", _("Module quiz")
    PRE = "pre", _("Pre-test of the course")
    POST = "post", _("Post-test of the course")


class Layout(models.TextChoices):
    ONE_PAGE = "one_page", _("All questions on one page")
    PER_QUESTION = "per_question", _("One question per page")


class RandomDrawBlock(blocks.StructBlock):
    category = SnippetChooserBlock("questionbank.QuestionCategory", label=_("Category"))
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=100, default=5)

    class Meta:
        icon = "resubmit"
        label = _("Random questions from a category")


class QuizItemsBlock(blocks.StreamBlock):
    bank_question = SnippetChooserBlock("questionbank.Question", label=_("Question from the bank"))
    random_draw = RandomDrawBlock()
    # A quiz's own questions, written here and used nowhere else. Each is a new instance of
    # the bank's block class: a block instance takes the name of the stream it is declared in,
    # so sharing the bank's instances renamed them ("single" became "own_single") everywhere,
    # and a stream child then named a block its own stream does not have.
    own_single = type(QUESTION_BLOCKS_BY_TYPE["single"])()
    own_multiple = type(QUESTION_BLOCKS_BY_TYPE["multiple"])()
    own_true_false = type(QUESTION_BLOCKS_BY_TYPE["true_false"])()
    own_matching = type(QUESTION_BLOCKS_BY_TYPE["matching"])()
    own_ordering = type(QUESTION_BLOCKS_BY_TYPE["ordering"])()
    own_numeric = type(QUESTION_BLOCKS_BY_TYPE["numeric"])()
    own_short_text = type(QUESTION_BLOCKS_BY_TYPE["short_text"])()


class QuizPage(Page):
    """The quiz that closes a module (or a course's pre- or post-test). Graded on the server
    by ``quizzes``; this page holds its settings and the questions it draws."""

    override_translatable_fields = SAME_SLUG_IN_EVERY_LANGUAGE
    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField(QuizItemsBlock(), verbose_name=_("questions"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 for no limit.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), default=0, help_text=_("0 for no limit. Kept by the server.")
    )
    grading_method = models.CharField(
        _("grade across attempts"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    review = models.CharField(
        _("after submitting"),
        max_length=10,
        choices=ReviewOption.choices,
        default=ReviewOption.FINAL,
        help_text=_(
            "With more than one attempt, correct answers shown after every attempt let an "
            "officer submit a blank attempt, read the answers and pass the next one. Show them "
            "only after a pass or the last attempt unless the quiz is practice."
        ),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout.choices, default=Layout.ONE_PAGE
    )
    test_kind = models.CharField(
        _("kind"),
        max_length=4,
        choices=TestKind.choices,
        default=TestKind.NONE,
        blank=True,
        help_text=_("A pre-test and a post-test of the same course measure knowledge gain."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("grading_method"),
            ],
            heading=_("Grading"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("layout"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("review"),
                FieldPanel("test_kind"),
            ],
            heading=_("Presentation"),
        ),
    ]
    # Under a module: the module's quiz. Under a course: its pre-test or post-test.
    parent_page_types = ["modules.ModulePage", "courses.CoursePage"]
    subpage_types: list[str] = []
    template = "modules/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else None
        if parent is None:
            return
        under_course = parent.specific_class.__name__ == "CoursePage"
        if under_course and self.test_kind not in {TestKind.PRE, TestKind.POST}:
            raise ValidationError(
                {"test_kind": _("A quiz placed directly in a course is its pre-test or post-test.")}
            )
        if not under_course and self.test_kind:
            raise ValidationError(
                {
                    "test_kind": _(
                        "A quiz in a module is the module's quiz; put pre- and post-tests "
                        "directly in the course."
                    )
                }
            )
        siblings = QuizPage.objects.child_of(parent).exclude(translation_key=self.translation_key)
        if siblings.filter(test_kind=self.test_kind).exists():
            raise ValidationError(
                _("This module already has a quiz.")
                if not under_course
                else _("This course already has a quiz of this kind.")
            )
