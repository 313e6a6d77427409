"""The roster of an exam session as PDF: the quiz, the post, the window, the code's status, and
one line per admitted officer (name in their own script and in Latin letters, service number,
post) with room for their signature, then the supervisor's. Laid out by
``certificates.rendering.render_document`` in the vendored fonts, so a Thai, Khmer, Lao or
Myanmar name prints as it is written."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime

from certificates.rendering import render_document, script_lang
from modules.models import QuizPage
from officers.models import BorderPost, User

from .rules import Phase, Session


def roster_pdf(
    *,
    session: Session,
    quiz: QuizPage | None,
    officers: Sequence[User],
    language: str,
    now: datetime,
) -> bytes:
    """The roster, labels in ``language`` (the coordinator's)."""
    post = BorderPost.objects.filter(code=session.post).first()
    rows = [
        {
            "native": unicodedata.normalize("NFC", o.full_name_native),
            "native_lang": script_lang(o.full_name_native, language),
            "latin": unicodedata.normalize("NFC", o.full_name_latin or o.get_username()),
            "service_number": o.service_number,
            "post": o.post.name if o.post_id else "",
        }
        for o in officers
    ]
    return render_document(
        template="examsessions/pdf/roster.html",
        stylesheet="examsessions/pdf/roster.css",
        contexts=[
            {
                "session": session,
                "quiz_title": quiz.title if quiz else str(session.quiz_key),
                "post": post.name if post else session.post,
                "phase": session.phase(now),
                "phases": Phase,
                "officers": rows,
            }
        ],
        language=language,
    )
