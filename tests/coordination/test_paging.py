"""The coordinator's progress table and certificate list at the size of a region: a page at a
time with "showing X-Y of Z" and page links, a search by name in any script, service number or
post, the coordinator's scope on every page and in every search, and the same number of queries
on the first page as on the last, with few officers as with many."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from elearning.paging import PER_PAGE
from learning import services
from officers.models import User

THAI = ("วิชัย", "Wichai")
DASH = "\N{EN DASH}"  # "Showing 1\N{EN DASH}50 of 132"


def crowd(posts, *, at: str, count: int, start: int = 0) -> list[User]:
    """``count`` officers at ``posts[at]``; every third is Wichai (วิชัย) by name."""
    officers = [
        User(
            username=f"{at}{n:04d}",
            full_name_native=f"{THAI[0]} ศรีสุข" if n % 3 == 0 else "",
            full_name_latin=f"{THAI[1]} Srisuk {n:04d}" if n % 3 == 0 else f"Officer {n:04d}",
            service_number=f"{at.upper()}-{n:05d}",
            post=posts[at],
            country=posts[at].country,
        )
        for n in range(start, start + count)
    ]
    return User.objects.bulk_create(officers)


def certify(officers: list[User]) -> None:
    with transaction.atomic():
        for n, officer in enumerate(officers):
            Certificate.stamped(
                recorded_at=timezone.now() - datetime.timedelta(minutes=n),
                code=f"TEST-{officer.username}",
                holder=officer,
                holder_native=officer.full_name_native,
                holder_latin=officer.full_name_latin,
                course_key=uuid.uuid4(),
                course_code="TIP-101",
                course_title="Trafficking in persons",
                issued_on=datetime.date(2026, 11, 1),
                payload="-",
            )


def progress_usernames(response) -> list[str]:
    return [row.officer.username for row in response.context["rows"]]


def certificate_holders(response) -> list[str]:
    return [c.holder.username for c in response.context["certificates"]]


PAGES = {
    "progress": ("coordination:progress", progress_usernames),
    "certificates": ("certificates:coordinator", certificate_holders),
}


@pytest.fixture
def region(course_tree, people, posts):
    """130 officers in the coordinator's scope (Thai post) and 40 outside it (Lao post), all
    certified; the Lao ones include Wichais too."""
    inside = crowd(posts, at="th", count=130) + [people["learner"], people["learner_kh"]]
    outside = crowd(posts, at="la", count=40, start=1000)
    certify(inside + outside)
    return {"inside": inside, "outside": outside}


def get(client, which: str, course_tree, **params):
    name, _rows = PAGES[which]
    if which == "progress":
        params.setdefault("course", course_tree.course.pk)
    return client.get(reverse(name), params)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_officer_in_scope_appears_once_across_the_pages(
    client, course_tree, people, region, page
):
    client.force_login(people["coordinator"])
    first = get(client, page, course_tree)
    html = first.content.decode()
    total = len(region["inside"])
    assert f"Showing 1{DASH}{PER_PAGE} of {total}" in html
    last_page = -(-total // PER_PAGE)
    assert f"page={last_page}" in html and 'rel="next"' in html
    seen: list[str] = []
    for number in range(1, last_page + 1):
        seen += PAGES[page][1](get(client, page, course_tree, page=number))
    assert len(seen) == len(set(seen)) == total
    assert set(seen) == {o.username for o in region["inside"]}
    last = get(client, page, course_tree, page=last_page).content.decode()
    assert f"Showing {PER_PAGE * (last_page - 1) + 1}{DASH}{total} of {total}" in last
    assert 'rel="next"' not in last


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("word", THAI)
def test_search_finds_by_name_in_thai_script_and_in_latin_letters_in_scope_only(
    client, course_tree, people, region, page, word
):
    client.force_login(people["coordinator"])
    found = PAGES[page][1](get(client, page, course_tree, q=word))
    wichais_inside = {o.username for o in region["inside"] if THAI[1] in o.full_name_latin}
    assert set(found) == wichais_inside  # 44 of them: one page
    assert not any(name.startswith("la") for name in found)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_search_by_service_number_and_post_keeps_the_scope(
    client, course_tree, people, region, page
):
    client.force_login(people["coordinator"])
    assert PAGES[page][1](get(client, page, course_tree, q="TH-00042")) == ["th0042"]
    assert PAGES[page][1](get(client, page, course_tree, q="LA-01001")) == []
    assert PAGES[page][1](get(client, page, course_tree, q="Vientiane")) == []
    poipet = PAGES[page][1](get(client, page, course_tree, q="poipet"))
    assert poipet == ["learner_kh"]
    beyond = get(client, page, course_tree, q=THAI[1], page=9)  # one page only: that one
    assert set(PAGES[page][1](beyond)) == {
        o.username for o in region["inside"] if THAI[1] in o.full_name_latin
    }


def test_a_search_keeps_the_filters_in_the_page_links(client, course_tree, people, region):
    client.force_login(people["coordinator"])
    html = get(client, "progress", course_tree, q="Officer").content.decode()
    links = re.findall(r'href="\?([^"]+page=2)"', html)
    assert links and all("q=Officer" in link and "course=" in link for link in links)


def queries(client, which, course_tree, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = get(client, which, course_tree, **params)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_is_the_same_on_every_page_and_at_every_size(
    client, course_tree, people, posts, page
):
    client.force_login(people["coordinator"])
    small = crowd(posts, at="th", count=10)
    certify(small)
    for officer in small:
        services.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    queries(client, page, course_tree)  # the session and this process's caches, once
    few = queries(client, page, course_tree)
    more = crowd(posts, at="th", count=150, start=10)
    certify(more)
    for officer in more[:60]:
        services.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    assert queries(client, page, course_tree) == few
    assert queries(client, page, course_tree, page=4) == few
    assert queries(client, page, course_tree, q=THAI[0], page=2) == few
