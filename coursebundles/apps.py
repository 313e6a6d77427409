"""Course bundles: how a course leaves headquarters and is installed at a border post.

Stage of the flow: package: courses reach posts as signed bundles. ``export_bundle`` (or the
hub's admin page, or a post pulling over HTTP) writes one signed file: a manifest of the course
tree in every language, the bank questions and certificate template it uses, and its images and
documents by SHA-256. ``import_bundle`` verifies everything first, then installs all or nothing,
keeping the hub's translation keys so learner records keep pointing at the same lessons.
"""

from django.apps import AppConfig


class CourseBundlesConfig(AppConfig):
    name = "coursebundles"
    verbose_name = "Course bundles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from certificates.services import content_time_source

        from .selectors import installed_bundle_signed

        content_time_source(installed_bundle_signed)

        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import post_page_move

        from . import receivers

        for signal in (post_save, post_delete):
            signal.connect(
                receivers.content_saved_or_deleted, dispatch_uid=f"coursebundles_content_{signal}"
            )
        post_page_move.connect(receivers.page_moved, dispatch_uid="coursebundles_page_moved")
