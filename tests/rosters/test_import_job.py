"""A confirmed roster import runs in the task worker, not in the coordinator's request (a large
file takes minutes; a web worker is stopped after 30 to 60 s): its page says it is waiting,
follows it, then shows its counts and the sheet of initial passwords, or why nothing was
imported. Only its owner sees it; a second click queues nothing more; an import stopped by a
restart can be confirmed again, and the stopped one never runs late."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from officers.models import BorderPost, User
from officers.services import officer_create
from rosters.models import RosterFile, RosterImport
from tests.conftest import run_task_worker

from .conftest import confirm, csv_bytes, khmer, thai
from .test_import_page import upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _queued_imports() -> int:
    return DBTaskResult.objects.filter(
        task_path="rosters.services.roster_import_run", status="READY"
    ).count()


def test_the_page_waits_for_the_worker_then_shows_what_was_imported(login, people):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1"), khmer("KH-1")]))
    stored = RosterFile.objects.get(kind="upload")
    page = confirm(client, stored.uuid, run=False)
    text = page.content.decode()
    assert page.status_code == 200 and "Waiting to start · 2 rows" in text
    assert "follow.js" in text and 'http-equiv="refresh"' in text  # it follows the import
    assert not User.objects.filter(service_number__in=["TH-1", "KH-1"]).exists()
    job = RosterImport.objects.get()
    status = reverse("rosters:import", args=[job.uuid]) + "?format=json"
    assert client.get(status).json() == {"status": "queued", "finished": False}

    run_task_worker()
    assert client.get(status).json() == {"status": "done", "finished": True}
    text = client.get(reverse("rosters:import", args=[job.uuid])).content.decode()
    assert "Imported: 2 new officers, 0 updated, 0 unchanged, 0 enrolments." in text
    assert "Download the password sheet (PDF)" in text and "follow.js" not in text
    assert User.objects.filter(service_number__in=["TH-1", "KH-1"]).count() == 2
    assert not stored.path.exists()  # the upload is removed once imported


def test_a_second_click_queues_nothing_more(login, people):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    stored = RosterFile.objects.get(kind="upload")
    first = confirm(client, stored.uuid, run=False)
    second = confirm(client, stored.uuid, run=False)
    assert first.request["PATH_INFO"] == second.request["PATH_INFO"]
    assert RosterImport.objects.count() == 1 and _queued_imports() == 1
    run_task_worker()
    assert User.objects.filter(service_number="TH-1").count() == 1


def test_only_its_owner_sees_an_import(login, people):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    page = confirm(client, RosterFile.objects.get(kind="upload").uuid)
    assert "Download the password sheet (PDF)" in page.content.decode()
    address = reverse("rosters:import", args=[RosterImport.objects.get().uuid])
    client.force_login(officer_create(username="coord2", password="x", role="coordinator"))
    assert client.get(address).status_code == 404
    assert client.get(address + "?format=json").status_code == 404
    client.force_login(people["learner"])
    assert client.get(address).status_code in (302, 403)


def test_officers_changed_since_the_confirmation_import_nothing_and_keep_the_file(login, people):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1"), khmer("KH-9")]))
    stored = RosterFile.objects.get(kind="upload")
    confirm(client, stored.uuid, run=False)
    # Meanwhile KH-9 is made at a post outside this coordinator's scope.
    elsewhere = BorderPost.objects.create(code="kh-b", name="Bavet", country="KH")
    officer_create(username="far", password="x", post=elsewhere, service_number="KH-9")
    run_task_worker()
    job = RosterImport.objects.get()
    assert job.status == RosterImport.Status.FAILED
    text = client.get(reverse("rosters:import", args=[job.uuid])).content.decode()
    assert "Nothing was imported: 1 row has an error now. The file&#x27;s check shows it." in text
    assert reverse("rosters:preview", args=[stored.uuid]) in text  # "Check the file again"
    assert not User.objects.filter(service_number="TH-1").exists()
    assert stored.path.exists() and not RosterFile.objects.filter(kind="sheet").exists()
    preview = client.get(reverse("rosters:preview", args=[stored.uuid])).content.decode()
    assert "Service number KH-9 belongs to an officer outside your scope" in preview


def test_an_import_stopped_by_a_restart_can_be_confirmed_again(login, people, settings):
    """The worker was stopped mid-import (its transaction rolled back): past
    ELEARNING_ROSTER_IMPORT_MINUTES its page says so; the file is confirmed again and imported
    once, and the stopped import's task, coming late, does nothing."""
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    stored = RosterFile.objects.get(kind="upload")
    confirm(client, stored.uuid, run=False)
    stopped = RosterImport.objects.get()
    long_ago = timezone.now() - timedelta(minutes=settings.ELEARNING_ROSTER_IMPORT_MINUTES + 1)
    RosterImport.objects.filter(pk=stopped.pk).update(
        status=RosterImport.Status.RUNNING, started_at=long_ago
    )
    # Its task was taken by the worker that stopped; here it is still queued, as if late.
    address = reverse("rosters:import", args=[stopped.uuid])
    text = client.get(address).content.decode()
    assert "This import stopped before it finished" in text and "follow.js" not in text
    assert client.get(address + "?format=json").json()["finished"] is True
    assert reverse("rosters:preview", args=[stored.uuid]) in text

    again = confirm(client, stored.uuid, run=False)
    assert again.request["PATH_INFO"] != address
    assert _queued_imports() == 2
    run_task_worker()
    stopped.refresh_from_db()
    assert stopped.status == RosterImport.Status.FAILED and stopped.started_at == long_ago
    fresh = RosterImport.objects.exclude(pk=stopped.pk).get()
    assert fresh.status == RosterImport.Status.DONE and fresh.counts["created"] == 1
    assert User.objects.filter(service_number="TH-1").count() == 1


def test_an_import_no_worker_takes_says_so_after_a_minute(login, people):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    confirm(client, RosterFile.objects.get(kind="upload").uuid, run=False)
    job = RosterImport.objects.get()
    address = reverse("rosters:import", args=[job.uuid])
    assert "task worker may be stopped" not in client.get(address).content.decode()
    RosterImport.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(seconds=61))
    text = client.get(address).content.decode()
    assert "task worker may be stopped" in text and "follow.js" in text


def test_imports_go_with_their_uploads_age(login, people, settings):
    from rosters.services import roster_files_purge

    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    confirm(client, RosterFile.objects.get(kind="upload").uuid)
    assert RosterImport.objects.count() == 1
    roster_files_purge(
        now=timezone.now() + timedelta(hours=settings.ELEARNING_ROSTER_UPLOAD_HOURS, minutes=1)
    )
    assert not RosterImport.objects.exists() and not RosterFile.objects.exists()


def test_a_large_file_on_a_post_says_that_learners_wait_while_it_is_imported(
    login, people, monkeypatch
):
    """On SQLite (a post) an import is one write transaction: learners' progress waits for
    it. The preview of a large file says so, before anything is confirmed; PostgreSQL (a hub)
    holds up nobody."""
    from django.db import connection

    import rosters.selectors

    client = login(people["coordinator"])
    notice = "this node cannot record learners"
    upload(client, csv_bytes([thai("TH-1"), khmer("KH-1")]))
    stored = RosterFile.objects.get(kind="upload")
    preview = reverse("rosters:preview", args=[stored.uuid])
    assert notice not in client.get(preview).content.decode()
    monkeypatch.setattr(rosters.selectors, "LARGE_IMPORT_ON_SQLITE", 2)
    shown = notice in client.get(preview).content.decode()
    assert shown == (connection.vendor == "sqlite")
