"""The platform page of a SCORM lesson (ADR 0024, 0028): the table of contents, previous and
next, the officer's status, and the sandboxed frame of the launch document on the content
origin. Runs after ``learning``'s guard (order 0), which checked login and enrolment (or a
trainer's preview) and recorded the lesson opened."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseForbidden
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from wagtail import hooks

from elearning.middleware import CONTENT_SECURITY_POLICY
from learning.services import NotEnrolled
from learning.wagtail_hooks import SAVING_HEADER
from modules.models import ScormLessonPage

from . import navigation
from .origins import SANDBOX, origin_of
from .selectors import lesson_state, runtime_url
from .services import launch_start, launch_token, offline_launch


def statuses_of(state: dict[str, Any]) -> dict[str, navigation.Status]:
    """Each SCO's status as ``lesson_state`` gives it ("not attempted": nothing recorded)."""
    return {
        sco["identifier"]: navigation.Status(
            completion=sco["completion_status"],
            success=sco["success_status"],
            attempted=sco["completion_status"] != "not attempted",
        )
        for sco in state.get("scos", [])
    }


def chosen_part(request: HttpRequest, entries: list[navigation.Entry]) -> int:
    """The part ``?part=`` asks for when sequencing allows it now, else where to start."""
    asked = request.GET.get("part", "")
    for entry in navigation.launchable(entries):
        if asked.isdigit() and entry.index == int(asked) and not entry.disabled:
            return entry.index
    return navigation.start_index(entries)


def entries_identifier(entries: list[navigation.Entry], index: int) -> str:
    return next(entry.identifier for entry in entries if entry.index == index)


def link_to(index: int | None) -> str:
    return "" if index is None else f"?part={index}"


def status_labels() -> dict[str, str]:
    """What the page's script writes beside a part when the content reports its status."""
    return {
        "passed": gettext("Passed"),
        "failed": gettext("Failed"),
        "completed": gettext("Completed"),
        "incomplete": gettext("In progress"),
        "unknown": gettext("Not started"),
        "ended": gettext("This part has ended. Choose another part, or go back to the module."),
        "queued": gettext("Played on this device: what it reported is sent when you are online."),
        "sent": gettext("What you played on this device has reached the server."),
        "refused": gettext("The server refused what this device played: {reason}"),
        "dismiss": gettext("Dismiss"),
    }


@hooks.register("before_serve_page", order=10)
def serve_player(
    page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any
) -> TemplateResponse | HttpResponseForbidden | None:
    if not isinstance(page, ScormLessonPage):
        return None
    # Fetched to be saved for offline play (the worker's save): the offline launch, which records
    # nothing; only where the trainer allows it (ADR 0045).
    saving = request.headers.get(SAVING_HEADER) == "1"
    if saving and not page.offline_allowed:
        return HttpResponseForbidden()
    try:
        start = offline_launch if saving else launch_start
        launch = start(user=request.user, page=page)
    except NotEnrolled:
        return None  # learning's guard answers it; never reached after it
    version = launch.version
    token = launch_token(launch)
    state = lesson_state(learner=request.user, page=page)
    entries = navigation.table_of_contents(version.structure, statuses_of(state))
    current = chosen_part(request, entries)
    content_origin = origin_of(settings.SCORM_CONTENT_ORIGIN)
    player_data = {
        "content_origin": content_origin,
        "part": entries_identifier(entries, current),
        "links": {
            entry.identifier: f"?part={entry.index}"
            for entry in navigation.launchable(entries)
            if entry.choosable
        },
        "previous": link_to(navigation.flow_target(entries, current, -1)),
        "next": link_to(navigation.flow_target(entries, current, 1)),
        "labels": status_labels(),
    }
    response = TemplateResponse(
        request,
        "scormplayer/player_page.html",
        {
            "page": page,
            "self": page,
            "entries": entries,
            "current": current,
            "frame_url": runtime_url(str(version.package_id), version.number, token, current),
            "parts": len(version.structure["scos"]),
            "previous": player_data["previous"],
            "next": player_data["next"],
            "preview": launch.preview,
            "sandbox": SANDBOX,
            "state": state,
            "player_data": player_data,
        },
    )
    # This page alone may frame the content origin (nothing else is added to the site's policy).
    response["Content-Security-Policy"] = f"{CONTENT_SECURITY_POLICY}; frame-src {content_origin}"
    return response
