"""Whether this page carries the offline scripts: only in a browser where the officer saved a
course (the cookie ``settings.OFFLINE_COOKIE``, set when a course's offline manifest is
fetched), so officers who never save one download nothing more (issue 15). The scripts read
their configuration from the page (``offline-config``)."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone


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
        },
    }
