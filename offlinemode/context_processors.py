"""Whether this page carries the offline scripts: only in a browser where the officer saved a
course (the cookie ``settings.OFFLINE_COOKIE``, set when a course's offline manifest is
fetched), so officers who never save one download nothing more (issue 15). The scripts read
their configuration from the page (``offline-config``)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .devicesession import device_seen


def offline(request: HttpRequest, *, always: bool = False) -> dict:
    """``always``: the scripts even without the cookie (the "On this device" page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"offline_scripts": False}
    if not always and request.COOKIES.get(settings.OFFLINE_COOKIE) != "1":
        return {"offline_scripts": False}
    return {
        "offline_scripts": True,
        "offline_config": {
            "officer": user.pk,
            "name": user.display_name,
            "sw": reverse("offline_sw"),
            "home": reverse("offline_home"),
            "devices": reverse("offline_devices"),
            "activity": reverse("offline_activity"),
            "login": reverse("login"),
            # part "save": the logout form to hook, a course's manifest ("{course}" replaced),
            # and when the server rendered this page (the officer was online then).
            "logout": reverse("logout"),
            "manifest": reverse("offline_course_manifest", args=[0]).replace("/0/", "/{course}/"),
            "served_at": timezone.now().isoformat(),
            # False: this browser registers its key again, once, from this session (a new
            # log-in), so withdrawing the device ends this session (``devicesession``).
            "device_seen": device_seen(request),
            "queue": _queue_config(),
        },
    }


def _plural(forms: Callable[[int], str]) -> dict[str, str]:
    """A count's words for 1 and for any other count (``%(count)s`` left for queue.js): the
    interface's languages have one form (Thai, Khmer, Lao, Vietnamese, Burmese, Indonesian) or
    English's two. ``forms`` calls ngettext with its literal texts, so makemessages finds them."""
    return {"one": forms(1), "other": forms(2)}


def _queue_config() -> dict:
    """What queue.js says about the activity waiting on this device, in the page's language
    (``%(count)s`` is the number), and the path of the "Mark as complete" form it stands in
    for offline (``{lesson}`` the lesson's id)."""
    sample = 2147483647
    return {
        "complete": reverse("lesson_complete", args=[sample]).replace(str(sample), "{lesson}"),
        "waiting": _plural(
            lambda n: ngettext(
                "%(count)s activity waiting to be sent",
                "%(count)s activities waiting to be sent",
                n,
            )
        ),
        "login": _plural(
            lambda n: ngettext(
                "Log in to send %(count)s activity", "Log in to send %(count)s activities", n
            )
        ),
        "others": _plural(
            lambda n: ngettext(
                "%(count)s activity of another officer waits for them to log in",
                "%(count)s activities of another officer wait for them to log in",
                n,
            )
        ),
        "sent": gettext("All sent"),
        "completed": gettext("Completed on this device; it will be sent when you are online."),
        "dismiss": gettext("Dismiss"),
    }
