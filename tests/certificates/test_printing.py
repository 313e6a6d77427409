"""Certificate PDFs: for the holder and coordinators in scope; batches printed in the
background with progress; nothing half-written left behind."""

import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from certificates.models import PrintJob
from certificates.services import certificate_issue
from tests.conftest import run_task_worker


@pytest.fixture
def certificates_issued(course_tree, people):
    return [
        certificate_issue(
            holder=people[name], course=course_tree.course, actor=people["admin"], reason="Workshop"
        )
        for name in ("learner", "learner_kh", "learner_la")
    ]


def test_the_pdf_is_for_its_holder_and_coordinators_in_scope(client, certificates_issued, people):
    mine = certificates_issued[0]
    url = reverse("certificates:pdf", args=[mine.pk])
    for who, status in [
        ("learner", 200),
        ("coordinator", 200),
        ("admin", 200),
        ("learner_kh", 404),
        ("trainer", 404),
    ]:
        client.force_login(people[who])
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response).startswith(b"%PDF")
    outside = reverse("certificates:pdf", args=[certificates_issued[2].pk])  # Lao post
    client.force_login(people["coordinator"])
    assert client.get(outside).status_code == 404


def test_my_certificates_lists_them_with_download_links(client, certificates_issued, people):
    client.force_login(people["learner"])
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificates_issued[0].code in html
    assert reverse("certificates:pdf", args=[certificates_issued[0].pk]) in html
    assert certificates_issued[1].code not in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_batch_prints_in_the_background_for_the_coordinators_scope(
    client, certificates_issued, people, course_tree, tmp_path, settings
):
    client.force_login(people["coordinator"])
    response = client.post(reverse("certificates:batch_new"), {"course": course_tree.course.pk})
    job = PrintJob.objects.get()
    assert response["Location"] == reverse("certificates:batch", args=[job.pk])
    assert job.total == 2  # the Thai and the Poipet officers; the Lao one is out of scope
    status = client.get(reverse("certificates:batch", args=[job.pk]), {"format": "json"}).json()
    assert status["status"] == "queued"
    run_task_worker()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 2, 2)
    download = client.get(reverse("certificates:batch", args=[job.pk]), {"download": 1})
    pdf = tmp_path / "batch.pdf"
    pdf.write_bytes(b"".join(download.streaming_content))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "Pages:           2" in info.stdout
    assert "certificates-" in download["Content-Disposition"]

    # Behind nginx (the hub), the app checks who asks and nginx sends the PDF itself.
    settings.ELEARNING_MEDIA_ACCEL_PREFIX = "/_protected"
    sent = client.get(reverse("certificates:batch", args=[job.pk]), {"download": 1})
    assert sent.content == b""
    assert sent["X-Accel-Redirect"] == "/_protected/generated/certificates/" + Path(job.file).name
    assert sent["Content-Disposition"].startswith("attachment;")
    assert f"certificates-{job.course_code}.pdf" in sent["Content-Disposition"]
    # Someone else's batch is not theirs to have, through nginx or not.
    client.force_login(people["admin"])
    refused = client.get(reverse("certificates:batch", args=[job.pk]), {"download": 1})
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_a_batch_with_no_matching_officers_says_so(
    client, certificates_issued, people, course_tree, posts
):
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("certificates:batch_new"),
        {"course": course_tree.course.pk, "since": "2099-01-01"},
    )
    assert "No certificates match" in response.content.decode()
    assert not PrintJob.objects.exists()


def test_someone_elses_batch_is_not_found(client, certificates_issued, people, course_tree):
    client.force_login(people["coordinator"])
    client.post(reverse("certificates:batch_new"), {"course": course_tree.course.pk})
    job = PrintJob.objects.get()
    client.force_login(people["admin"])
    assert client.get(reverse("certificates:batch", args=[job.pk])).status_code == 404


def test_print_command(certificates_issued, course_tree, tmp_path, capsys):
    out = tmp_path / "tst.pdf"
    call_command("print_certificates", "--course", "TST-101", "-o", str(out))
    # Not on a terminal (a log, a pipe): plain progress lines, not a bar redrawn with \r.
    progress = capsys.readouterr().err
    assert "\r" not in progress
    assert progress.splitlines()[-1] == "Printing [3/3] 100 %"
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "Pages:           3" in info.stdout
    empty = tmp_path / "none.pdf"
    with pytest.raises(CommandError, match="No certificates match"):
        call_command(
            "print_certificates", "--course", "TST-101", "--since", "2099-01-01", "-o", str(empty)
        )
    with pytest.raises(CommandError, match="No course"):
        call_command("print_certificates", "--course", "NOPE-1", "-o", str(empty))
    assert not empty.exists()
    assert [p.name for p in Path(tmp_path).iterdir()] == ["tst.pdf"]


def test_old_batches_and_their_files_are_removed(
    certificates_issued, people, course_tree, tmp_path, settings
):
    import datetime

    from django.utils import timezone

    from certificates.batches import batches_prune

    old_file = tmp_path / "old.pdf"
    old_file.write_bytes(b"%PDF-1.7")
    old = PrintJob.objects.create(
        requested_by=people["admin"],
        course_key=course_tree.course.translation_key,
        course_code="TST-101",
        status="done",
        file=str(old_file),
    )
    PrintJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=settings.ELEARNING_GENERATED_DAYS + 1)
    )
    recent = PrintJob.objects.create(
        requested_by=people["admin"],
        course_key=course_tree.course.translation_key,
        course_code="TST-101",
    )
    assert batches_prune() == 1
    assert not old_file.exists()
    assert list(PrintJob.objects.all()) == [recent]
