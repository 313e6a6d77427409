"""Knowledge-check answers given offline and marked when they arrive (issue 15, ADR 0041).

An answer to a check that also serves a graded quiz (or of a type the browser does not mark)
is kept on the device as a ``check_answer`` item: {lesson, block, response: the check form's
fields as {name: [values...]}}. Here it is marked exactly as the lesson's "Check" button is
online (``learning.selectors.check_marked``), and, like it, records nothing: practice."""

from __future__ import annotations

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from learning.selectors import CheckGone, CheckNotAllowed, check_marked
from officers.models import User

from .outcomes import ACCEPTED, Outcome, Refused


def _form(response: object) -> MultiValueDict:
    """The check form's fields as the item carries them ({name: [values...]}), as a form."""
    if not isinstance(response, dict):
        raise Refused(_("This answer cannot be read."))
    fields: dict[str, list[str]] = {}
    for name, values in response.items():
        values = values if isinstance(values, list) else [values]
        if not isinstance(name, str) or not all(isinstance(v, str) for v in values):
            raise Refused(_("This answer cannot be read."))
        fields[name] = values
    return MultiValueDict(fields)


def handle_check_answer(*, learner: User, payload: dict) -> Outcome:
    """The marking of one ``check_answer`` item's payload for ``learner`` (the officer the
    item is verified to be from): ACCEPTED with the feedback the check gives online. Raises
    Refused when the lesson or its check is gone, or the officer is not enrolled."""
    lesson, block = payload.get("lesson"), payload.get("block")
    if not isinstance(lesson, int) or isinstance(lesson, bool) or not isinstance(block, str):
        raise Refused(_("This answer cannot be read."))
    form = _form(payload.get("response", {}))
    try:
        marked = check_marked(learner=learner, lesson_id=lesson, block_id=block, form=form)
    except CheckGone:
        raise Refused(_("This question was removed from the lesson.")) from None
    except CheckNotAllowed:
        raise Refused(_("You are not enrolled in this lesson's course.")) from None
    return Outcome(ACCEPTED, feedback=marked.feedback())
