"""The coordinator's dashboard: the figures of their scope only, charts whose numbers are the
tables', and the same figures in every download."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning import services
from tests.answering import responses_for
from tests.coordination.downloaded import csv_rows, page_tables, xlsx_rows
from tests.coordination.test_paging import crowd
from tests.quizzes.conftest import build_quiz
from tests.quizzes.test_reports import course_test


@pytest.fixture
def seeded(course_tree, people):
    """Somchai (Thai post) finished the course: pre-test failed, post-test passed; Sokha
    (Poipet) is enrolled and failed the pre-test; Khamla (Lao post, out of the coordinator's
    scope) finished it too, passing both tests."""
    pre, post = course_test(course_tree.course, "pre"), course_test(course_tree.course, "post")
    for quiz in course_tree.quizzes:
        build_quiz(quiz)

    def take(officer, quiz, *, right):
        attempt = services.quiz_start(learner=officer, quiz=quiz)
        services.quiz_submit(
            learner=officer, attempt=attempt, responses=responses_for(attempt.snapshot, right=right)
        )

    for name in ("learner", "learner_kh", "learner_la"):
        officer = people[name]
        services.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
        take(officer, pre, right=name == "learner_la")
    for name in ("learner", "learner_la"):
        officer = people[name]
        for lesson in course_tree.lessons:
            services.lesson_open(learner=officer, lesson=lesson)
            services.lesson_complete(learner=officer, lesson=lesson)
        take(officer, post, right=True)
        for quiz in course_tree.quizzes:
            take(officer, quiz, right=True)
    return course_tree


COURSE_ROW = "TST-101 Course TST-101"


def dashboard(client, user, **filters):
    client.force_login(user)
    response = client.get(reverse("coordination:dashboard"), filters)
    assert response.status_code == 200
    return response


def test_a_coordinator_sees_their_scope_only(client, seeded, people, posts):
    """Two of the three enrolled officers are in scope: one finished (Somchai), one did not
    (Sokha); Khamla, at a Lao post, is in no figure."""
    tables = page_tables(dashboard(client, people["coordinator"]))
    assert tables["course"][1] == [COURSE_ROW, "2", "1", "50.0"]
    assert tables["post"][1:] == [["Aranyaprathet", "1", "1", "100.0"], ["Poipet", "1", "0", "0.0"]]
    assert tables["country"][1:] == [["Cambodia", "1", "0", "0.0"], ["Thailand", "1", "1", "100.0"]]
    # Both took the pre-test and failed; only Somchai took the post-test: his gain alone counts.
    assert ["The pre-test", "2", "2", "0", "0.0"] in tables["quizzes"]
    assert tables["gain"][1] == [COURSE_ROW, "1", "0.0", "100.0", "+100.0"]
    assert tables["certificates"][1] == [COURSE_ROW, "1", "0"]
    assert tables["activity"][-1][1:] == ["4", "1"]  # this week: 4 lessons, 1 course
    html = dashboard(client, people["coordinator"]).content.decode()
    assert "Vientiane" not in html and "Laos" not in html


def test_filters_narrow_within_scope(client, seeded, people, posts):
    tables = page_tables(dashboard(client, people["coordinator"], post=posts["kh"].pk))
    assert tables["course"][1] == [COURSE_ROW, "1", "0", "0.0"]
    assert tables["certificates"][1] == [COURSE_ROW, "0", "0"]
    tables = page_tables(dashboard(client, people["coordinator"], country="TH"))
    assert tables["course"][1] == [COURSE_ROW, "1", "1", "100.0"]
    # A post or a country outside the scope cannot be chosen: no figures, the form says why.
    response = dashboard(client, people["coordinator"], post=posts["la"].pk)
    assert response.context["dashboard"] is None
    assert "Select a valid choice" in response.content.decode()
    assert dashboard(client, people["coordinator"], country="LA").context["dashboard"] is None


def test_an_administrator_sees_everyone(client, seeded, people):
    tables = page_tables(dashboard(client, people["admin"]))
    assert tables["course"][1] == [COURSE_ROW, "3", "2", "66.7"]
    assert tables["gain"][1] == [COURSE_ROW, "2", "50.0", "100.0", "+50.0"]
    assert "Lao PDR" in {row[0] for row in tables["country"]}


def test_date_range_counts_what_happened_between_the_dates(client, seeded, people):
    """Yesterday and before: nothing was attempted, issued or completed; everyone enrolled
    today is not yet enrolled by then."""
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    tables = page_tables(dashboard(client, people["coordinator"], until=yesterday))
    assert tables["course"][1] == [COURSE_ROW, "0", "0", "\N{EM DASH}"]
    assert tables["quizzes"][1:] == [["Nothing to count for these filters."]]
    assert tables["certificates"][1] == [COURSE_ROW, "0", "0"]
    response = dashboard(client, people["coordinator"], since="2026-12-31", until="2026-01-01")
    assert "The start date is after the end date." in response.content.decode()


def _valid_20_more_days(officer):
    """``officer``'s certificate, which had no end of validity, given one in 20 days by
    headquarters' correction (the dates that count are the corrected ones)."""
    from certificates.models import Certificate, CertificateCorrection

    certificate = Certificate.objects.get(holder=officer)
    CertificateCorrection.stamped(
        recorded_at=timezone.now(),
        certificate=certificate,
        issued_on=certificate.issued_on,
        expires_on=timezone.localdate() + datetime.timedelta(days=20),
        reason="Valid two years",
    )
    return certificate


def test_expiring_counts_certificates_valid_until_within_the_days(client, seeded, people):
    """Somchai's certificate had no end of validity; headquarters' correction gives it one in
    20 days (the dates that count are the corrected ones)."""
    _valid_20_more_days(people["learner"])
    assert page_tables(dashboard(client, people["coordinator"], days=30))["certificates"][1] == [
        COURSE_ROW,
        "1",
        "1",
    ]
    assert page_tables(dashboard(client, people["coordinator"], days=10))["certificates"][1] == [
        COURSE_ROW,
        "1",
        "0",
    ]


def test_a_revoked_certificate_is_neither_issued_nor_expiring(client, seeded, people):
    """Somchai's certificate, valid 20 more days, then revoked: it leaves both counts, while the
    administrator still sees Khamla's."""
    from certificates.services import certificate_revoke

    certificate = _valid_20_more_days(people["learner"])
    row = [COURSE_ROW, "1", "1"]
    assert page_tables(dashboard(client, people["coordinator"]))["certificates"][1] == row
    certificate_revoke(certificate=certificate, actor=people["admin"], reason="Issued in error")
    tables = page_tables(dashboard(client, people["coordinator"]))
    assert tables["certificates"][1] == [COURSE_ROW, "0", "0"]
    assert page_tables(dashboard(client, people["admin"]))["certificates"][1] == [
        COURSE_ROW,
        "1",
        "0",
    ]


def test_each_chart_is_an_image_with_a_title_and_the_tables_numbers(client, seeded, people):
    response = dashboard(client, people["coordinator"])
    html = response.content.decode()
    tables = page_tables(response)
    for key in ("course", "post", "agency", "country", "quizzes", "activity"):
        svg = re.search(rf'<svg [^>]*aria-labelledby="chart-{key}-title[^>]*>.*?</svg>', html, re.S)
        assert svg is not None, key
        assert 'role="img"' in svg.group(0)
        assert re.search(rf'<title id="chart-{key}-title">[^<]+</title>', svg.group(0))
        texts = re.findall(r"<text [^>]*>([^<]*)</text>", svg.group(0))
        column = 1 if key == "activity" else -1
        for row in tables[key][1:]:
            assert row[column] in texts, (key, row)


def test_query_count_does_not_grow_with_officers(client, seeded, people, posts):
    def count():
        client.force_login(people["admin"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("coordination:dashboard")).status_code == 200
        return len(queries)

    count()  # the first request fills this process's caches (the default locale, the menu)
    few = count()
    many = crowd(posts, at="th", count=30)
    for officer in many:
        services.enrolment_create(learner=officer, course=seeded.course, actor=officer)
        services.lesson_open(learner=officer, lesson=seeded.lessons[0])
        services.lesson_complete(learner=officer, lesson=seeded.lessons[0])
    assert page_tables(dashboard(client, people["admin"]))["course"][1][1] == "33"
    assert count() == few


def _plain(text: str) -> str:
    """A page cell as an export writes it: no sign on a gain, nothing for a dash."""
    return "" if text == "\N{EM DASH}" else text.removeprefix("+")


def _same(shown: str, value) -> bool:
    """A page cell and a spreadsheet cell say the same: equal numbers, or equal text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(shown) == Decimal(str(value))
    return shown == ("" if value is None else str(value))


def test_every_dashboard_download_has_the_pages_rows_and_numbers(client, seeded, people, posts):
    """CSV and XLSX of each table, for the same filters, against the page's cells (dates as
    ISO dates in the files, in the reader's language on the page)."""
    client.force_login(people["coordinator"])
    filters = {"country": "TH", "days": "60"}
    tables = page_tables(client.get(reverse("coordination:dashboard"), filters))
    for key in ("course", "post", "agency", "country", "quizzes", "gain", "certificates"):
        shown = [[_plain(cell) for cell in row] for row in tables[key]]
        if shown[1:] == [["Nothing to count for these filters."]]:
            shown = shown[:1]
        url = reverse("coordination:dashboard_export", args=[key, "csv"])
        response = client.get(url, filters)
        assert response["Content-Disposition"].endswith(f'-{key}-th-{timezone.localdate()}.csv"')
        assert csv_rows(response) == shown, key
        url = reverse("coordination:dashboard_export", args=[key, "xlsx"])
        sheet = xlsx_rows(client.get(url, filters))
        assert [len(row) for row in sheet] == [len(row) for row in shown], key
        assert all(
            _same(cell, value)
            for page_row, sheet_row in zip(shown, sheet, strict=True)
            for cell, value in zip(page_row, sheet_row, strict=True)
        ), (key, sheet, shown)
        # Numbers stay numbers in the spreadsheet: a sum works.
        assert all(
            isinstance(v, int | float) for row in sheet[1:] for v in row[1:] if v is not None
        )
    weeks = csv_rows(
        client.get(reverse("coordination:dashboard_export", args=["activity", "csv"]), filters)
    )
    assert [row[1:] for row in weeks] == [row[1:] for row in tables["activity"]]
    assert len(weeks) == 13 and weeks[-1][0] <= timezone.localdate().isoformat()


def test_a_download_outside_the_scope_is_refused(client, seeded, people, posts):
    client.force_login(people["coordinator"])
    for url in (
        reverse("coordination:dashboard_export", args=["course", "csv"]),
        reverse("coordination:progress_export", args=["csv"]),
    ):
        response = client.get(url, {"post": posts["la"].pk})
        assert response.status_code == 400
        assert b"Khamla" not in response.content and b"Vientiane" not in response.content


def test_unknown_table_or_format_is_not_found(client, seeded, people):
    client.force_login(people["coordinator"])
    assert (
        client.get(reverse("coordination:dashboard_export", args=["nope", "csv"])).status_code
        == 404
    )
    assert (
        client.get(reverse("coordination:dashboard_export", args=["course", "pdf"])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("coordination:dashboard", []),
        ("coordination:dashboard_export", ["course", "csv"]),
        ("coordination:dashboard_export", ["course", "xlsx"]),
        ("coordination:progress_export", ["csv"]),
        ("coordination:progress_export", ["xlsx"]),
        ("coordination:certificates_export", ["csv"]),
        ("coordination:certificates_export", ["xlsx"]),
    ],
)
def test_an_officer_is_refused_every_dashboard_and_download(client, people, name, args):
    client.force_login(people["learner"])
    assert client.get(reverse(name, args=args)).status_code == 403
    client.logout()
    assert "login" in client.get(reverse(name, args=args))["Location"]


def test_search_narrows_every_table_and_its_download(client, seeded, people):
    client.force_login(people["coordinator"])
    tables = page_tables(client.get(reverse("coordination:dashboard"), {"q": "poi"}))
    assert tables["post"][1:] == [["Poipet", "1", "0", "0.0"]]
    assert [row[0] for row in tables["quizzes"][1:]] == ["Nothing to count for these filters."]
    assert len(tables["activity"]) == 13  # weeks are not searched
    url = reverse("coordination:dashboard_export", args=["post", "csv"])
    assert csv_rows(client.get(url, {"q": "poi"}))[1:] == [["Poipet", "1", "0", "0.0"]]
    tables = page_tables(client.get(reverse("coordination:dashboard"), {"q": "post-TEST"}))
    assert [row[0] for row in tables["quizzes"][1:]] == ["The post-test"]


def test_a_long_table_shows_a_page_at_a_time_and_downloads_whole(client, course_tree, people):
    """An administrator's 60 posts: 50 rows and a link to the next page, in the table and its
    chart; the download has all 60."""
    from officers.models import BorderPost

    for n in range(60):
        post = BorderPost.objects.create(code=f"p{n:02d}", name=f"Post {n:02d}", country="TH")
        officer = crowd({"p": post}, at="p", count=1, start=n)[0]
        services.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client.force_login(people["admin"])
    response = client.get(reverse("coordination:dashboard"))
    rows = page_tables(response)["post"][1:]
    assert [row[0] for row in rows] == [f"Post {n:02d}" for n in range(50)]
    html = response.content.decode()
    assert "Showing 1\N{EN DASH}50 of 60" in html and "post-page=2" in html
    chart = re.search(r"<svg [^>]*chart-post-title.*?</svg>", html, re.S).group(0)
    assert "Post 49" in chart and "Post 50" not in chart
    second = page_tables(client.get(reverse("coordination:dashboard"), {"post-page": 2}))
    assert [row[0] for row in second["post"][1:]] == [f"Post {n:02d}" for n in range(50, 60)]
    url = reverse("coordination:dashboard_export", args=["post", "csv"])
    assert len(csv_rows(client.get(url, {"post-page": 2}))) == 61


def test_a_node_without_courses_shows_an_empty_dashboard(client, people):
    tables = page_tables(dashboard(client, people["coordinator"]))
    assert tables["course"][1:] == [["Nothing to count for these filters."]]
    assert len(tables["activity"]) == 13


def test_activity_counts_each_week_from_monday_to_sunday(client, course_tree, people):
    """Lessons completed last Sunday at noon and this Monday at noon fall in two weeks; one
    13 weeks ago falls outside the chart."""
    from django.db import transaction

    from learning.models import LearnerRecord, RecordKind

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    noon = datetime.time(12)
    with transaction.atomic():
        for day in (
            monday,
            monday - datetime.timedelta(days=1),
            monday - datetime.timedelta(weeks=13),
        ):
            LearnerRecord.stamped(
                recorded_at=timezone.make_aware(datetime.datetime.combine(day, noon)),
                kind=RecordKind.LESSON_COMPLETED,
                learner=people["learner"],
                course_key=course_tree.course.translation_key,
                lesson_key=course_tree.lessons[0].translation_key,
            )
    rows = page_tables(dashboard(client, people["coordinator"]))["activity"][1:]
    assert [row[1] for row in rows] == ["0"] * 10 + ["1", "1"]
    assert sum(int(row[1]) for row in rows) == 2


def test_in_thai_the_weeks_and_numbers_are_thai_and_the_chart_agrees(client, seeded, people):
    from officers.services import officer_set_language

    officer_set_language(user=people["coordinator"], language="th")
    response = dashboard(client, people["coordinator"])
    html = response.content.decode()
    assert 'lang="th"' in html
    chart = re.search(r"<svg [^>]*chart-activity-title.*?</svg>", html, re.S).group(0)
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    thai_months = [
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    ]
    assert f">{monday.day} {thai_months[monday.month - 1]}</text>" in chart
    assert page_tables(response)["course"][1][1:] == ["2", "1", "50.0"]


def test_assignments_show_how_many_are_overdue_in_scope_only(client, seeded, people):
    """Sokha (in scope, not finished) was due yesterday: overdue; Somchai finished: not
    overdue whatever his date; Khamla, outside the scope, is not counted."""
    from assignments.services import assignment_create

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for name in ("learner", "learner_kh"):
        assignment_create(
            actor=people["coordinator"],
            officer=people[name],
            course=seeded.course,
            due_on=yesterday,
        )
    assignment_create(
        actor=people["admin"], officer=people["learner_la"], course=seeded.course, due_on=yesterday
    )
    response = dashboard(client, people["coordinator"])
    tables = page_tables(response)
    assert tables["overdue"][1][:3] == [COURSE_ROW, "2", "1"]
    assert tables["overdue"][1][3]  # the oldest due date passed
    client.force_login(people["coordinator"])
    download = client.get(reverse("coordination:dashboard_export", args=["overdue", "csv"]))
    assert csv_rows(download)[1] == [COURSE_ROW, "2", "1", yesterday.isoformat()]
