"""Writes for the operator's page: keep an uploaded file, queue the work, run it with progress.

``job_request`` stores the upload under the data directory (streamed, size-limited) and
queues ``run_job`` (a django-tasks task, run by ``manage.py db_worker``) after the commit.
The task calls the bundle or sync service, reports progress on the job, and always removes the
uploaded copy when it is done (the original is still on the stick). Jobs and written packets are
removed after ``ELEARNING_GENERATED_DAYS``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from coursebundles.selectors import BundleError
from coursebundles.services import bundle_import
from nodes.container import ContainerError
from nodes.models import Peer
from nodes.selectors import hub_peer, is_hub
from officers.models import User
from recordsync.services import SyncError, packet_export, packet_import

from .models import OperatorJob


class JobRefused(Exception):
    """The work cannot be queued; ``str()`` is for the operator."""


def _folder(name: str) -> Path:
    folder = Path(settings.GENERATED_ROOT) / "operatordesk" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def job_request(
    *, kind: str, user: User, upload: UploadedFile | None = None, recipient: Peer | None = None
) -> OperatorJob:
    """Queue a job. For imports, ``upload`` is the uploaded file; it is copied in chunks
    to the data directory (refused beyond ``ELEARNING_OPERATOR_UPLOAD_MAX``; the operator's
    page refuses a larger upload while it streams, before it is stored). Writing a packet needs
    a hub (at a post) or the post it is for (at headquarters)."""
    jobs_prune()
    job = OperatorJob(kind=kind, requested_by=user)
    if kind == OperatorJob.Kind.PACKET_EXPORT:
        if is_hub():
            if recipient is None:
                raise JobRefused(_("Choose the post the packet is for."))
            job.recipient, job.file_name = recipient.node_id, recipient.name
        elif hub_peer() is None:
            raise JobRefused(
                _("This post is not enrolled with headquarters yet: load the enrolment file first.")
            )
    if kind in (OperatorJob.Kind.BUNDLE_IMPORT, OperatorJob.Kind.PACKET_IMPORT):
        if upload is None:
            raise JobRefused(_("Choose the file to load."))
        if (upload.size or 0) > settings.ELEARNING_OPERATOR_UPLOAD_MAX:
            raise JobRefused(_("This file is too large to be a bundle or a packet."))
        target = _folder("incoming") / f"{job.id}.upload"
        try:
            with open(target, "wb") as out:
                for block in upload.chunks():
                    out.write(block)
        except OSError as error:
            target.unlink(missing_ok=True)
            raise JobRefused(
                _("The file could not be stored on this computer: %(reason)s.")
                % {"reason": error.strerror}
            ) from None
        job.incoming, job.file_name = str(target), Path(upload.name or "").name[:255]
    job.save()
    transaction.on_commit(lambda: run_job.enqueue(job_id=str(job.pk)))
    return job


def _progress(job: OperatorJob) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        OperatorJob.objects.filter(pk=job.pk).update(done=done, total=total)

    return report


@task()
def run_job(job_id: str) -> None:
    job = OperatorJob.objects.get(pk=job_id)
    OperatorJob.objects.filter(pk=job.pk).update(status=OperatorJob.Status.RUNNING)
    progress = _progress(job)
    try:
        output = ""
        if job.kind == OperatorJob.Kind.BUNDLE_IMPORT:
            installed = bundle_import(path=Path(job.incoming), progress=progress)
            result, message = installed.as_dict(), installed.message
        elif job.kind == OperatorJob.Kind.PACKET_IMPORT:
            imported = packet_import(source=Path(job.incoming), progress=progress)
            result, message = imported.as_dict(), "\n".join(imported.lines())
        else:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            name = slugify(job.file_name) or "headquarters"
            target = _folder("outgoing") / f"to-{name}-{stamp}.packet"
            written = packet_export(path=target, recipient=job.recipient, progress=progress)
            result = {"records": written.records, "complete": written.complete}
            lines = [line for line in written.lines() if str(target) not in line]
            message = "\n".join(lines)
            output = str(target)
    except (ContainerError, BundleError, SyncError) as refused:
        _finish(job, status=OperatorJob.Status.FAILED, message=str(refused))
    except Exception as error:
        _finish(
            job,
            status=OperatorJob.Status.FAILED,
            message=_("Something went wrong: %(error)s. Nothing was half-applied.")
            % {"error": error},
        )
        raise
    else:
        _finish(job, status=OperatorJob.Status.DONE, message=message, result=result, output=output)


def _finish(
    job: OperatorJob, *, status: str, message: str, result: dict | None = None, output: str = ""
) -> None:
    if job.incoming:
        Path(job.incoming).unlink(missing_ok=True)
    OperatorJob.objects.filter(pk=job.pk).update(
        status=status,
        message=message,
        result=result or {},
        output=output,
        finished_at=timezone.now(),
    )


def jobs_prune(*, now: datetime.datetime | None = None) -> int:
    """Remove jobs, and the packets they wrote, older than ``ELEARNING_GENERATED_DAYS``."""
    now = now or timezone.now()
    old = OperatorJob.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.ELEARNING_GENERATED_DAYS)
    )
    removed = 0
    for job in old:
        for path in (job.output, job.incoming):
            if path:
                Path(path).unlink(missing_ok=True)
        job.delete()
        removed += 1
    return removed
