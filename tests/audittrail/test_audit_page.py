"""The audit page as a coordinator and an administrator meet it: only the entries in the
viewer's scope, filters, the same rows in the CSV and XLSX downloads, cells safe against formula
injection, and the chains' check for administrators. And published content in the trail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audittrail.models import AuditEntry
from coordination.tables import export_cell
from learning import services as learning
from officers.services import officer_password_reset, officer_profile_update
from questionbank.models import Question
from tests.coordination.downloaded import csv_rows, xlsx_rows
from tests.quizzes.conftest import build_quiz

pytestmark = pytest.mark.django_db

URL = reverse("coordination:audit")


@pytest.fixture
def trail(people, posts, course_tree):
    """Actions of the coordinator (Thailand and Poipet) and the administrator, about officers
    in and out of the coordinator's scope."""
    coordinator, admin = people["coordinator"], people["admin"]
    learning.enrolment_create(
        learner=people["learner"], course=course_tree.course, actor=coordinator
    )
    officer_profile_update(
        actor=coordinator, officer=people["learner_kh"], full_name_latin='=HYPERLINK("x")'
    )
    officer_profile_update(actor=admin, officer=people["learner_la"], rank="Colonel")
    officer_password_reset(actor=admin, officer=people["learner_la"], new_password="Kx9-long-pass")
    return people


def _page_rows(client, query: str = "") -> list[list[str]]:
    """The page's table as text, a row per entry (who, action, officer)."""
    html = client.get(f"{URL}?{query}").content.decode()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for row in body.split("<tr>")[1:]:
        cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
        if len(cells) == 8:
            rows.append([cells[1], cells[2].replace("<code>", "").replace("</code>", "")])
    return rows


def test_a_coordinator_sees_only_entries_in_scope(trail, client):
    client.force_login(trail["coordinator"])
    response = client.get(URL)
    text = response.content.decode()
    assert response.status_code == 200
    assert "enrolment.create" in text and "officer.profile_update" in text
    assert "Colonel" not in text and "officer.password_reset" not in text
    assert "Khamla" not in text
    assert "Chain check" not in text  # administrators only


def test_an_administrator_sees_all_and_checks_the_chains(trail, client):
    client.force_login(trail["admin"])
    text = client.get(URL).content.decode()
    assert "Colonel" in text and "officer.password_reset" in text
    checked = client.get(f"{URL}?check=1").content.decode()
    assert "intact (4 entries" in checked
    only = _page_rows(client, "action=officer.password_reset")
    assert [action for _who, action in only] == ["officer.password_reset"]


def test_the_downloads_hold_the_pages_rows_with_formulas_made_harmless(trail, client):
    client.force_login(trail["coordinator"])
    shown = _page_rows(client)
    assert len(shown) == 2

    downloaded = client.get(f"{URL}?export=csv")
    assert downloaded["Content-Disposition"].startswith('attachment; filename="audit-')
    lines = csv_rows(downloaded)
    header, rows = lines[0], lines[1:]
    who, action, officer = header.index("Who"), header.index("Action"), header.index("Officer")
    assert [[row[who], row[action]] for row in rows] == shown
    assert '\'=HYPERLINK("x")' in [row[officer] for row in rows]

    sheet_rows = xlsx_rows(client.get(f"{URL}?export=xlsx"))
    assert [[row[who], row[action]] for row in sheet_rows[1:]] == shown
    cells = [row[officer] for row in sheet_rows[1:]]
    assert '\'=HYPERLINK("x")' in cells and not any(
        str(c).startswith("=") for row in sheet_rows for c in row if c
    )


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+7", "'+7"), ("-2", "'-2"), ("@SUM", "'@SUM"), ("ok", "ok"), (3, 3)],
)
def test_a_cell_that_would_run_as_a_formula_is_kept_as_text(value, safe):
    assert export_cell(value) == safe


def test_publishing_and_unpublishing_a_page_is_in_the_trail(people, course_tree):
    lesson = course_tree.lessons[0]
    lesson.save_revision(user=people["trainer"]).publish(user=people["trainer"])
    lesson.unpublish(user=people["trainer"])
    done = list(
        AuditEntry.objects.filter(actor=people["trainer"])
        .order_by("chain_index")
        .values_list("action", "subject")
    )
    assert done == [
        ("content.page_publish", f"page:{lesson.pk}"),
        ("content.page_unpublish", f"page:{lesson.pk}"),
    ]


def test_deleting_a_question_bank_item_in_wagtail_is_in_the_trail(people, course_tree, client):
    build_quiz(course_tree.quizzes[0], bank_size=1)
    question = Question.objects.get()
    client.force_login(people["trainer"])
    url = reverse("wagtailsnippets_questionbank_question:delete", args=[question.pk])
    assert client.post(url).status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    entry = AuditEntry.objects.get(actor=people["trainer"])
    assert (entry.action, entry.subject) == ("content.question_delete", f"question:{question.pk}")
