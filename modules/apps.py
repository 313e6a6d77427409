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
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .contentcache import content_changed, request_began, request_ended

        def changed(**kwargs):
            content_changed()

        def deleted(sender, instance, **kwargs):
            if isinstance(instance, (Page, Site, Locale)):
                content_changed()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(changed, dispatch_uid=f"modules.contentcache.{id(signal)}", weak=False)
        post_delete.connect(deleted, dispatch_uid="modules.contentcache.deleted", weak=False)
        # Cached page routes (modules.routes) start at a site's root, in a locale's tree.
        for model in (Site, Locale):
            post_save.connect(changed, sender=model, dispatch_uid=f"modules.contentcache.{model}")
        # Which pages view restrictions may apply to (modules.restrictions): the pages that have
        # one, and the alias pages.
        for signal in (post_save, post_delete):
            signal.connect(
                changed,
                sender=PageViewRestriction,
                dispatch_uid=f"modules.contentcache.restriction.{id(signal)}",
            )

        def alias_saved(sender, instance, **kwargs):
            if isinstance(instance, Page) and instance.alias_of_id is not None:
                content_changed()

        post_save.connect(alias_saved, dispatch_uid="modules.contentcache.alias", weak=False)
        request_started.connect(request_began, dispatch_uid="modules.contentcache.began")
        request_finished.connect(request_ended, dispatch_uid="modules.contentcache.ended")
