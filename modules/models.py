"""Module, lesson and quiz pages. Structure only; progress lives in ``learning``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.routing import SAME_SLUG_IN_EVERY_LANGUAGE, LocaleFallbackRouteMixin
from questionbank.blocks import question_blocks

from .blocks import LessonBodyBlock
from .forms import QuizPageForm, ScormLessonPageForm
from .restrictions import CachedViewRestrictionsMixin


class ModulePage(CachedViewRestrictionsMixin, LocaleFallbackRouteMixin, Page):
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
    subpage_types = ["modules.LessonPage", "modules.ScormLessonPage", "modules.QuizPage"]
    template = "modules/module_page.html"

    class Meta:
        verbose_name = _("module")


class LessonPage(CachedViewRestrictionsMixin, Page):
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


class ScormCompletion(models.TextChoices):
    """When a SCORM lesson counts as done: the trainer's rule over what the content reports."""

    COMPLETED = (
        "completed",
        _("Completed: the officer went through the content (its score is practice)"),
    )
    PASSED = (
        "passed",
        _("Passed: the content's own score decides (reported by the officer's browser)"),
    )


class ScormLessonPage(CachedViewRestrictionsMixin, Page):
    """A lesson that plays a SCORM package (``scormpackages``) in the player (``scormplayer``).
    Counted in progress like a lesson, by translation key; done when what the content reports
    meets ``completion_rule``. A translation may play another package (the same course in
    another language)."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15, validators=[MinValueValidator(1)]
    )
    package = models.ForeignKey(
        "scormpackages.ScormPackage",
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("SCORM package"),
    )
    completion_rule = models.CharField(
        _("done when"),
        max_length=10,
        choices=ScormCompletion.choices,
        default=ScormCompletion.COMPLETED,
    )
    browser_score_accepted = models.BooleanField(
        _("I accept that this score is reported by the officer's browser"),
        default=False,
        help_text=_(
            "A SCORM package marks itself in the officer's browser: anyone who can open the "
            "browser's tools can report any score. Certificates of this course will say that "
            "they rest on such a score."
        ),
    )
    offline_allowed = models.BooleanField(
        _("Officers may play this lesson offline"),
        default=False,
        help_text=_(
            "Officers who save the course for offline use may play this lesson with no "
            "connection; what it reports is sent to the server when they are back online."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        MultiFieldPanel(
            [FieldPanel("package"), FieldPanel("upload"), FieldPanel("upload_replaces")],
            heading=_("SCORM package"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("completion_rule"),
                FieldPanel("browser_score_accepted"),
                FieldPanel("offline_allowed"),
            ],
            heading=_("Progress"),
        ),
    ]
    base_form_class = ScormLessonPageForm
    search_fields = Page.search_fields + [index.SearchField("summary")]
    override_translatable_fields = SAME_SLUG_IN_EVERY_LANGUAGE
    parent_page_types = ["modules.ModulePage"]
    subpage_types: list[str] = []
    template = "modules/scorm_lesson_page.html"

    class Meta:
        verbose_name = _("SCORM lesson")

    def clean(self):
        super().clean()
        if self.completion_rule == ScormCompletion.PASSED and not self.browser_score_accepted:
            raise ValidationError(
                {
                    "browser_score_accepted": _(
                        "A score the content reports from the officer's browser can be forged. "
                        "Tick this box to let it decide the lesson, or choose "
                        '"Completed".'
                    )
                }
            )


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
    """A quiz's questions: its own ("own_single"...), written here and used nowhere else, then
    questions from the bank, chosen or drawn at random. Built per instance: see
    ``question_blocks``."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(
            [
                *question_blocks("own_"),
                (
                    "bank_question",
                    SnippetChooserBlock("questionbank.Question", label=_("Question from the bank")),
                ),
                ("random_draw", RandomDrawBlock()),
                *(local_blocks or []),
            ],
            **kwargs,
        )


class QuizPage(CachedViewRestrictionsMixin, Page):
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
    supervised_only = models.BooleanField(
        _("only in a supervised exam session"),
        default=False,
        help_text=_(
            "Officers can start this quiz only in an exam session a coordinator opens: admitted, "
            "with the session code shown in the room, inside the session's time window."
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
                FieldPanel("supervised_only"),
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
    base_form_class = QuizPageForm
    # Under a module: the module's quiz. Under a course: its pre-test or post-test.
    parent_page_types = ["modules.ModulePage", "courses.CoursePage"]
    subpage_types: list[str] = []
    template = "modules/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.clean_placement(parent)

    def clean_placement(self, parent: Page) -> None:
        """Raise ValidationError (at "kind") if this quiz cannot go under ``parent``: a course
        takes pre- and post-tests, a module its one quiz; a second one of a kind names and links
        the one in the way. The page editor asks before the page has a place
        (``modules.forms.QuizPageForm``), code through ``clean()``."""
        from .selectors import quiz_in_the_way

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
        other = quiz_in_the_way(
            parent=parent, test_kind=self.test_kind, translation_key=self.translation_key
        )
        if other is None:
            return
        message = (
            _("This course already has a quiz of this kind: %(page)s (%(state)s).")
            if under_course
            else _("This module already has a quiz: %(page)s (%(state)s).")
        )
        link = format_html(
            '<a href="{}">{}</a>', reverse("wagtailadmin_pages:edit", args=[other.pk]), other.title
        )
        state = _("live") if other.live else _("draft")
        raise ValidationError(
            {"test_kind": mark_safe(conditional_escape(message) % {"page": link, "state": state})}  # noqa: S308
        )
