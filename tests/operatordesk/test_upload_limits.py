"""The operator's page refuses a file past the size limit while it streams: nothing is stored,
no temporary file is left behind, no job is queued."""

import os
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from operatordesk.models import OperatorJob


def test_an_upload_over_the_limit_is_refused_before_it_is_stored(
    client, people, settings, tmp_path
):
    settings.ELEARNING_OPERATOR_UPLOAD_MAX = 100_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000  # larger uploads go to temporary files...
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")  # ...here
    (tmp_path / "upload-tmp").mkdir()
    client.force_login(people["admin"])
    stick = SimpleUploadedFile("huge.packet", os.urandom(300_000))

    page = client.post(
        reverse("operatordesk:start", args=["packet_import"]), {"packet-file": stick}
    )

    assert page.status_code == 400
    assert "This file is larger than 97.7\xa0KB, the most this computer takes." in (
        page.content.decode()
    )
    assert not OperatorJob.objects.exists()
    assert list((tmp_path / "upload-tmp").iterdir()) == []
    incoming = settings.GENERATED_ROOT / "operatordesk" / "incoming"
    assert not incoming.exists() or list(incoming.iterdir()) == []


def test_an_upload_within_the_limit_is_still_taken(client, people, settings):
    settings.ELEARNING_OPERATOR_UPLOAD_MAX = 100_000
    client.force_login(people["admin"])
    stick = SimpleUploadedFile("small.packet", os.urandom(50_000))
    page = client.post(
        reverse("operatordesk:start", args=["packet_import"]), {"packet-file": stick}
    )
    assert page.status_code == 302
    job = OperatorJob.objects.get()
    assert job.file_name == "small.packet"
    Path(job.incoming).unlink()  # the worker, not run here, would remove it


def test_the_csrf_check_still_runs_where_uploads_are_bounded(people):
    """The size-limiting handler must be in place before the body is read, so these views run
    the CSRF check themselves: a forged post is still refused."""
    from django.test import Client

    forger = Client(enforce_csrf_checks=True)
    forger.force_login(people["admin"])
    stick = SimpleUploadedFile("x.packet", b"data")
    start = reverse("operatordesk:start", args=["packet_import"])
    assert forger.post(start, {"packet-file": stick}).status_code == 403
    assert (
        forger.post(reverse("certificates:verify"), {"text": "KH-2026-0001-7Q"}).status_code == 403
    )
    assert not OperatorJob.objects.exists()
