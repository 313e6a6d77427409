"""Course pages: the catalogue and the course itself. Structure only; no business rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .routing import SAME_SLUG_IN_EVERY_LANGUAGE, LocaleFallbackRouteMixin


class Topic(models.TextChoices):
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SMUGGLING = "smuggling", _("Smuggling of migrants")
    WILDLIFE = "wildlife", _("Wildlife crime")
    DRUGS = "drugs", _("Drugs and precursors")
    HUMAN_RIGHTS = "human_rights", _("Human rights")
    BORDER_MANAGEMENT = "border_management", _("Border management")
    DOCUMENT_FRAUD = "document_fraud", _("Document fraud")


class CertificateTemplate(TranslatableMixin, models.Model):
    """How a course's certificates look: chosen and edited per course by trainers."""

    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title"), max_length=200, default=_("Certificate of completion"))
    body = models.TextField(_("body text"), default=_("has successfully completed the course"))
    signatories = StreamField(
        [
            (
                "signatory",
                blocks.StructBlock(
                    [
                        ("name", blocks.CharBlock(max_length=120)),
                        ("title", blocks.CharBlock(max_length=160)),
                    ],
                    label=_("Signatory"),
                ),
            )
        ],
        verbose_name=_("signatories"),
        blank=True,
        max_num=3,
    )
    logos = StreamField(
        [("logo", ImageChooserBlock(label=_("Logo of an issuing agency")))],
        verbose_name=_("logos"),
        blank=True,
        max_num=3,
    )
    orientation = models.CharField(
        _("orientation"),
        max_length=10,
        default="landscape",
        choices=[("landscape", _("Landscape")), ("portrait", _("Portrait"))],
    )
    paper = models.CharField(
        _("paper"), max_length=10, default="A4", choices=[("A4", "A4"), ("letter", _("US Letter"))]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("signatories"),
        FieldPanel("logos"),
        FieldPanel("orientation"),
        FieldPanel("paper"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")

    def __str__(self) -> str:
        return self.name


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
        from .forms import CatalogueSearchForm
        from .selectors import catalogue

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueSearchForm(request.GET)
        context["form"] = form
        context["catalogue"] = catalogue(index=self, **form.filters())
        return context


class CoursePage(LocaleFallbackRouteMixin, Page):
    """A course: the unit an officer enrols in and earns a certificate for."""

    # A CharField, not a SlugField: the admin's slug widget lower-cased what the trainer typed.
    # Kept as typed; unique whatever the case (``clean``; see docs/decisions/0013).
    code = models.CharField(
        _("course code"),
        max_length=30,
        db_index=True,
        validators=[
            RegexValidator(
                r"^[-A-Za-z0-9_]+\Z",
                _("Use only letters A-Z, digits, hyphens and underscores, e.g. TIP-101."),
            )
        ],
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
    certificate_template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        default=0,
        help_text=_("0: certificates do not expire. Otherwise officers recertify when due."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("topic"), FieldPanel("estimated_hours")],
            heading=_("Course"),
        ),
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("certificate_template"), FieldPanel("certificate_validity_months")],
            heading=_("Certificate"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("code")]
    # The code is the same in every language (certificates and bundles name a course by it):
    # wagtail-localize copies it from the original; translators can neither translate nor
    # override it.
    override_translatable_fields = [
        *SAME_SLUG_IN_EVERY_LANGUAGE,
        SynchronizedField("code", overridable=False),
    ]
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
            .first()
        )
        if clash is None:
            return
        if clash.code != self.code:
            raise ValidationError(
                {
                    "code": _(
                        "Another course already uses this code as %(code)s: codes differ by "
                        "more than upper and lower case."
                    )
                    % {"code": clash.code}
                }
            )
        raise ValidationError({"code": _("Another course already uses this code.")})
