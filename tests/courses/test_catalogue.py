"""The catalogue as an officer finds courses in it: a heading in their language, which
languages each course exists in, a notice where theirs is missing, search and filters by a
bookmarkable GET form, estimated times in words, and queries that do not grow with courses."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext, override

from courses.catalogue import search_matches, time_estimate
from tests.conftest import build_course, translate


def cards(html: str) -> list[str]:
    return re.findall(r'<li class="card".*?</li>', html, flags=re.S)


def titles(html: str) -> list[str]:
    return re.findall(r"<h2><a [^>]*>([^<]*)</a></h2>", html)


@pytest.fixture
def officer(client, people):
    def as_officer(language: str):
        user = people["learner"]
        user.preferred_language = language
        user.save()
        client.force_login(user)
        return client

    return as_officer


@pytest.fixture
def shelf(db):
    """Three courses: TIP-1 also in Thai, WLC-1 on wildlife, DRG-1 on drugs (English only)."""
    tip = build_course(code="TIP-1", modules=1, lessons_per_module=1)
    wlc = build_course(code="WLC-1", modules=1, lessons_per_module=1)
    drg = build_course(code="DRG-1", modules=1, lessons_per_module=1)
    wlc.course.title, wlc.course.topic = "Wildlife crime at the border", "wildlife"
    wlc.course.summary = "Pangolins, ivory and rosewood."
    wlc.course.estimated_hours = Decimal("1.5")
    wlc.course.save_revision().publish()
    drg.course.topic, drg.course.estimated_hours = "drugs", Decimal("1")
    drg.course.save_revision().publish()
    translate(tip.index, "th", title="Courses")  # a copy nobody retitled
    translate(tip.course, "th", title="การค้ามนุษย์ที่ชายแดน", summary="ข้อบ่งชี้ของเหยื่อ")
    return {"tip": tip, "wlc": wlc, "drg": drg}


def test_heading_is_in_the_officers_language_even_where_the_catalogue_is_untranslated(
    officer, shelf
):
    assert "<h1>หลักสูตร</h1>" in officer("th").get("/").content.decode()
    assert "<h1>ຫຼັກສູດ</h1>" in officer("lo").get("/").content.decode()
    assert "<title>ຫຼັກສູດ ·" in officer("lo").get("/").content.decode()


def test_each_card_names_its_languages_and_marks_a_course_not_in_the_officers(officer, shelf):
    html = officer("th").get("/").content.decode()
    by_title = {titles(card)[0]: card for card in cards(html)}
    tip = by_title["การค้ามนุษย์ที่ชายแดน"]
    assert '<span class="lang-badge" lang="en">English</span>' in tip
    assert '<span class="lang-badge" lang="th">ไทย</span>' in tip
    assert "not-in-language" not in tip
    wildlife = by_title["Wildlife crime at the border"]
    assert '<span class="lang-badge" lang="th">' not in wildlife
    with override("th"):
        notice = gettext("Not available in %(language)s yet.") % {"language": "ไทย"}
    assert notice in wildlife
    # In English every course exists in the officer's language: no notice anywhere.
    assert "not-in-language" not in officer("en").get("/").content.decode()


def test_officers_filter_by_language(officer, shelf):
    html = officer("en").get("/?language=th").content.decode()
    assert titles(html) == ["Course TIP-1"]
    assert '<option value="th" lang="th" selected>ไทย</option>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wlc", ["Wildlife crime at the border"]),  # code, any case
        ("IVORY", ["Wildlife crime at the border"]),  # summary
        ("ข้อบ่งชี้", ["Course TIP-1"]),  # the Thai summary finds the course in English too
        ("drugs precursors", ["Course DRG-1"]),  # the topic's name, every word
        ("border wildlife", ["Wildlife crime at the border"]),
    ],
)
def test_search_by_title_summary_code_and_topic(officer, shelf, query, expected):
    html = officer("en").get("/", {"q": query}).content.decode()
    assert titles(html) == expected
    assert "1 course found." in html


def test_search_by_the_topic_name_in_the_officers_language(officer, shelf):
    html = officer("th").get("/", {"q": "ยาเสพติด"}).content.decode()
    assert titles(html) == ["Course DRG-1"]


def test_filter_by_topic_and_language_together_in_a_bookmarkable_address(officer, shelf):
    client = officer("en")
    assert titles(client.get("/?topic=wildlife").content.decode()) == [
        "Wildlife crime at the border"
    ]
    assert titles(client.get("/?topic=wildlife&language=th").content.decode()) == []
    html = client.get("/?topic=trafficking&language=th&q=tip").content.decode()
    assert titles(html) == ["Course TIP-1"]
    assert '<option value="trafficking" selected>' in html
    assert 'value="tip"' in html


def test_an_empty_search_returns_every_course(officer, shelf):
    html = officer("en").get("/", {"q": "  ", "topic": "", "language": ""}).content.decode()
    assert len(titles(html)) == 3
    assert "found." not in html


def test_a_search_without_result_says_so_and_offers_to_clear_it(officer, shelf):
    html = officer("th").get("/", {"q": "no-such-course"}).content.decode()
    assert titles(html) == []
    with override("th"):
        assert gettext("No course matches your search.") in html
    assert '<a href="/">' in html


def test_an_unknown_topic_is_refused_at_its_field_and_not_applied(officer, shelf):
    response = officer("en").get("/", {"topic": "piracy"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. piracy is not one of the available choices." in html
    assert len(titles(html)) == 3


def test_estimated_time_reads_as_a_person_would_say_it(officer, shelf):
    html = officer("en").get("/").content.decode()
    assert "About 2 hours" in html  # TIP-1
    assert "About 90 minutes" in html  # WLC-1
    assert "About 1 hour<" in html  # DRG-1
    assert "hours hours" not in html and "About 1 hours" not in html
    course = officer("en").get(shelf["wlc"].course.url).content.decode()
    assert "About 90 minutes" in course


def test_time_estimate_rule():
    said = {
        h: (e.unit, str(e.amount)) if (e := time_estimate(Decimal(h))) else None
        for h in ("0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5", "3.2", "10")
    }
    assert said == {
        "0": None,
        "0.5": ("minutes", "30"),
        "1": ("hours", "1"),
        "1.5": ("minutes", "90"),
        "2": ("hours", "2"),
        "2.5": ("minutes", "150"),
        "3": ("hours", "3"),
        "3.5": ("hours", "3.5"),
        "3.2": ("hours", "3"),
        "10": ("hours", "10"),
    }


def test_search_matching_ignores_case_and_unicode_form():
    assert search_matches("KHÓA", ["Khóa học"])  # NFD capitals typed, NFC stored
    assert search_matches("", [])
    assert not search_matches("ivory rosewood", ["ivory only"])


def test_catalogue_queries_do_not_grow_with_the_number_of_courses(officer, people):
    client = officer("th")

    def count(courses: int) -> int:
        for n in range(courses):
            tree = build_course(code=f"Q{courses}-{n}", modules=1, lessons_per_module=1)
            if n == 0 and courses == 1:
                translate(tree.index, "th")
            translate(tree.course, "th", title=f"ไทย {n}")
        client.get("/")  # warm caches (locales, site)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/?q=&language=").status_code == 200
        return len(queries)

    assert count(1) == count(4)
