"""The officers' spreadsheet's cohort column: the preview says who joins which cohort (an
existing one in the coordinator's scope, or a new one), the confirmed import makes it and fills
it in the import's one transaction, the cohort's courses come with it, and the same file again
changes nothing."""

from __future__ import annotations

import pytest

from assignments.models import CohortRecord
from assignments.selectors import cohorts_visible_to
from assignments.services import cohort_assign, cohort_create
from learning.selectors import is_enrolled
from officers.models import User
from rosters.models import RosterFile
from tests.rosters.conftest import confirm, csv_bytes, khmer, thai
from tests.rosters.test_import_page import upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _own_upload_folder(settings, tmp_path):
    """Uploads these tests leave (a failed import keeps its file) stay out of the folder the
    rosters tests check is empty."""
    settings.ELEARNING_ROSTER_ROOT = tmp_path / "rosters"


def _confirm(client):
    stored = RosterFile.objects.get(kind=RosterFile.Kind.UPLOAD)
    return confirm(client, stored.uuid)


def test_a_spreadsheet_makes_a_new_cohort_and_fills_an_existing_one(
    login, people, posts, course_tree
):
    coordinator = people["coordinator"]
    existing = cohort_create(actor=coordinator, name="Poipet refresher", post=posts["kh"])
    cohort_assign(actor=coordinator, cohort=existing.uuid, course=course_tree.course, due_on=None)
    client = login(coordinator)
    data = csv_bytes(
        [
            thai("TH-1", cohort="Aranyaprathet intake 2026-03"),
            thai("TH-2", cohort="aranyaprathet  INTAKE 2026-03"),
            khmer("KH-1", cohort="POIPET refresher"),
        ]
    )
    page = upload(client, data).content.decode()
    assert page.count("joins the new cohort Aranyaprathet intake 2026-03") == 1
    assert "joins the new cohort aranyaprathet INTAKE 2026-03" in page
    assert "joins cohort POIPET refresher" in page
    response = _confirm(client)
    assert "3 officers joined a cohort." in response.content.decode()

    cohorts = {c.name: c for c in cohorts_visible_to(viewer=coordinator)}
    assert set(cohorts) == {"Aranyaprathet intake 2026-03", "Poipet refresher"}
    intake = cohorts["Aranyaprathet intake 2026-03"]
    assert intake.post_code == "th-a"
    members = set(
        User.objects.filter(pk__in=intake.members).values_list("service_number", flat=True)
    )
    assert members == {"TH-1", "TH-2"}
    # Joining the existing cohort brought its course.
    newcomer = User.objects.get(service_number="KH-1")
    assert newcomer.pk in cohorts["Poipet refresher"].members
    assert is_enrolled(learner=newcomer, course=course_tree.course)

    # The same file again: every row unchanged, no cohort record written.
    before = CohortRecord.objects.count()
    page = upload(client, data).content.decode()
    assert "0 new officers, 0 updates, 3 unchanged." in page
    assert "joins" not in page
    _confirm(client)
    assert CohortRecord.objects.count() == before


def test_a_failing_import_makes_no_cohort(login, people, posts):
    client = login(people["coordinator"])
    upload(
        client,
        csv_bytes([thai("TH-1", cohort="Intake"), thai("TH-9", post="la-v", cohort="Intake")]),
    )
    response = _confirm(client)
    assert response.status_code == 400
    assert not CohortRecord.objects.exists()


def test_a_new_cohort_across_posts_stays_in_the_importers_scope(login, people):
    """The coordinator has Thailand and only the Poipet post of Cambodia: a cohort whose rows
    are at both posts belongs to Thailand when a Thai row comes first, else to Poipet."""
    coordinator = people["coordinator"]
    client = login(coordinator)
    rows = [thai("TH-1", cohort="Mixed A"), khmer("KH-1", cohort="Mixed A")]
    rows += [khmer("KH-2", cohort="Mixed B"), thai("TH-2", cohort="Mixed B")]
    upload(client, csv_bytes(rows))
    assert _confirm(client).status_code == 200
    cohorts = {c.name: c for c in cohorts_visible_to(viewer=coordinator)}
    assert (cohorts["Mixed A"].country, cohorts["Mixed A"].post_code) == ("TH", "")
    assert (cohorts["Mixed B"].country, cohorts["Mixed B"].post_code) == ("KH", "kh-p")
    assert all(len(c.members) == 2 for c in cohorts.values())
