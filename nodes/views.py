"""Node-to-node endpoints. They are not for people: each request is authenticated by a
signature or a one-time code, never by a session."""

from __future__ import annotations

import json

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from elearning.ratelimits import rate_limited

from .selectors import EnrolmentError, is_hub
from .services import enrolment_answer

MAX_ENROLMENT_BODY = 4096


@csrf_exempt
@require_POST
@rate_limited("enrol", machine=True)
def enrol(request):
    """At the hub: a post enrolling with a code (``manage.py enrol --hub URL --code CODE``)."""
    if not is_hub():
        raise Http404
    if len(request.body) > MAX_ENROLMENT_BODY:
        return JsonResponse({"error": "Request too large."}, status=413)
    try:
        data = json.loads(request.body)
        answer = enrolment_answer(
            code=str(data["code"]),
            public_key=str(data["public_key"]),
            signature=str(data["signature"]),
            hub_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "The enrolment request is malformed."}, status=400)
    except EnrolmentError as error:
        return JsonResponse({"error": str(error)}, status=403)
    return JsonResponse(answer)
