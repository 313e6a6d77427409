"""Middleware about the officer: the interface language, idle sessions on shared PCs, and a
password a coordinator set.

``PreferredLanguageMiddleware`` activates the interface language: the officer's own choice
first, then the browser's. It replaces Django's LocaleMiddleware. URLs carry no language
prefix: the same lesson URL shows the officer's language version of a page when one exists, and
the original otherwise.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .models import Role


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            preferred = getattr(user, "preferred_language", "")
            if preferred in dict(settings.LANGUAGES):
                language = preferred
        if language is None:
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class IdleSessionMiddleware:
    """End a logged-in session after a while without a request: a shared PC in a training
    room is left logged in when an officer walks away. ``ELEARNING_SESSION_IDLE_MINUTES`` for
    learners (short), ``ELEARNING_STAFF_SESSION_IDLE_MINUTES`` for everyone else. The time of
    the last request is kept in the session (written at most once a minute). A page asking the
    server by itself (``POLL_HEADER``: an import or a batch being followed) is not the officer's
    activity: it keeps nothing, so it neither holds the session open nor writes (a post's
    import holds SQLite's write lock while its page follows it)."""

    STAMP = "elearning_last_seen"
    POLL_HEADER = "X-Elearning-Poll"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.STAMP)
            minutes = (
                settings.ELEARNING_SESSION_IDLE_MINUTES
                if user.role == Role.LEARNER and not user.is_staff
                else settings.ELEARNING_STAFF_SESSION_IDLE_MINUTES
            )
            if isinstance(last, int) and now - last > minutes * 60:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)s minutes without activity.")
                    % {"minutes": minutes},
                )
                return redirect_to_login(request.get_full_path())
            polled = self.POLL_HEADER in request.headers
            if not polled and (not isinstance(last, int) or now - last >= 60):
                request.session[self.STAMP] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """An officer whose password a coordinator set (``must_change_password``) sees only the
    change-password page (and may log out or pick a language) until they choose their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and request.path not in self._open_paths()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            return redirect(reverse("password_change"))
        return self.get_response(request)

    @staticmethod
    def _open_paths() -> set[str]:
        return {reverse(name) for name in ("password_change", "logout", "set_language", "login")}
