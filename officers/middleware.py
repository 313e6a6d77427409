"""Activate the interface language: the officer's own choice first, then the browser's.

Replaces Django's LocaleMiddleware. URLs carry no language prefix: the same lesson URL shows the
officer's language version of a page when one exists, and the original otherwise.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
