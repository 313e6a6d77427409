"""The hub's sync endpoint. Not for people: a request is authenticated by its packet's
signature (an enrolled post, or one carrying a valid enrolment claim), never by a session."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from elearning.ratelimits import rate_limited
from nodes.selectors import is_hub

from .services import PacketRefused, exchange_answer, max_body


@csrf_exempt
@require_POST
@rate_limited("sync", machine=True)
def exchange(request):
    """At the hub: a post's packet in, a packet of what that post lacks out (``manage.py
    sync``). Bodies over ELEARNING_SYNC_MAX_BODY are refused with 413 unread; the body is
    streamed, never read whole into memory (``exchange_answer``)."""
    if not is_hub():
        raise Http404
    limit = max_body()
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return JsonResponse({"error": _("The packet is too large for one request.")}, status=413)
    try:
        answer = exchange_answer(stream=request, length=declared)
    except PacketRefused as error:
        return JsonResponse({"error": str(error)}, status=403)
    return HttpResponse(answer, content_type="application/octet-stream")
