"""Quiz statistics in Wagtail's admin, for trainers and administrators (anyone with Wagtail admin
access; everyone else is sent to the admin login). Thin: ``reports`` reads, ``statistics``
computes; these views only pick the page and write HTML or CSV.

CSV files are UTF-8 with a byte-order mark, so Excel opens Thai, Khmer or Lao text correctly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access

from courses.models import CoursePage
from modules.models import QuizPage
from questionbank.blocks import QUESTION_BLOCK_TYPES

from . import reports
from . import statistics as stats

BOM = "\ufeff"


def _csv(filename: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _type_label(question_type: str) -> str:
    block = QUESTION_BLOCK_TYPES.get(question_type)
    return str(block().meta.label) if block is not None else question_type


@require_admin_access
def quiz_list(request):
    return TemplateResponse(
        request, "quizzes/admin/quiz_list.html", {"overview": reports.quiz_overview()}
    )


@require_admin_access
def quiz_detail(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    report = reports.quiz_report(quiz=quiz)
    rows = [
        {"number": n, "q": q, "type_label": _type_label(q.type)}
        for n, q in enumerate(report.questions, start=1)
    ]
    return TemplateResponse(
        request,
        "quizzes/admin/quiz_detail.html",
        {"report": report, "rows": rows, "choice_rows": [r for r in rows if r["q"].is_choice]},
    )


@require_admin_access
def quiz_questions_csv(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    report = reports.quiz_report(quiz=quiz)
    header = [
        _("Number"),
        _("Question id"),
        _("Question"),
        _("Type"),
        _("Points"),
        _("Times drawn"),
        _("Answered"),
        _("Facility (%)"),
        _("Discrimination"),
        _("Mean score (%)"),
        _("Options chosen"),
    ]
    rows = (stats.question_csv_row(n, q) for n, q in enumerate(report.questions, start=1))
    return _csv(f"{quiz.slug}-questions.csv", header, rows)


@require_admin_access
def course_gain(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    report = reports.course_gain_report(course=course)
    groups = []
    if report.gain is not None:
        groups = [
            (_("By post"), report.gain.by_post),
            (_("By agency"), report.gain.by_agency),
            (_("By country"), report.gain.by_country),
        ]
    return TemplateResponse(
        request, "quizzes/admin/course_gain.html", {"report": report, "groups": groups}
    )


@require_admin_access
def course_gain_csv(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    report = reports.course_gain_report(course=course)
    header = [
        _("Officer"),
        _("Username"),
        _("Post"),
        _("Agency"),
        _("Country"),
        _("Pre-test (%)"),
        _("Post-test (%)"),
        _("Gain (points)"),
    ]
    officers = report.gain.officers if report.gain is not None else ()
    return _csv(
        f"{course.slug}-knowledge-gain.csv", header, (stats.gain_csv_row(r) for r in officers)
    )
