"""A lesson page kept per officer (learning.pagecache): served again only to the same officer,
and never once anything it shows has changed: a publish, a move or an unpublish, a view
restriction, the officer's own progress (made here or arriving by sync), their name, language
or role, a forced password change, a logout, an idle session. Its forms still work."""

import re
import time

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from learning.models import LearnerRecord, RecordKind
from learning.services import progress_recompute_merged
from modules.contentcache import ONE_BY_ONE, officer_changed
from officers.middleware import IdleSessionMiddleware
from officers.services import officer_create
from quizzes.practice import check_question
from tests.answering import lesson_with_checks
from tests.conftest import PASSWORD, publish, text_body
from tests.quizzes.conftest import OWN_QUESTIONS

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _enrolled(client, officer, tree):
    client.force_login(officer)
    client.post(reverse("course_enrol", args=[tree.course.pk]))
    return client


def _kept(client, url) -> str:
    """The page, viewed until it is served as kept: the first view records the opening, the
    second is rendered and kept, the third is the kept one (it reads no learner record)."""
    for _view in range(2):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "learnerrecord" in q["sql"]]
    return response.content.decode()


def _text(page: str) -> str:
    return TOKEN.sub("", page)


def test_a_kept_page_is_the_page_rendered(client, course_tree, people):
    _enrolled(client, people["learner"], course_tree)
    lesson = course_tree.lessons[0]
    client.get(lesson.url)
    rendered = client.get(lesson.url).content.decode()
    assert _text(_kept(client, lesson.url)) == _text(rendered)
    assert "Teaching text of lesson 1.1." in rendered and "สมชาย ใจดี" in rendered


def test_two_officers_never_see_each_others_page(course_tree, people):
    lesson = course_tree.lessons[0]
    somchai = _enrolled(Client(), people["learner"], course_tree)
    sokha = _enrolled(Client(), people["learner_kh"], course_tree)
    somchai.get(lesson.url)
    somchai.post(reverse("lesson_complete", args=[lesson.pk]))
    for _round in range(2):
        mine, theirs = _kept(somchai, lesson.url), _kept(sokha, lesson.url)
        assert "สมชาย ใจดี" in mine and "Sokha Chan" not in mine
        assert "Lesson completed" in mine
        assert "Sokha Chan" in theirs and "สมชาย ใจดี" not in theirs
        assert "Lesson completed" not in theirs
    # The same browser (one cookie jar), another officer logged in: their own page.
    somchai.force_login(people["learner_kh"])
    page = somchai.get(lesson.url).content.decode()
    assert "Sokha Chan" in page and "สมชาย ใจดี" not in page


def test_the_officers_progress_shows_at_once(client, course_tree, people):
    _enrolled(client, people["learner"], course_tree)
    lesson = course_tree.lessons[0]
    assert "Mark as complete and continue" in _kept(client, lesson.url)
    client.post(reverse("lesson_complete", args=[lesson.pk]))
    assert "Lesson completed" in client.get(lesson.url).content.decode()


def test_progress_arriving_by_sync_shows_at_once(client, course_tree, people):
    """Sync inserts records with SQL of its own, then derives progress for those they touch
    (``progress_recompute_merged``): that renews the officer's pages too."""
    officer = people["learner"]
    _enrolled(client, officer, course_tree)
    lesson = course_tree.lessons[0]
    assert "Mark as complete and continue" in _kept(client, lesson.url)
    LearnerRecord.objects.bulk_create(  # as sync's own INSERT: no service, no signal
        [
            LearnerRecord(
                kind=RecordKind.LESSON_COMPLETED,
                learner=officer,
                course_key=course_tree.course.translation_key,
                module_key=course_tree.modules[0].translation_key,
                lesson_key=lesson.translation_key,
                origin_node="8d3f6a52-6a1d-4c5e-9f1e-2b1c7f0e9a01",
                origin_seq=1,
                recorded_at=LearnerRecord.objects.filter(learner=officer)
                .latest("recorded_at")
                .recorded_at,
            )
        ]
    )
    progress_recompute_merged({(officer.pk, course_tree.course.translation_key)})
    assert "Lesson completed" in client.get(lesson.url).content.decode()


def test_a_change_to_many_officers_at_once_reaches_each_ones_page(client, course_tree, people):
    """A post's packet touches thousands of officers: one renewal serves them all."""
    officer = people["learner"]
    _enrolled(client, officer, course_tree)
    lesson = course_tree.lessons[0]
    kept = _kept(client, lesson.url)
    others = range(10**6, 10**6 + ONE_BY_ONE)  # with the officer: one more than one by one
    officer_changed([officer.pk, *others])
    with CaptureQueriesContext(connection) as queries:
        again = client.get(lesson.url)
    assert [q for q in queries.captured_queries if "learnerrecord" in q["sql"]]  # rendered anew
    assert _text(again.content.decode()) == _text(kept)


def test_a_publish_move_or_unpublish_shows_at_once(client, course_tree, people):
    _enrolled(client, people["learner"], course_tree)
    lesson, course = course_tree.lessons[0], course_tree.course
    _kept(client, lesson.url)
    lesson.body = text_body("Revised teaching text.")
    publish(lesson)
    assert "Revised teaching text." in client.get(lesson.url).content.decode()

    _kept(client, lesson.url)
    course.title = "Course renamed"
    publish(course)
    assert "Course renamed" in client.get(lesson.url).content.decode()

    _kept(client, lesson.url)
    lesson.move(course_tree.modules[1], pos="last-child")
    lesson.refresh_from_db()
    assert "Module 2" in client.get(lesson.url).content.decode()

    _kept(client, lesson.url)
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_a_view_restriction_applies_to_a_kept_page(client, course_tree, people):
    _enrolled(client, people["learner"], course_tree)
    lesson = course_tree.lessons[0]
    _kept(client, lesson.url)
    restriction = PageViewRestriction.objects.create(
        page=course_tree.course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Investigators only"))
    assert client.get(lesson.url).status_code == 302


def test_the_officers_name_language_and_role_show_at_once(client, course_tree, people):
    officer = people["learner"]
    _enrolled(client, officer, course_tree)
    lesson = course_tree.lessons[0]
    _kept(client, lesson.url)
    officer.full_name_native = "สมชาย เปลี่ยนชื่อ"
    officer.save()
    assert "สมชาย เปลี่ยนชื่อ" in client.get(lesson.url).content.decode()

    _kept(client, lesson.url)
    officer.preferred_language = "th"
    officer.save()
    assert 'lang="th"' in client.get(lesson.url).content.decode()

    _kept(client, lesson.url)
    assert reverse("wagtailadmin_home") not in _kept(client, lesson.url)
    officer.role = "trainer"
    officer.save()
    assert reverse("wagtailadmin_home") in client.get(lesson.url).content.decode()  # Authoring


def test_a_forced_password_change_logout_and_idle_session_stop_a_kept_page(
    client, course_tree, people, settings
):
    officer = people["learner"]
    _enrolled(client, officer, course_tree)
    lesson = course_tree.lessons[0]
    _kept(client, lesson.url)
    officer.must_change_password = True
    officer.save()
    assert client.get(lesson.url)["Location"] == reverse("password_change")

    officer.must_change_password = False
    officer.save()
    _kept(client, lesson.url)
    client.post(reverse("logout"))
    assert client.get(lesson.url)["Location"].startswith(reverse("login"))

    client.force_login(officer)
    _kept(client, lesson.url)
    session = client.session
    session[IdleSessionMiddleware.STAMP] = int(time.time()) - 3600 * 24
    session.save()
    assert client.get(lesson.url)["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("officer_name", ["learner"])
def test_a_kept_pages_form_works_and_sets_no_one_elses_cookie(course_tree, people, officer_name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people[officer_name])
    client.get(reverse("my_learning"))  # a CSRF cookie, as a browser has one
    token = client.cookies["csrftoken"].value
    client.post(
        reverse("course_enrol", args=[course_tree.course.pk]), {"csrfmiddlewaretoken": token}
    )
    lesson = course_tree.lessons[0]
    for _view in range(2):
        client.get(lesson.url)
    response = client.get(lesson.url)
    assert "sessionid" not in response.cookies
    form_token = TOKEN.search(response.content.decode()).group(1)
    done = client.post(
        reverse("lesson_complete", args=[lesson.pk]), {"csrfmiddlewaretoken": form_token}
    )
    assert done.status_code == 302
    assert "Lesson completed" in client.get(lesson.url).content.decode()


def test_the_lesson_opened_is_recorded_once_and_continue_leads_on(client, course_tree, people):
    officer = people["learner"]
    _enrolled(client, officer, course_tree)
    first, second = course_tree.lessons[:2]
    _kept(client, first.url)
    _kept(client, second.url)
    _kept(client, first.url)
    opened = LearnerRecord.objects.filter(learner=officer, kind=RecordKind.LESSON_OPENED)
    assert sorted(opened.values_list("lesson_key", flat=True)) == sorted(
        [first.translation_key, second.translation_key]
    )
    assert f'href="{second.url}"' in client.get(course_tree.course.url).content.decode()


def test_a_new_officer_is_not_served_an_old_officers_page_after_ids_are_reused(
    client, course_tree, people
):
    """The key holds every column of the officer's row, not only the id."""
    officer = officer_create(username="first", password=PASSWORD, full_name_latin="First One")
    _enrolled(client, officer, course_tree)
    lesson = course_tree.lessons[0]
    assert "First One" in _kept(client, lesson.url)
    officer.username, officer.full_name_latin = "second", "Second Two"
    officer.save()
    assert "Second Two" in client.get(lesson.url).content.decode()


def test_a_checks_answer_and_message_show_once_over_a_kept_page(client, course_tree, people):
    """Without JavaScript, "Check" comes back to the lesson with a message and the officer's
    choice: shown on that view only, then the kept page again, never a page holding them."""
    single = dict(OWN_QUESTIONS[0][1])
    single.pop("single", None)
    lesson = lesson_with_checks(course_tree.lessons[0], {"chk1": ("single", single)})
    _enrolled(client, people["learner"], course_tree)
    _kept(client, lesson.url)
    block = next(b for b in lesson.body if b.id == "chk1")
    shown = check_question(block.value, "chk1")["shown"]["options"]
    options = block.value[0].value["options"].bound_blocks
    visa = next(shown[c.id] for c in options if c.value["text"] == "Visa B")
    url = reverse("lesson_check", args=[lesson.pk, "chk1"])
    html = client.post(url, {"q-c-chk1": visa}, follow=True).content.decode()
    assert 'class="messages"' in html and f'value="{visa}" checked' in html
    again = _kept(client, lesson.url)
    assert 'class="messages"' not in again and f'value="{visa}" checked' not in again


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lesson_that_completes_its_course_renews_the_officers_pages_once(
    client, course_tree, people, monkeypatch
):
    """The last lesson writes three records (lesson, module, course), in one transaction: the
    officer's generation is written once, when it commits (real commits here), and the pages
    show the course complete at once."""
    officer = people["learner"]
    _enrolled(client, officer, course_tree)
    *before, last = course_tree.lessons
    for lesson in before:
        client.get(lesson.url)
        client.post(reverse("lesson_complete", args=[lesson.pk]))
    assert "Mark as complete and continue" in _kept(client, last.url)
    cache, writes = caches["pages"], []
    real_set_many = cache.set_many

    def counted(data, *args, **kwargs):
        writes.extend(key for key in data if key.endswith("generation"))
        return real_set_many(data, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", counted)
    client.post(reverse("lesson_complete", args=[last.pk]))
    kinds = LearnerRecord.objects.filter(learner=officer).values_list("kind", flat=True)
    assert {RecordKind.MODULE_COMPLETED, RecordKind.COURSE_COMPLETED} <= set(kinds)
    assert writes == [f"officer:{officer.pk}:generation"]
    page = client.get(last.url).content.decode()
    assert "Lesson completed" in page and "100%" in page


def test_a_page_no_restriction_applies_to_asks_nothing_of_view_restrictions(
    client, course_tree, people
):
    """Wagtail asks on every page it serves for the view restrictions of the page and of its
    ancestors: where none has one, that is known from the content cache with no query."""
    _enrolled(client, people["learner"], course_tree)
    lesson = course_tree.lessons[0]
    _kept(client, lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    asked = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in asked if "pageviewrestriction" in sql], asked


def test_a_view_restriction_removed_or_added_deeper_applies_from_the_next_view(
    client, course_tree, people
):
    _enrolled(client, people["learner"], course_tree)
    lesson, other = course_tree.lessons[0], course_tree.lessons[1]
    restriction = PageViewRestriction.objects.create(
        page=course_tree.modules[0], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Investigators only"))
    assert client.get(lesson.url).status_code == 302
    restriction.delete()
    assert client.get(lesson.url).status_code == 200

    # A restriction on the lesson itself, once the module's is gone and its page is kept.
    _kept(client, other.url)
    PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="only-with-this"
    )
    answered = client.get(other.url)
    assert answered.status_code == 200 and "password" in answered.content.decode().lower()
    assert "Teaching text" not in answered.content.decode()
