"""The catalogue's search and filters: a GET form, so a search works without JavaScript and
its address can be bookmarked or shared."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Topic


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label=_("Search courses"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics")), *Topic.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *settings.WAGTAIL_CONTENT_LANGUAGES],
    )

    def filters(self) -> dict[str, str]:
        """The valid filters (a field with an error is not applied: its message says why)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) or "" for name in ("q", "topic", "language")}
        return {"query": data["q"], "topic": data["topic"], "language": data["language"]}

    @property
    def is_filtered(self) -> bool:
        return any(self.filters().values())
