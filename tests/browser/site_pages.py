"""Every learner and coordinator page, for the phone and accessibility tests: demo-like content
made to stretch a narrow screen (long words, a long course code, long matching options, a wide
table, names in two scripts), and the list of pages that shows it, checked against the URL conf
so a new page cannot be left out.

``build_site(make_course, make_officer, people=..., language=...)`` makes the content and
returns the pages; ``uncovered_urls(pages)`` names the URL patterns and page types the list
misses.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from tests.answering import lesson_with_checks
from tests.browser.conftest import close_context
from tests.conftest import PASSWORD

# Who sees each page, by user name in ``tests/conftest.py``'s ``people``.
USERNAMES = {"learner": "learner", "coordinator": "coord", "admin": "admin"}

LONG_WORD = "Antitraffickinginterdictionprocedures"
LONG_CODE = "WLC-CITES-ENFORCEMENT-2026"
# Matching options as trainers write them: whole sentences, one of them a single long token.
LONG_PAIRS = [
    (
        "Appendix I of the Convention on International Trade in Endangered Species",
        "Commercial trade in wild-caught specimens is prohibited except in exceptional "
        "circumstances, with both an import and an export permit",
    ),
    (
        "Appendix II of the Convention",
        "Trade is controlled: an export permit is needed, issued only if the trade will not "
        "be detrimental to the survival of the species in the wild",
    ),
    (
        "Appendix III",
        f"Species protected in at least one country that asked the other Parties for help "
        f"({LONG_WORD}/https://cites.example.org/eng/app/appendices.php)",
    ),
]

# Actions (POST only, or a file download), not pages a person reads: no layout to check.
ACTIONS = {
    "logout",
    "course_enrol",
    "lesson_complete",
    "lesson_check",
    "quiz_start",
    "certificates:revoke",
    "certificates:pdf",
    "coordination:officer_enrol",
    "operatordesk:start",
    "rosters:template",
    "coordination:progress_export",
    "coordination:dashboard_export",
    "coordination:certificates_export",
    "coordination:assignments_export",
    "coordination:renewals_export",
    "coordination:cohorts_export",
    "coordination:exam_sessions_export",
    "rosters:confirm",
    "rosters:discard",
    "rosters:sheet_pdf",
    "assignments:assign",
    "assignments:change",
    "assignments:cohort_add",
    "assignments:cohort_remove",
    "assignments:cohort_rename",
    "assignments:cohort_assign",
    "assignments:cohort_withdraw",
    "examsessions:admit",
    "examsessions:extend",
    "examsessions:close",
    "examsessions:roster",
    "examsessions:check_in",
    "offline_device_withdraw",
}
# Parts of the URL conf that are not learner or coordinator pages: Wagtail's and Django's
# admin (except the post operator's page, ``operatordesk``), machine-to-machine endpoints and files.
NOT_PAGES = ("admin/", "django-admin/", "documents/", "nodes/", "sync/", "bundles/", "media/")
# The offline mode's service worker, web app manifest and JSON endpoints (issue 15).
NOT_PAGES += ("sw.js", "manifest.webmanifest", "offline/courses/", "offline/devices/")
NOT_PAGES += ("offline/activity/",)
# Wagtail's page serving (pages are counted by their type instead) and its forms for private
# pages, which this site does not use.
WAGTAIL_SERVING = {"wagtail_serve", "wagtailcore_login", "wagtailcore_authenticate_with_password"}
# Pages whose accessibility and phone layout a test of their own checks, with what they need
# (a SCORM lesson plays a stored package from the content origin).
COVERED_ELSEWHERE = {
    "ScormLessonPage",  # tests/browser/test_scorm_player.py: axe on a desktop and a phone, 44 px
}


@dataclass(frozen=True)
class SitePage:
    name: str  # the URL name or page type it covers
    url: str
    who: str  # "" (not logged in), "learner", "coordinator" or "admin"
    # What a person then does on the page (send a form with a mistake, ask for feedback), to
    # check the page it leads to as well: errors, verdicts and warnings are pages too.
    then: Callable[[Page], None] | None = None


def _click(selector: str) -> Callable[[Page], None]:
    def click(tab: Page) -> None:
        tab.locator(selector).first.click()
        tab.wait_for_load_state()

    return click


def _fill_and_send(**values: str) -> Callable[[Page], None]:
    """Fill fields by id (``id_<name>``) and send the page's main form."""

    def send(tab: Page) -> None:
        for name, value in values.items():
            tab.locator(f"#id_{name}").fill(value)
        tab.locator("main form.stack button[type=submit]").click()
        tab.wait_for_load_state()

    return send


def _checked(tab: Page) -> None:
    """Ask for feedback on the lesson's knowledge check, nothing chosen: it shows it in place."""
    tab.locator("form.check button[type=submit]").click()
    tab.locator("form.check .feedback p").first.wait_for()


def uid() -> str:
    return str(uuid.uuid4())


def _matching(stem: str) -> dict:
    return {
        "stem": f"<p>{stem}</p>",
        "points": 1,
        "partial_credit": True,
        "pairs": [
            {"type": "item", "id": uid(), "value": {"left": left, "right": right}}
            for left, right in LONG_PAIRS
        ],
    }


def matching_quiz(module, *, title: str = "Appendices quiz", slug: str = "quiz"):
    """Publish a quiz at the end of ``module`` with one matching question of long options and
    one single-choice question."""
    from modules.models import QuizPage

    quiz = QuizPage(title=title, slug=slug, pass_mark=50, review="answers")
    module.add_child(instance=quiz)
    quiz.questions = json.dumps(
        [
            {"type": "own_matching", "id": uid(), "value": _matching("Match each appendix.")},
            {
                "type": "own_single",
                "id": uid(),
                "value": {
                    "stem": "<p>Who may issue a CITES permit?</p>",
                    "points": 1,
                    "options": [
                        {
                            "type": "item",
                            "id": uid(),
                            "value": {"text": text, "correct": correct, "feedback": ""},
                        }
                        for text, correct in [
                            ("The national Management Authority", True),
                            ("Any customs officer at the border", False),
                        ]
                    ],
                },
            },
        ]
    )
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return quiz


def _lesson_with_a_knowledge_check(lesson) -> None:
    body = [
        {
            "type": "text",
            "value": f"<p>{LONG_WORD} and {LONG_CODE}: what the officer does first.</p>",
            "id": uid(),
        },
        {
            "type": "callout",
            "value": {"title": "Key point", "text": f"Seal the evidence ({LONG_WORD})."},
            "id": uid(),
        },
    ]
    lesson_with_checks(
        lesson, {uid(): ("matching", _matching("Practise: match them."))}, before=body
    )


def build_site(make_course, make_officer, *, people: dict, language: str = "en") -> list[SitePage]:
    """Make the content and activity every learner and coordinator page shows, with the
    officers' interface in ``language``; return the pages."""
    from assignments.services import (
        assignment_create,
        cohort_assign,
        cohort_create,
        cohort_member_add,
    )
    from certificates.batches import batch_request
    from certificates.services import certificate_issue
    from learning.services import enrolment_create, lesson_complete, lesson_open
    from officers.services import officer_set_language
    from operatordesk.models import OperatorJob
    from quizzes.services import attempt_start, attempt_submit
    from rosters.models import RosterImport
    from rosters.services import password_sheet_write, roster_upload_store
    from rosters.slips import Slip, slips_pdf

    learner, coordinator, admin = people["learner"], people["coordinator"], people["admin"]
    learner.full_name_native = "สมชาย ใจดีมากมายยาวนานเป็นพิเศษสำหรับการทดสอบ"
    learner.full_name_latin = f"Somchai {LONG_WORD}"
    learner.service_number = "TH-IMM-2026-0000000123456789"
    learner.save()
    for person in (learner, coordinator, admin):
        officer_set_language(user=person, language=language)

    made = make_course(
        f"Wildlife crime and {LONG_WORD}",
        "wildlife-crime",
        LONG_CODE,
        lessons=2,
        thai_title=f"อาชญากรรมสัตว์ป่าและการสกัดกั้นการค้ามนุษย์ข้ามชาติ {LONG_WORD}",
    )
    first = made.lessons[0]
    for lesson in (first, made.thai[first.pk]):
        _lesson_with_a_knowledge_check(lesson)
    quiz = matching_quiz(made.module)
    enrolment_create(learner=learner, course=made.course, actor=learner)
    for lesson in made.lessons:
        lesson_open(learner=learner, lesson=lesson)
    lesson_complete(learner=learner, lesson=made.lessons[0])
    submitted = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(learner=learner, attempt=submitted, responses={})
    open_attempt = attempt_start(learner=learner, quiz=quiz)
    certificate = certificate_issue(
        holder=learner, course=made.course, actor=admin, reason="Workshop"
    )
    job = batch_request(viewer=coordinator, course=made.course)
    operator_job = OperatorJob.objects.create(
        kind=OperatorJob.Kind.PACKET_IMPORT,
        status=OperatorJob.Status.FAILED,
        file_name=f"{LONG_WORD}-{uuid.uuid4()}.packet",
        message=f"Could not read {LONG_WORD}-{uuid.uuid4()}.packet",
        result={
            "rejected": [
                {
                    "table": "learning.LearnerRecord",
                    "origin": str(uuid.uuid4()),
                    "seq": n,
                    "reason": f"{LONG_WORD}: signature does not match {uuid.uuid4()}",
                }
                for n in range(3)
            ]
        },
        requested_by=admin,
    )

    # An import to preview, with an error at a cell and a long name, and a sheet of passwords.
    roster = roster_upload_store(
        owner=coordinator,
        source=io.BytesIO(
            "full_name_native,full_name_latin,service_number,post,courses\n"
            f"{learner.full_name_native},Somchai {LONG_WORD},TH-1,{learner.post.code},"
            f"{LONG_CODE}\n,Dara,KH-1,nowhere,\n".encode()
        ),
        name=f"{LONG_WORD}.csv",
    )
    slip = Slip(
        native=learner.full_name_native,
        latin=learner.full_name_latin,
        username=learner.username,
        password="abcd-efgh-jkmn",
        post=learner.post.name,
        address="http://127.0.0.1:8000/",
    )
    sheet = password_sheet_write(owner=coordinator, pdf=slips_pdf(slips=[slip], language=language))
    imported = RosterImport.objects.create(
        owner=coordinator,
        file_name=f"{LONG_WORD}.csv",
        rows=1,
        base_url="http://127.0.0.1:8000/",
        status=RosterImport.Status.DONE,
        counts={"created": 1, "updated": 0, "unchanged": 0, "enrolments": 1, "cohort_joins": 1},
        sheet=sheet,
    )

    # A cohort with a long name and the course assigned, overdue: My learning shows it.
    cohort = cohort_create(actor=coordinator, name=f"Intake {LONG_WORD}", post=learner.post)
    cohort_member_add(actor=coordinator, cohort=cohort.uuid, officer=learner)
    cohort_assign(actor=coordinator, cohort=cohort.uuid, course=made.course, due_on=None)
    assignment_create(
        actor=coordinator, officer=learner, course=made.course, due_on=datetime.date(2026, 1, 5)
    )
    # An exam session of the site's quiz (marked supervised after the learner's attempts).
    from django.utils import timezone

    from examsessions.services import session_open
    from modules.models import QuizPage

    QuizPage.objects.filter(translation_key=quiz.translation_key).update(supervised_only=True)
    quiz.supervised_only = True
    exam, _code = session_open(
        actor=coordinator,
        quiz=quiz,
        post=learner.post,
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=2),
        officers=[learner],
    )
    exams = f"/coordinator/exams/{exam.id}/"

    officer = f"/coordinator/officers/{learner.uuid}/"
    return [
        SitePage("login", "/accounts/login/", "", _fill_and_send(username="x", password="y")),
        SitePage("set_language", "/language/", ""),
        SitePage("certificates:verify", "/verify/", "", _fill_and_send(text=certificate.code)),
        SitePage("CourseIndexPage", "/", "learner"),
        SitePage("CoursePage", made.url, "learner"),
        SitePage("ModulePage", made.module.url, "learner"),
        SitePage("LessonPage", made.lesson_url(1), "learner", _checked),
        SitePage("QuizPage", quiz.url, "learner"),
        SitePage(
            "quiz_attempt",
            f"/learn/attempts/{open_attempt.pk}/",
            "learner",
            _click("button[value=submit]"),  # "you have not answered 2 questions"
        ),
        SitePage("quiz_result", f"/learn/attempts/{submitted.pk}/result/", "learner"),
        SitePage("my_learning", "/my-learning/", "learner"),
        SitePage("certificates:mine", "/my-certificates/", "learner"),
        SitePage("offline_home", "/offline/", "learner"),
        SitePage("offline_device_list", f"/offline/officers/{learner.uuid}/devices/", "learner"),
        SitePage("certificates:transcript", "/learning/transcript/", "learner"),
        SitePage(
            "password_change",
            "/accounts/password/",
            "learner",
            _fill_and_send(old_password="wrong", new_password1="a", new_password2="b"),
        ),
        SitePage("coordination:progress", "/coordinator/", "coordinator"),
        SitePage("coordination:dashboard", "/coordinator/dashboard/", "coordinator"),
        SitePage("coordination:officer", officer, "coordinator"),
        SitePage("coordination:officer_password", f"{officer}password/", "coordinator"),
        SitePage("certificates:issue", f"{officer}certificate/", "coordinator"),
        SitePage("certificates:transcript_officer", f"{officer}transcript/", "coordinator"),
        SitePage("certificates:coordinator", "/coordinator/certificates/", "coordinator"),
        SitePage("certificates:batch_new", "/coordinator/certificates/print/", "coordinator"),
        SitePage("certificates:batch", f"/coordinator/certificates/print/{job.pk}/", "coordinator"),
        SitePage("rosters:upload", "/coordinator/officers/import/", "coordinator"),
        SitePage("coordination:audit", "/coordinator/audit/", "coordinator"),
        SitePage("rosters:preview", f"/coordinator/officers/import/{roster.uuid}/", "coordinator"),
        SitePage(
            "rosters:import",
            f"/coordinator/officers/import/imports/{imported.uuid}/",
            "coordinator",
        ),
        SitePage("assignments:list", "/coordinator/assignments/?who=Somchai", "coordinator"),
        SitePage("assignments:cohorts", "/coordinator/assignments/cohorts/", "coordinator"),
        SitePage(
            "assignments:cohort",
            f"/coordinator/assignments/cohorts/{cohort.uuid}/?q=Somchai",
            "coordinator",
        ),
        SitePage(
            "assignments:expiring", "/coordinator/assignments/certificates-expiring/", "coordinator"
        ),
        SitePage("examsessions:list", "/coordinator/exams/", "coordinator"),
        SitePage("examsessions:open", "/coordinator/exams/open/", "coordinator"),
        SitePage("examsessions:detail", exams, "coordinator"),
        SitePage("examsessions:screen", f"{exams}screen/", "coordinator"),
        SitePage("operatordesk:index", "/admin/operator/", "admin"),
        SitePage("operatordesk:job", f"/admin/operator/{operator_job.pk}/", "admin"),
    ]


def _url_names(patterns, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """(route, name) of every named URL pattern, with includes flattened."""
    from django.urls import URLPattern, URLResolver

    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _url_names(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((route, namespace + pattern.name))
    return found


def uncovered_urls(pages: list[SitePage]) -> set[str]:
    """The learner and coordinator pages (URL names from the URL conf, page types from
    Wagtail's page models) that ``pages`` does not visit."""
    from django.urls import get_resolver
    from wagtail.models import Page, get_page_models

    names = {
        name
        for route, name in _url_names(get_resolver().url_patterns)
        if not route.lstrip("^").startswith(NOT_PAGES) or name.startswith("operatordesk:")
    }
    names |= {model.__name__ for model in get_page_models() if model is not Page}
    return names - ACTIONS - WAGTAIL_SERVING - COVERED_ELSEWHERE - {page.name for page in pages}


def open_as(browser, base_url: str, who: str, *, width: int, language: str = "en"):
    """A tab in a fresh context ``width`` px wide, whose browser asks for ``language``, logged
    in through the site's form as ``who`` (nobody if empty)."""
    context = browser.new_context(
        base_url=base_url,
        locale={"en": "en-GB"}.get(language, language),
        viewport={"width": width, "height": 800},
        has_touch=True,
        is_mobile=width < 600,
        bypass_csp=True,  # lets a test inject its checker (axe) into the page
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    if who:
        tab.goto("/accounts/login/")
        tab.locator("#id_username").fill(USERNAMES[who])
        tab.locator("#id_password").fill(PASSWORD)
        tab.locator("main form button[type=submit]").click()
        expect(tab).not_to_have_url(re.compile(r"/accounts/login/"))
    return tab


def visit(
    browser, base_url: str, pages: list[SitePage], *, width: int, language: str = "en"
) -> Iterator[tuple[str, Page]]:
    """Open each page (and what it leads to) as its person would, ``width`` px wide; yield
    where it is (the URL, and what was done there) and the tab showing it."""
    tabs: dict[str, Page] = {}
    try:
        for site_page in pages:
            if site_page.who not in tabs:
                tabs[site_page.who] = open_as(
                    browser, base_url, site_page.who, width=width, language=language
                )
            tab = tabs[site_page.who]
            response = tab.goto(site_page.url)
            assert response.ok, f"{site_page.url}: {response.status}"
            yield site_page.url, tab
            if site_page.then is not None:
                site_page.then(tab)
                yield f"{site_page.url}, then {site_page.then.__qualname__}", tab
    finally:
        for tab in tabs.values():
            close_context(tab.context)
