"""Wagtail's own apps as this project installs them: without Wagtail's web API (ADR 0038).

Wagtail 8's redirects, images, documents, snippets and locales apps register their routers and
schemas with Wagtail's API (``wagtail.api.v3``) in ``AppConfig.ready()``, whether or not that
API is installed. Importing it loads django-ninja, pydantic, Django REST framework, psycopg (even
on SQLite), requests and urllib3: about 20 MiB in every process and a tenth of a second at every
start, for an API this project neither installs nor routes (``elearning/urls.py``). Each class
below is Wagtail's own app config with ``ready()`` doing what Wagtail's does, in the same order,
less the API registration; nothing else changes (names, labels, models, migrations, checks,
signal handlers, the admin). ``tests/project/test_wagtail_apps.py`` compares each ``ready()``
with the installed Wagtail's, so an upgrade that adds anything to theirs fails the tests until
it is copied here.
"""

from __future__ import annotations

from django.db.models import ForeignKey
from django.db.models.signals import post_migrate
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


class RedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self):
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.contrib.redirects.signal_handlers import (
            autocreate_redirects_on_page_move,
            autocreate_redirects_on_slug_change,
        )
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_slug_changed, post_page_move

        register_permission_policy(Redirect)
        post_page_move.connect(autocreate_redirects_on_page_move)
        page_slug_changed.connect(autocreate_redirects_on_slug_change)


class ImagesConfig(WagtailImagesAppConfig):
    def ready(self):
        from wagtail.admin.compare import register_comparison_class
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.images import get_image_model, get_permission_policy
        from wagtail.images.components import ImageDisplay
        from wagtail.images.edit_handlers import ImageFieldComparison
        from wagtail.images.signal_handlers import register_signal_handlers
        from wagtail.images.widgets import AdminImageChooser
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        Image = get_image_model()
        register_permission_policy(Image, get_permission_policy())
        register_signal_handlers()
        register_form_field_override(ForeignKey, to=Image, override={"widget": AdminImageChooser})
        register_comparison_class(ForeignKey, to=Image, comparison_class=ImageFieldComparison)
        register_display_class(ForeignKey, to=Image, display_class=ImageDisplay)
        ReferenceIndex.register_model(Image)


class DocumentsConfig(WagtailDocsAppConfig):
    def ready(self):
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.documents import get_document_model, get_permission_policy
        from wagtail.documents.components import DocumentDisplay
        from wagtail.documents.signal_handlers import register_signal_handlers
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        Document = get_document_model()
        register_permission_policy(Document, get_permission_policy())
        register_signal_handlers()
        register_display_class(ForeignKey, to=Document, display_class=DocumentDisplay)
        ReferenceIndex.register_model(Document)


class SnippetsConfig(WagtailSnippetsAppConfig):
    def ready(self):
        from wagtail.snippets.models import create_extra_permissions, register_deferred_snippets

        register_deferred_snippets()
        post_migrate.connect(create_extra_permissions, sender=self)


class LocalesConfig(WagtailLocalesAppConfig):
    def ready(self):
        pass  # Wagtail's registers the locales' API router, and only that.
