"""Bank questions and their categories, as Wagtail snippets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import RevisionMixin, TranslatableMixin
from wagtail.search import index

from .blocks import question_blocks


class QuestionCategory(TranslatableMixin, models.Model):
    """A shelf of the bank, e.g. "Indicators of trafficking"; quizzes draw at random from one."""

    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey(
        "questionbank.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(TranslatableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """One question of the bank. ``translation_key`` identifies it in every language and on
    every node; attempts record it."""

    title = models.CharField(
        _("title"), max_length=200, help_text=_("For trainers: how the bank lists it.")
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True)
    question = StreamField(question_blocks(), min_num=1, max_num=1, verbose_name=_("question"))

    panels = [
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("tags"),
        FieldPanel("question"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("category_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title

    @property
    def block(self):
        """The one question block (a StreamChild)."""
        return self.question[0] if len(self.question) else None
