"""At log-in, a notice of what is due (``selectors.reminders_for``): a post has no mail server,
so the platform itself reminds. Thin: it reads and adds one message."""

from __future__ import annotations

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import ngettext

from .selectors import reminders_for


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
