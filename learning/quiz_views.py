"""The officer's quiz pages: start an attempt, answer, submit, review. Thin: each parses the
form, calls one service, renders. The attempt page shows only ``presentation()`` of the
snapshot (shown ids, never key ids); what the form sends is mapped back to key ids here, on the
server, before any service sees it. No correct answer reaches the browser before submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from modules.models import QuizPage
from quizzes import review as reviews
from quizzes import snapshot as snapshots
from quizzes import wording
from quizzes.forms import form_values, responses_from_post
from quizzes.models import AttemptDraft, QuizAttempt, QuizSubmission
from quizzes.selectors import quiz_review_level
from quizzes.services import AttemptRefused, attempt_save

from . import services


def _own_attempt(request, attempt_id) -> QuizAttempt:
    # Someone else's attempt, or a tampered id, is simply not found.
    return get_object_or_404(QuizAttempt, pk=attempt_id, learner=request.user)


def _quiz_of(attempt: QuizAttempt) -> QuizPage | None:
    return QuizPage.objects.filter(translation_key=attempt.quiz_key).first()


@login_required
@require_POST
def quiz_start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        attempt = services.quiz_start(learner=request.user, quiz=quiz)
    except services.NotEnrolled:
        raise Http404 from None
    except AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(quiz.url)
    return redirect("quiz_attempt", attempt_id=attempt.pk)


@login_required
@require_http_methods(["GET", "POST"])
def quiz_attempt(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if hasattr(attempt, "submission"):
        return redirect("quiz_result", attempt_id=attempt.pk)
    quiz = _quiz_of(attempt)
    questions = snapshots.presentation(attempt.snapshot)
    one_per_page = quiz is not None and quiz.layout == "per_question"
    pages = Paginator(questions, 1 if one_per_page else max(1, len(questions)))
    page = pages.get_page(request.GET.get("q") or request.POST.get("q") or 1)
    shown = list(page.object_list)
    confirm_unanswered = 0

    if request.method == "POST":
        action = request.POST.get("action", "save")
        responses = snapshots.responses_to_key_ids(
            attempt.snapshot, responses_from_post(shown, request.POST)
        )
        try:
            if action in {"submit", "confirm"}:
                attempt_save(learner=request.user, attempt=attempt, responses=responses)
                saved = AttemptDraft.objects.get(attempt=attempt).responses
                confirm_unanswered = sum(1 for q in questions if q["id"] not in saved)
                if action == "confirm" or not confirm_unanswered:
                    services.quiz_submit(learner=request.user, attempt=attempt)
                    return redirect("quiz_result", attempt_id=attempt.pk)
            else:
                attempt_save(learner=request.user, attempt=attempt, responses=responses)
                target = {"next": page.next_page_number, "previous": page.previous_page_number}
                if action in target:
                    number = target[action]()
                    return redirect(f"{reverse('quiz_attempt', args=[attempt.pk])}?q={number}")
                messages.success(request, _("Your answers are saved."))
                return redirect(f"{reverse('quiz_attempt', args=[attempt.pk])}?q={page.number}")
        except AttemptRefused as refusal:
            messages.error(request, str(refusal))
            if QuizSubmission.objects.filter(attempt=attempt).exists():  # closed: time ran out
                return redirect("quiz_result", attempt_id=attempt.pk)
    draft = AttemptDraft.objects.filter(attempt=attempt).first()
    saved = draft.responses if draft else {}
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "questions": shown,
            "values": form_values(shown, snapshots.responses_to_shown(attempt.snapshot, saved)),
            "page": page,
            "total": len(questions),
            "answered": sum(1 for q in questions if q["id"] in saved),
            "confirm_unanswered": confirm_unanswered,
            "seconds_left": attempt.seconds_left,
        },
    )


@login_required
def quiz_result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    submission = getattr(attempt, "submission", None)
    if submission is None:
        return redirect("quiz_attempt", attempt_id=attempt.pk)
    quiz = _quiz_of(attempt)
    level = quiz_review_level(learner=request.user, quiz=quiz) if quiz else "score"
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "quiz": quiz.localized if quiz else None,
            "submission": submission,
            "items": reviews.review(
                snapshot=attempt.snapshot,
                responses=submission.responses,
                question_scores=submission.question_scores,
                level=level,
                words=wording.words(),
            ),
            "level": level,
        },
    )
