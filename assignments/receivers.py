"""At log-in, a notice of what is due (``selectors.reminders_for``): a post has no mail server,
so the platform itself reminds. Thin: it reads and adds one message. And a learner record
written here renews its officer's row of the derived table (``derived``): ``learning`` is a
lower layer, which cannot call this app, so it is told as Django tells anyone of a save."""

from __future__ import annotations

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import ngettext

from .derived import learner_record_written
from .selectors import reminders_for


def learner_record_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of LearnerRecord, in the transaction that writes it. Records applied by sync
    are inserted without the ORM (no signal): sync's derive step renews those."""
    if created and not raw:
        learner_record_written(learner=instance.learner_id, course_key=instance.course_key)


def reminders_at_login(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "_messages"):
        return
    found = reminders_for(learner=user, today=timezone.localdate())
    if found:
        messages.warning(
            request,
            ngettext(
                "You have %(count)d reminder: see My learning.",
                "You have %(count)d reminders: see My learning.",
                len(found),
            )
            % {"count": len(found)},
        )
