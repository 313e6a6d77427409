"""Modules, lessons and quizzes: the pages inside a course, and the blocks lessons are made of.

Stage of the flow: author. A ``ModulePage`` holds ``LessonPage``s and its ``QuizPage``. Lesson
bodies are StreamFields of blocks that serve slow links: small image renditions, local video and
audio only, no embed from another host.
"""

from django.apps import AppConfig


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = "Modules and lessons"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Cached outlines and lesson bodies (modules.contentcache) are left behind whenever what
        # officers see of the page tree changes, whoever changes it (the editor, a course
        # bundle's installer, scheduled publishing).
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .contentcache import content_changed

        def changed(**kwargs):
            content_changed()

        def deleted(sender, instance, **kwargs):
            if isinstance(instance, Page):
                content_changed()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(changed, dispatch_uid=f"modules.contentcache.{id(signal)}", weak=False)
        post_delete.connect(deleted, dispatch_uid="modules.contentcache.deleted", weak=False)
