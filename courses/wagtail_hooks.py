"""Certificate templates as snippets trainers edit in Wagtail."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    list_display = ["name", "orientation", "paper", "locale"]
    menu_order = 260


register_snippet(CertificateTemplateViewSet)
