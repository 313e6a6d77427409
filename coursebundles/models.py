"""What a node knows about bundles: at a post, the bundle installed per course and which local
objects came from one (so they stay read-only); at the hub, the bundles it wrote (so an update
for a post can leave out the files the post already has)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstalledBundle(models.Model):
    """At a post: the bundle a course was last installed from. One row per course."""

    course_key = models.UUIDField(_("course"), unique=True)
    course_code = models.CharField(_("course code"), max_length=30)
    course_title = models.CharField(_("course title"), max_length=255, blank=True)
    bundle_id = models.UUIDField(_("bundle"))
    created = models.DateTimeField(
        _("made at headquarters"), help_text=_("Headquarters' clock: the bundle's version.")
    )
    content_sha = models.CharField(_("content fingerprint"), max_length=64)
    manifest_sha = models.CharField(_("manifest SHA-256"), max_length=64)
    file_hashes = models.JSONField(_("files (SHA-256)"), default=list)
    installed_at = models.DateTimeField(_("installed at"), auto_now=True)

    class Meta:
        verbose_name = _("installed bundle")
        ordering = ["course_code"]

    def __str__(self) -> str:
        return f"{self.course_code} ({self.created:%Y-%m-%d %H:%M})"


class BundleObject(models.Model):
    """A local page, snippet, image or document that a bundle installed, with its id at the
    hub: the map from the hub's ids (inside StreamField JSON) to this node's."""

    model = models.CharField(max_length=100)  # app_label.model_name (pages: wagtailcore.page)
    hub_id = models.BigIntegerField()
    local_id = models.BigIntegerField()
    sha256 = models.CharField(max_length=64, blank=True)  # images and documents

    class Meta:
        verbose_name = _("object from a bundle")
        constraints = [
            models.UniqueConstraint(fields=["model", "hub_id"], name="bundle_object_hub_id"),
        ]
        indexes = [models.Index(fields=["model", "local_id"], name="bundle_object_local")]

    def __str__(self) -> str:
        return f"{self.model} {self.hub_id} -> {self.local_id}"


class BundleExport(models.Model):
    """At the hub: a bundle it wrote, so a post that has it can be sent only what changed."""

    bundle_id = models.UUIDField(primary_key=True)
    course_key = models.UUIDField()
    course_code = models.CharField(max_length=30)
    created = models.DateTimeField()
    content_sha = models.CharField(max_length=64)
    file_hashes = models.JSONField(default=list)
    size = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["course_key", "-created"], name="bundle_export_course")]

    def __str__(self) -> str:
        return f"{self.course_code} {self.created:%Y-%m-%d %H:%M}"


class ContentGeneration(models.Model):
    """At the hub: a number that grows with every change to published content (a page
    published, unpublished, moved or deleted; a snippet, image, document or SCORM package
    saved or deleted), in the transaction that makes the change. One row."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)


class CourseListing(models.Model):
    """At the hub: a course's entry in the list posts ask for (its content fingerprint), as
    built at ``generation``: built again once the content has changed since, never served
    stale (``hub_course_list``)."""

    course_key = models.UUIDField(unique=True)
    generation = models.BigIntegerField()
    entry = models.JSONField()

    def __str__(self) -> str:
        return f"{self.entry.get('code')} at {self.generation}"
