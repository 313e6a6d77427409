"""Courses: the catalogue and the course pages trainers author in Wagtail.

Stage of the flow: author. ``CourseIndexPage`` is the catalogue (the site's home) and holds
``CoursePage``s; a course holds modules (``modules`` app). Content is the bottom layer: it
imports nothing of learners or records.
"""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from officers.navigation import NavEntry, trainers


def _ensure_catalogue(sender, **kwargs):
    from wagtail.models import Page

    from .services import catalogue_ensure

    # After a test's flush the tree is empty; Wagtail's migrations, not we, make its root.
    if Page.get_first_root_node() is not None:
        catalogue_ensure()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"
    default_auto_field = "django.db.models.BigAutoField"
    # The catalogue is the site's home page; trainers author it (and all content) in Wagtail.
    navigation = (
        NavEntry(_("Courses"), "/", order=20),
        NavEntry(_("Authoring"), "wagtailadmin_home", order=60, shown_to=trainers),
    )

    def ready(self):
        # After migrate, a fresh node has a catalogue as its home page and a locale per language.
        post_migrate.connect(_ensure_catalogue, sender=self)
