"""Uploads bounded while they stream: a file past its limit is refused before it is stored.

``upload_limit(limit)`` puts ``SizeLimitedUploadHandler`` first in a view's upload handlers. It
counts the bytes of uploaded files as they arrive and stops the upload at the first chunk past
the limit: the handlers after it never store that chunk, the temporary file Django had begun is
closed (and so deleted), and the file is missing from ``request.FILES``. The view asks
``upload_refused(request)`` and says so in the user's language. The rest of the body is read
and discarded (a connection reset would show the browser's error page instead of ours).

Upload handlers must be set before anything reads the body, and the CSRF check reads it: the
decorator exempts the view from the middleware's check and runs that same check itself after
the handler is in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stop the request's uploads once their bytes together pass ``limit``."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_refused_over = self.limit
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file


def upload_limit(limit: Callable[[], int]):
    """Decorate a view whose uploads may not pass ``limit()`` bytes (read at each request)."""

    def decorator(view):
        checked = csrf_protect(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.upload_handlers.insert(0, SizeLimitedUploadHandler(request, limit=limit()))
            return checked(request, *args, **kwargs)

        return csrf_exempt(wrapped)

    return decorator


def upload_refused(request) -> int | None:
    """The limit (bytes) an upload of this request passed and was refused for, or None. Reads
    the body first if nothing has yet."""
    if request.method == "POST":
        request.FILES  # noqa: B018 - parses the body, through the handlers
    return getattr(request, "upload_refused_over", None)


class PageFormUploadLimitMiddleware:
    """Bounds uploads to Wagtail's page editor (add and edit) while they stream, as
    ``upload_limit`` does for our own views: a page form's only file is a SCORM lesson's package
    (``modules.forms.ScormLessonPageForm``), so the limit is ``ELEARNING_SCORM_MAX_BYTES``. Past
    it, the answer is 413 with the reason in the user's language, and nothing was stored.

    In ``MIDDLEWARE`` after the officer's language is chosen; it reads the body before the CSRF
    check does (that check runs in ``process_view``, after every middleware's request phase), so
    the handler is in place first."""

    PAGE_FORM = re.compile(r"^/admin/pages/(?:add/[^/]+/[^/]+/\d+|\d+/edit)/$")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and self.PAGE_FORM.match(request.path_info):
            request.upload_handlers.insert(
                0, SizeLimitedUploadHandler(request, limit=settings.ELEARNING_SCORM_MAX_BYTES)
            )
            if (limit := upload_refused(request)) is not None:
                message = _(
                    "This file is larger than %(size)s, the most a SCORM package may be."
                ) % {"size": filesizeformat(limit)}
                return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
