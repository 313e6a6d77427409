"""Course pages: the catalogue and the course itself. Structure only; no business rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .routing import LocaleFallbackRouteMixin


class Topic(models.TextChoices):
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SMUGGLING = "smuggling", _("Smuggling of migrants")
    WILDLIFE = "wildlife", _("Wildlife crime")
    DRUGS = "drugs", _("Drugs and precursors")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    BORDER_MANAGEMENT = "border_management", _("Border management")
    DOCUMENT_FRAUD = "document_fraud", _("Document fraud")


class CourseIndexPage(LocaleFallbackRouteMixin, Page):
    """The course catalogue; the home page of the site in each language."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_list_for_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_list_for_catalogue(index=self)
        return context


class CoursePage(LocaleFallbackRouteMixin, Page):
    """A course: the unit an officer enrols in and earns a certificate for."""

    code = models.SlugField(
        _("course code"),
        max_length=30,
        allow_unicode=False,
        help_text=_("Short code shared by every language version, e.g. TIP-101."),
    )
    summary = models.TextField(_("summary"), max_length=600)
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=5,
        decimal_places=1,
        default=1,
        validators=[MinValueValidator(0)],
    )
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("topic"), FieldPanel("estimated_hours")],
            heading=_("Course"),
        ),
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("cover_image"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("code")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["modules.ModulePage", "modules.QuizPage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        clash = (
            CoursePage.objects.filter(code__iexact=self.code)
            .exclude(translation_key=self.translation_key)
            .exists()
        )
        if clash:
            raise ValidationError({"code": _("Another course already uses this code.")})
