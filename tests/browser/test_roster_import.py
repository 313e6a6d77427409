"""A coordinator imports officers in a real browser: the file is checked, the import is
confirmed and queued, its page follows the task worker by itself and then shows what was
imported and the sheet of initial passwords, downloaded once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import WORKER_TIMEOUT_MS
from tests.conftest import PASSWORD
from tests.rosters.conftest import csv_bytes, khmer, thai

pytestmark = pytest.mark.browser


def test_the_import_page_follows_the_worker_and_hands_over_the_sheet(
    page: Page, log_in, people, course_tree, start_db_worker, tmp_path
):
    from django_tasks_db.models import DBTaskResult

    from officers.models import User

    spreadsheet = tmp_path / "intake.csv"
    spreadsheet.write_bytes(csv_bytes([thai("TH-1", courses="TST-101"), khmer("KH-1")]))
    log_in("coord", PASSWORD)
    page.goto("/coordinator/officers/import/")
    page.locator("input[type=file]").set_input_files(spreadsheet)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("2 new officers, 0 updates, 0 unchanged.")).to_be_visible()
    page.get_by_role("button", name="Import all rows").click()

    expect(page).to_have_url(re.compile(r"/coordinator/officers/import/imports/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", name="Import of intake.csv", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Waiting to start · 2 rows")
    assert not User.objects.filter(service_number__in=["TH-1", "KH-1"]).exists()
    queued = DBTaskResult.objects.filter(task_path="rosters.services.roster_import_run")
    assert list(queued.values_list("status", flat=True)) == ["READY"]

    start_db_worker()  # the page is not reloaded by the test: it follows by itself
    expect(
        page.get_by_text("Imported: 2 new officers, 0 updated, 0 unchanged, 1 enrolments.")
    ).to_be_visible(timeout=WORKER_TIMEOUT_MS)
    assert User.objects.filter(service_number__in=["TH-1", "KH-1"]).count() == 2
    link = page.get_by_role("link", name="Download the password sheet (PDF)")
    with page.expect_download() as download_info:
        link.click()
    sheet = tmp_path / "sheet.pdf"
    download_info.value.save_as(sheet)
    assert sheet.read_bytes().startswith(b"%PDF-")

    page.reload()
    expect(page.get_by_text("This sheet was already downloaded or has expired")).to_be_visible()
    expect(link).to_have_count(0)
