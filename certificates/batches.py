"""Printing a batch of certificates as one PDF, in the background, with progress.

``batch_request`` (a service) records the job and enqueues ``print_batch`` (a task, run by
``manage.py db_worker``); the task renders and reports progress on the job; the coordinator's
page polls it. Finished files live in ``GENERATED_ROOT`` and are removed after
``ELEARNING_GENERATED_DAYS``; a failed job leaves no file.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from courses.models import CoursePage
from officers.models import BorderPost, User

from . import selectors
from .models import PrintJob
from .printing import printed
from .rendering import RenderError, render_pdf


class NothingToPrint(Exception):
    """No standing certificate matches the batch."""


def batch_request(
    *,
    viewer: User,
    course: CoursePage,
    post: BorderPost | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> PrintJob:
    """Queue a batch for ``viewer`` (its scope decides which officers count). Raises
    NothingToPrint, with nothing queued, when no certificate matches."""
    original = course.get_default_locale_page() or course
    matching = selectors.batch(
        viewer=viewer, course_key=original.translation_key, post=post, since=since, until=until
    )
    total = matching.count()
    if not total:
        raise NothingToPrint(_("No certificates match: choose another course, post or dates."))
    job = PrintJob.objects.create(
        requested_by=viewer,
        course_key=original.translation_key,
        course_code=original.code,
        post=post,
        since=since,
        until=until,
        total=total,
    )
    transaction.on_commit(lambda: print_batch.enqueue(job_id=str(job.pk)))
    return job


@task()
def print_batch(job_id: str) -> None:
    batches_prune()  # old batches go when new ones are made: no separate cron job needed
    job = PrintJob.objects.select_related("requested_by", "post").get(pk=job_id)
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.RUNNING)
    certificates = selectors.batch(
        viewer=job.requested_by,
        course_key=job.course_key,
        post=job.post,
        since=job.since,
        until=job.until,
    )
    folder = Path(settings.GENERATED_ROOT) / "certificates"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{job.course_code}-{job.pk}.pdf"

    def progress(done: int, total: int) -> None:
        PrintJob.objects.filter(pk=job.pk).update(done=done, total=total)

    sheets, designs = printed(certificates.select_related("holder").iterator(chunk_size=200))
    try:
        render_pdf(sheets, designs, out=target, progress=progress)
    except RenderError as error:
        PrintJob.objects.filter(pk=job.pk).update(
            status=PrintJob.Status.FAILED, error=str(error), finished_at=timezone.now()
        )
        return
    PrintJob.objects.filter(pk=job.pk).update(
        status=PrintJob.Status.DONE, file=str(target), finished_at=timezone.now()
    )


def batches_prune(*, now: datetime.datetime | None = None) -> int:
    """Remove batches (and their files) older than ``ELEARNING_GENERATED_DAYS``."""
    now = now or timezone.now()
    old = PrintJob.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.ELEARNING_GENERATED_DAYS)
    )
    removed = 0
    for job in old:
        if job.file:
            Path(job.file).unlink(missing_ok=True)
        job.delete()
        removed += 1
    return removed
