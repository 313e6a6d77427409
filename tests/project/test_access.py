"""Every URL as every role: who gets the page, who is sent to log in, who is refused.

A URL the user may not see answers 403 (a role that never may) or 404 (an object outside the
user's scope, so its existence does not leak), or sends an anonymous visitor to log in.
"""

from datetime import timedelta

import pytest
from django.urls import reverse

from assignments.services import cohort_create
from certificates.services import certificate_issue
from learning import services as learning_services
from tests.quizzes.conftest import build_quiz

OK, LOGIN, FORBIDDEN, NOT_FOUND, TO_COURSE = 200, "login", 403, 404, "course"
ROLES = ["anonymous", "learner", "enrolled", "trainer", "coordinator", "admin"]

# url name -> expected outcome per role, in ROLES order
TABLE = {
    "catalogue": [LOGIN, OK, OK, OK, OK, OK],
    "course": [LOGIN, OK, OK, OK, OK, OK],
    "module": [LOGIN, OK, OK, OK, OK, OK],
    "lesson": [LOGIN, TO_COURSE, OK, OK, OK, OK],
    "quiz": [LOGIN, TO_COURSE, OK, OK, OK, OK],
    "my_learning": [LOGIN, OK, OK, OK, OK, OK],
    "password_change": [LOGIN, OK, OK, OK, OK, OK],
    "coordinator": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "officer_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "officer_password_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "officer_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "officer_password_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "wagtail_admin": [LOGIN, LOGIN, LOGIN, OK, LOGIN, OK],
    "django_admin": [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, OK],
    "quiz_statistics": [LOGIN, LOGIN, LOGIN, OK, LOGIN, OK],
    "verify": [OK, OK, OK, OK, OK, OK],
    "my_certificates": [LOGIN, OK, OK, OK, OK, OK],
    "my_transcript": [LOGIN, OK, OK, OK, OK, OK],
    "transcript_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "transcript_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "certificate_pdf_of_enrolled": [LOGIN, NOT_FOUND, OK, NOT_FOUND, OK, OK],
    "certificates_coordinator": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "certificates_print": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "certificate_issue_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "certificate_issue_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "quiz_attempt": [LOGIN, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    "quiz_result": [LOGIN, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND],
    "quiz_start_by_get": [LOGIN, 405, 405, 405, 405, 405],
    "course_bundles": [LOGIN, LOGIN, LOGIN, OK, LOGIN, OK],
    "course_bundle_download": [LOGIN, LOGIN, LOGIN, OK, LOGIN, OK],
    "scorm_packages": [LOGIN, LOGIN, LOGIN, OK, LOGIN, OK],
    "operator_desk": [LOGIN, LOGIN, LOGIN, "302 to /admin/", LOGIN, OK],
    "roster_upload": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "audit_trail": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "roster_template": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "assignments": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "assignments_export": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "renewals_export": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "cohorts_export": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "exam_sessions_export": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "cohorts": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "cohort_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "cohort_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "certificates_expiring": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "exam_sessions": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "exam_open": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "exam_session_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "exam_screen_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "exam_roster_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "exam_session_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "exam_screen_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "exam_roster_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "dashboard": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "dashboard_export": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "progress_export": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "certificates_export": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "offline_home": [LOGIN, OK, OK, OK, OK, OK],
    "offline_course_manifest": [LOGIN, NOT_FOUND, OK, OK, OK, OK],
    "offline_sw": [OK, OK, OK, OK, OK, OK],
    "offline_web_manifest": [OK, OK, OK, OK, OK, OK],
    # The learner's own devices: theirs, and their coordinator's and an administrator's to see.
    "offline_device_list": [LOGIN, OK, NOT_FOUND, NOT_FOUND, OK, OK],
    "unpublished_lesson": [NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
}


def _exam_sessions(course_tree, people):
    """A session at a post in the coordinator's scope and one at a post outside it (its
    officers enrolled already, or outside every role walked: admission enrols)."""
    from django.utils import timezone

    from examsessions.services import session_open

    exam = build_quiz(course_tree.quizzes[1], with_bank=False, supervised_only=True)
    window = {"starts_at": timezone.now(), "ends_at": timezone.now() + timedelta(hours=1)}
    here, _code = session_open(
        actor=people["admin"],
        quiz=exam,
        post=people["learner_kh"].post,
        officers=[people["learner_kh"]],
        **window,
    )
    there, _code = session_open(
        actor=people["admin"],
        quiz=exam,
        post=people["learner_la"].post,
        officers=[people["learner_la"]],
        **window,
    )
    return here, there


@pytest.fixture
def world(course_tree, people):
    enrolled = people["learner_kh"]
    learning_services.enrolment_create(learner=enrolled, course=course_tree.course, actor=enrolled)
    hidden = course_tree.lessons[-1]
    hidden.unpublish()
    quiz = build_quiz(course_tree.quizzes[0])
    attempt = learning_services.quiz_start(learner=enrolled, quiz=quiz)
    done = learning_services.quiz_start(learner=enrolled, quiz=build_quiz(course_tree.quizzes[1]))
    learning_services.quiz_submit(learner=enrolled, attempt=done)
    certificate = certificate_issue(
        holder=enrolled, course=course_tree.course, actor=people["admin"], reason="Workshop"
    )
    home = cohort_create(
        actor=people["admin"], name="Poipet intake", post=people["learner_kh"].post
    )
    away = cohort_create(actor=people["admin"], name="Vientiane", post=people["learner_la"].post)
    here, there = _exam_sessions(course_tree, people)
    urls = {
        "assignments": reverse("assignments:list"),
        "assignments_export": reverse("coordination:assignments_export", args=["csv"]),
        "renewals_export": reverse("coordination:renewals_export", args=["xlsx"]),
        "cohorts_export": reverse("coordination:cohorts_export", args=["csv"]),
        "exam_sessions_export": reverse("coordination:exam_sessions_export", args=["xlsx"]),
        "cohorts": reverse("assignments:cohorts"),
        "cohort_in_scope": reverse("assignments:cohort", args=[home.uuid]),
        "cohort_out_of_scope": reverse("assignments:cohort", args=[away.uuid]),
        "certificates_expiring": reverse("assignments:expiring"),
        "catalogue": "/",
        "course": course_tree.course.url,
        "module": course_tree.modules[0].url,
        "lesson": course_tree.lessons[0].url,
        "quiz": course_tree.quizzes[0].url,
        "my_learning": reverse("my_learning"),
        "password_change": reverse("password_change"),
        "coordinator": reverse("coordination:progress"),
        "officer_in_scope": reverse("coordination:officer", args=[people["learner"].uuid]),
        "officer_password_in_scope": reverse(
            "coordination:officer_password", args=[people["learner"].uuid]
        ),
        "officer_out_of_scope": reverse("coordination:officer", args=[people["learner_la"].uuid]),
        "my_transcript": reverse("certificates:transcript"),
        "transcript_in_scope": reverse(
            "certificates:transcript_officer", args=[people["learner"].uuid]
        ),
        "transcript_out_of_scope": reverse(
            "certificates:transcript_officer", args=[people["learner_la"].uuid]
        ),
        "officer_password_out_of_scope": reverse(
            "coordination:officer_password", args=[people["learner_la"].uuid]
        ),
        "wagtail_admin": "/admin/",
        "django_admin": "/django-admin/",
        "unpublished_lesson": hidden.url,
        "quiz_statistics": reverse("quiz_stats:quiz", args=[quiz.pk]),
        "verify": reverse("certificates:verify"),
        "my_certificates": reverse("certificates:mine"),
        "certificate_pdf_of_enrolled": reverse("certificates:pdf", args=[certificate.pk]),
        "certificates_coordinator": reverse("certificates:coordinator"),
        "certificates_print": reverse("certificates:batch_new"),
        "certificate_issue_in_scope": reverse("certificates:issue", args=[people["learner"].uuid]),
        "certificate_issue_out_of_scope": reverse(
            "certificates:issue", args=[people["learner_la"].uuid]
        ),
        "quiz_attempt": reverse("quiz_attempt", args=[attempt.pk]),
        "quiz_result": reverse("quiz_result", args=[done.pk]),
        "quiz_start_by_get": reverse("quiz_start", args=[quiz.pk]),
        "course_bundles": reverse("coursebundles_admin:index"),
        "scorm_packages": reverse("scormpackages_admin:index"),
        "operator_desk": reverse("operatordesk:index"),
        "roster_upload": reverse("rosters:upload"),
        "audit_trail": reverse("coordination:audit"),
        "roster_template": reverse("rosters:template", args=["xlsx"]),
        "exam_sessions": reverse("examsessions:list"),
        "exam_open": reverse("examsessions:open"),
        **{
            f"exam_{page}_{where}": reverse(f"examsessions:{name}", args=[session.id])
            for page, name in (("session", "detail"), ("screen", "screen"), ("roster", "roster"))
            for where, session in (("in_scope", here), ("out_of_scope", there))
        },
        "offline_home": reverse("offline_home"),
        "offline_course_manifest": reverse("offline_course_manifest", args=[course_tree.course.pk]),
        "offline_sw": reverse("offline_sw"),
        "offline_web_manifest": reverse("offline_web_manifest"),
        "offline_device_list": reverse("offline_device_list", args=[people["learner"].uuid]),
        "dashboard": reverse("coordination:dashboard"),
        "dashboard_export": reverse("coordination:dashboard_export", args=["course", "xlsx"]),
        "progress_export": reverse("coordination:progress_export", args=["csv"]),
        "certificates_export": reverse("coordination:certificates_export", args=["xlsx"]),
        "course_bundle_download": reverse(
            "coursebundles_admin:download", args=[course_tree.course.pk]
        ),
    }
    users = {
        "anonymous": None,
        "learner": people["learner"],
        "enrolled": enrolled,
        "trainer": people["trainer"],
        "coordinator": people["coordinator"],
        "admin": people["admin"],
    }
    return urls, users, course_tree


def outcome(response, course_url):
    if response.status_code == 302:
        location = response["Location"]
        if "login" in location:
            return LOGIN
        if location == course_url:
            return TO_COURSE
        return f"302 to {location}"
    return response.status_code


@pytest.mark.parametrize("name", TABLE)
def test_every_url_as_every_role(name, world, client):
    urls, users, tree = world
    seen = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        seen.append(outcome(client.get(urls[name]), tree.course.url))
    assert seen == TABLE[name], dict(zip(ROLES, seen, strict=True))


def test_out_of_scope_pages_do_not_leak_the_officer(world, client):
    urls, users, _tree = world
    client.force_login(users["coordinator"])
    response = client.get(urls["officer_out_of_scope"])
    assert b"Khamla" not in response.content


def test_every_named_url_is_in_the_table():
    """A new URL of ours must be walked above (or listed here with where it is tested)."""
    from django.urls import get_resolver

    resolver = get_resolver()
    ours = {name for name in resolver.reverse_dict if isinstance(name, str)}
    ours = {n for n in ours if not n.startswith("wagtail") and n not in {"wagtail_serve"}}
    namespaced = {
        f"{namespace}:{n}"
        for namespace in (
            "coordination",
            "certificates",
            "coursebundles",
            "operatordesk",
            "rosters",
            "examsessions",
        )
        for n in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(n, str)
    }
    walked = set(TABLE) | {
        "coordination:progress",
        "coordination:officer",
        "certificates:verify",
        "certificates:mine",
        "certificates:pdf",
        "certificates:coordinator",
        "certificates:batch_new",
        "certificates:issue",
        "certificates:transcript",
        "certificates:transcript_officer",
    }
    elsewhere = {
        "login": "tests/officers/test_accounts.py",
        "logout": "tests/browser",
        "set_language": "tests/officers/test_accounts.py",
        "course_enrol": "tests/learning/test_views.py",
        "lesson_complete": "tests/learning/test_views.py",
        "quiz_start": "tests/quizzes/test_attempts.py",
        "lesson_check": "tests/quizzes/test_practice.py",
        "coordination:officer_enrol": "tests/coordination/test_progress_table.py",
        "coordination:officer_password": "tests/officers/test_accounts.py",
        "certificates:revoke": "tests/certificates/test_issuing.py",
        "certificates:batch": "tests/certificates/test_printing.py",
        "node_enrol": "tests/nodes/test_enrolment.py (signed by a code, not a session)",
        "operatordesk:index": "walked above as 'operator_desk'",
        "operatordesk:start": "tests/operatordesk/test_operator_page.py",
        "operatordesk:job": "tests/operatordesk/test_operator_page.py",
        "sync_exchange": "tests/recordsync/test_http.py (signed packets, not a session)",
        "coursebundles:hub_courses": "tests/coursebundles/test_admin_and_http.py (signed)",
        "coursebundles:hub_bundle": "tests/coursebundles/test_admin_and_http.py (signed)",
        "coordination:dashboard": "walked above as 'dashboard'",
        "coordination:dashboard_export": "walked above as 'dashboard_export'",
        "coordination:progress_export": "walked above as 'progress_export'",
        "coordination:certificates_export": "walked above as 'certificates_export'",
        "coordination:assignments_export": "walked above as 'assignments_export'",
        "coordination:renewals_export": "walked above as 'renewals_export'",
        "coordination:cohorts_export": "walked above as 'cohorts_export'",
        "coordination:exam_sessions_export": "walked above as 'exam_sessions_export'",
        "rosters:upload": "walked above as 'roster_upload'",
        "examsessions:list": "walked above as 'exam_sessions'",
        "examsessions:open": "walked above as 'exam_open'",
        "examsessions:detail": "walked above as 'exam_session_in_scope'",
        "examsessions:screen": "walked above as 'exam_screen_in_scope'",
        "examsessions:roster": "walked above as 'exam_roster_in_scope'",
        "examsessions:admit": "tests/examsessions/test_running.py",
        "examsessions:extend": "tests/examsessions/test_running.py",
        "examsessions:close": "tests/examsessions/test_running.py",
        "examsessions:check_in": "tests/examsessions/test_starting.py",
        "coordination:audit": "walked above as 'audit_trail'",
        "rosters:template": "walked above as 'roster_template'",
        "rosters:preview": "tests/rosters (the owner's own upload; another's is 404)",
        "rosters:confirm": "tests/rosters/test_import_page.py",
        "rosters:discard": "tests/rosters/test_import_page.py",
        "rosters:import": "tests/rosters/test_import_job.py (the owner's own; another's is 404)",
        "rosters:sheet_pdf": "tests/rosters/test_password_sheet.py",
        "offline_devices": "tests/offlinemode/test_devices.py (POST, CSRF)",
        "offline_activity": "tests/offlinemode/test_activity.py (POST, signed items)",
        "offline_device_withdraw": "tests/offlinemode/test_withdraw.py (POST, CSRF, every role)",
    }
    named = {n for n in ours if "/" not in n} | namespaced
    unaccounted = {
        n
        for n in named
        if n not in walked and n not in elsewhere and n not in {"my_learning", "password_change"}
    }
    assert unaccounted == set(), unaccounted
