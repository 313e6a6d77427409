"""Writes of the offline mode: a device's signing key, and activity made offline applied once.

``activity_receive`` answers each item of a batch on its own, in sequence order: one bad item
does not sink the others. An item is applied only when it was signed by a key the session's
officer registered from this browser; it becomes the same learner records a page view makes
(``learning.services``), which always take the server's time. Exactly once: the item's row
(``OfflineItem``) and the records it made are written in one transaction, under the officer's
lock, so an item sent again (a replay, a flush from the page and the service worker at once, a
resend after a power cut) finds its row and is answered as a duplicate with the first answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from courses.models import CoursePage
from courses.selectors import course_by_key
from learning import services as learning
from modules.models import LessonPage
from modules.selectors import course_of
from officers.auditing import officer_audit
from officers.models import User
from officers.services import officer_lock
from scormplayer import selectors as scorm_selectors
from scormplayer import services as scorm_services

from . import selectors
from .activity import (
    CHECK_ANSWER,
    LESSON_COMPLETED,
    LESSON_OPENED,
    Item,
    Malformed,
    clock_noted,
    clock_offset,
    made_at_estimate,
)
from .checks import handle_check_answer
from .models import OfflineDevice, OfflineItem, OfflineItemStatus
from .outcomes import ACCEPTED, DUPLICATE, REFUSED, Outcome, Refused
from .signatures import public_key_jwk, signature_valid

DEVICES_PER_OFFICER = 20  # registering one more withdraws the one seen least recently
USER_AGENT_CHARS = 200

# What the browser does with a refused item, by ``extra["code"]``: these it keeps in its queue
# (another officer's item is not this officer's to drop; an unregistered device registers and
# sends again); every other refusal leaves the queue.
OTHER_OFFICER = "other_officer"
DEVICE_UNKNOWN = "device_unknown"
DEVICE_REVOKED = "device_revoked"
ALTERED = "altered"
MALFORMED = "malformed"


def device_register(
    *,
    officer: User,
    device: uuid.UUID,
    public_key: object,
    user_agent: str = "",
    session_key: str | None = None,
) -> tuple[OfflineDevice, bool]:
    """Register ``public_key`` (a JWK, EC P-256) as ``officer``'s key on the browser
    ``device``; returns the device and whether it is new. Registering the same key again
    changes nothing. Raises Refused for another kind of key, or for a device id this
    officer registered with another key or that was withdrawn (a device makes its id with its
    key: a new key is a new device).

    Precondition: ``officer`` is the logged-in officer of a request that passed the CSRF
    check, whose session is ``session_key`` (the device's session from now on: withdrawing
    the device ends it). At most DEVICES_PER_OFFICER devices stay usable per officer;
    registering another withdraws the one seen least recently: its unsent items are then
    refused, and the session it last spoke from ends unless it is ``session_key``.
    """
    try:
        jwk = public_key_jwk(public_key)
    except ValueError:
        raise Refused(_("This browser's key cannot be used.")) from None
    now = timezone.now()
    with transaction.atomic():
        officer_lock(officer=officer)
        existing = OfflineDevice.objects.filter(officer=officer, device=device).first()
        if existing is not None:
            if existing.revoked_at is not None:
                raise Refused(withdrawn_reason(existing))
            if existing.public_key != jwk:
                raise Refused(_("This device was registered with another key."))
            if session_key and existing.session_id != session_key:
                existing.session_id = session_key
                existing.save(update_fields=["session"])
            return existing, False
        active = OfflineDevice.objects.filter(officer=officer, revoked_at__isnull=True)
        over = active.count() - DEVICES_PER_OFFICER + 1
        if over > 0:
            for oldest in active.order_by("last_seen", "pk")[:over]:
                # The registering browser's own session stays (its storage was cleared: the
                # device it had before is the one withdrawn).
                _withdraw(oldest, actor=officer, when=now, automatic=True, keep_session=session_key)
        made = OfflineDevice.objects.create(
            officer=officer,
            device=device,
            public_key=jwk,
            registered_at=now,
            last_seen=now,
            user_agent=user_agent[:USER_AGENT_CHARS],
            session_id=session_key or None,
        )
        return made, True


def device_withdraw(*, actor: User, device: OfflineDevice) -> OfflineDevice:
    """Withdraw ``device``'s key (a phone lost, or no longer the officer's): from now on the
    items it signed are refused, never applied, with the date it was withdrawn. Withdrawing it
    again changes nothing. The browser may register a new key: it is a new device then.

    The log-in session the device last spoke from (``OfflineDevice.session``) is ended: the
    lost phone is logged out, and only it (the officer's sessions elsewhere stay, the one
    withdrawing it included, unless it is that phone's).

    Precondition: ``actor`` is the device's officer, or a coordinator or administrator with
    that officer in scope (the view checks it: ``selectors.devices_manageable``). The audit
    trail keeps who withdrew which device, and whether a session was ended."""
    with transaction.atomic():
        officer_lock(officer=device.officer)
        device = OfflineDevice.objects.select_for_update().get(pk=device.pk)
        if device.revoked_at is None:
            _withdraw(device, actor=actor, when=timezone.now())
    return device


def _withdraw(
    device: OfflineDevice,
    *,
    actor: User,
    when: datetime,
    automatic: bool = False,
    keep_session: str | None = None,
) -> None:
    """Withdraw ``device`` at ``when``, end the session it last spoke from (unless it is
    ``keep_session``) and say so in the audit trail (``automatic``: withdrawn for one device
    too many). Inside the caller's transaction, with the officer locked."""
    session_key = device.session_id
    device.revoked_at = when
    device.session_id = None
    device.save(update_fields=["revoked_at", "session"])
    ended = False
    if session_key and session_key != keep_session:
        _session_end(session_key)
        ended = True
    after: dict[str, Any] = {"withdrawn_at": when.isoformat(), "session_ended": ended}
    if automatic:
        after["automatic"] = True  # the officer registered one device too many
    officer_audit(
        actor=actor,
        action="offline_device_withdraw",
        officer=device.officer,
        before={"device": str(device.device), "browser": device.user_agent},
        after=after,
    )


def _session_end(session_key: str) -> None:
    """End one log-in session, through the session engine (whichever keeps them)."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore().delete(session_key)


def activity_receive(
    *,
    officer: User,
    sent_at: datetime,
    items: list[Item | Malformed],
    session_key: str | None = None,
) -> list[dict]:
    """Answer each of ``items`` (``activity.parse_batch``'s, in that order) sent by
    ``officer``'s session: ``{"id", "status", "reason", "feedback", "extra"}`` per item. A
    device whose key signed an item of the batch was seen now, speaking from ``session_key``
    (its session from now on: withdrawing the device ends it).

    Precondition: ``officer`` is the session's officer. The request needs no CSRF token: an
    item is applied only when signed by a key ``officer`` registered (with CSRF) on that
    device, which a forged request cannot make. An unexpected error in an item's handler rolls
    back that item alone and is raised: the items before it stay applied, it and the ones
    after it stay in the device's queue and are sent again.
    """
    now = timezone.now()
    offset = clock_offset(server_now=now, sent_at=sent_at)
    devices: dict[uuid.UUID, OfflineDevice | None] = {}
    signed: set[int] = set()
    answers = []
    try:
        for item in items:
            outcome = _answer(
                officer=officer, item=item, offset=offset, devices=devices, signed=signed
            )
            answers.append(
                {
                    "id": item.id if isinstance(item, Malformed) else str(item.id),
                    "status": outcome.status,
                    "reason": outcome.reason,
                    "feedback": outcome.feedback,
                    "extra": outcome.extra,
                }
            )
    finally:
        seen = [device.pk for device in devices.values() if device is not None]
        OfflineDevice.objects.filter(pk__in=seen).update(last_seen=now)
        if session_key and signed:
            OfflineDevice.objects.filter(pk__in=signed).exclude(session_id=session_key).update(
                session_id=session_key
            )
    return answers


def withdrawn_reason(device: OfflineDevice) -> str:
    """What the officer reads about an item of a withdrawn device (by them, by their
    coordinator, or for the 21st device), in their language and time zone."""
    assert device.revoked_at is not None
    return _(
        "This device was withdrawn on %(date)s, so this activity made on it was not counted. "
        "This browser registers again as a new device."
    ) % {"date": date_format(timezone.localtime(device.revoked_at), "DATE_FORMAT")}


def _refused(reason: str, code: str) -> Outcome:
    return Outcome(REFUSED, reason, None, {"code": code})


def _answer(
    *,
    officer: User,
    item: Item | Malformed,
    offset: timedelta,
    devices: dict[uuid.UUID, OfflineDevice | None],
    signed: set[int],
) -> Outcome:
    if isinstance(item, Malformed):
        return _refused(_("This activity could not be read."), MALFORMED)
    other = _("Made while another officer was logged in on this device; log in as them to send it.")
    if item.officer != officer.pk:
        return _refused(other, OTHER_OFFICER)
    if item.device not in devices:
        devices[item.device] = OfflineDevice.objects.filter(
            officer=officer, device=item.device
        ).first()
    device = devices[item.device]
    if device is None:
        if OfflineDevice.objects.filter(device=item.device).exists():
            return _refused(other, OTHER_OFFICER)
        return _refused(
            _("This device is not registered yet; the activity will be sent once it is."),
            DEVICE_UNKNOWN,
        )
    if device.revoked_at is not None:
        return _refused(withdrawn_reason(device), DEVICE_REVOKED)
    altered = _refused(_("This activity was changed after it was made."), ALTERED)
    if not signature_valid(jwk=device.public_key, message=item.signed, signature=item.sig):
        return altered
    signed.add(device.pk)  # its key spoke: the session is the device's
    try:
        with transaction.atomic():
            return _apply_once(officer=officer, device=device, item=item, offset=offset) or altered
    except IntegrityError:  # the same id from another device, written meanwhile
        return altered


def _apply_once(
    *, officer: User, device: OfflineDevice, item: Item, offset: timedelta
) -> Outcome | None:
    """Apply a signed item unless it was answered before; None for an altered copy (same id
    or same place in the device's sequence, other content). Precondition: in a transaction."""
    officer_lock(officer=officer)
    stored = OfflineItem.objects.filter(id=item.id).first()
    if stored is not None:
        if stored.device_id != device.pk or stored.digest != item.digest:
            return None
        return Outcome(
            DUPLICATE, stored.reason, stored.feedback, {"first": stored.status, "code": ""}
        )
    if OfflineItem.objects.filter(device=device, seq=item.seq).exists():
        return None
    now = timezone.now()
    try:
        with transaction.atomic():  # a refusal keeps nothing the handler wrote
            outcome = HANDLERS[item.kind](officer, item.payload)
    except Refused as refusal:
        outcome = _refused(refusal.reason, "")
    reason = " ".join(text for text in (outcome.reason, _clock_note(offset)) if text)
    OfflineItem.objects.create(
        id=item.id,
        device=device,
        seq=item.seq,
        kind=item.kind,
        digest=item.digest,
        received_at=now,
        made_at_device=item.made_at_text,
        made_at=made_at_estimate(made_at_device=item.made_at, offset=offset, received_at=now),
        status=OfflineItemStatus.ACCEPTED
        if outcome.status == ACCEPTED
        else OfflineItemStatus.REFUSED,
        reason=reason,
        feedback=outcome.feedback,
        record_id=outcome.extra.get("record"),
    )
    return Outcome(
        outcome.status, reason, outcome.feedback, {"code": outcome.extra.get("code", "")}
    )


def _clock_note(offset: timedelta) -> str:
    if not clock_noted(offset):
        return ""
    now = timezone.now()
    span = timesince(now - abs(offset), now, depth=1)
    if offset > timedelta(0):
        return _("Your device's clock is %(span)s behind; the time it arrived was used.") % {
            "span": span
        }
    return _("Your device's clock is %(span)s ahead; the time it arrived was used.") % {
        "span": span
    }


def _lesson(officer: User, payload: dict) -> LessonPage:
    lesson = LessonPage.objects.live().filter(pk=payload["lesson"]).first()
    if lesson is None:
        raise Refused(_("This lesson is no longer on this site."))
    return lesson


def _not_enrolled(lesson: LessonPage) -> Refused:
    course = course_of(page=lesson)
    if course is None:
        return Refused(_("This lesson is no longer in a course."))
    shown = course_by_key(course.translation_key) or course
    return Refused(_("You are no longer enrolled in %(course)s.") % {"course": shown.title})


def _lesson_record(officer: User, payload: dict, apply: Callable[..., Any]) -> Outcome:
    """Apply ``learning.services.lesson_open`` or ``lesson_complete`` to the item's lesson:
    the same records, and the same refusals, as the page and its form."""
    lesson = _lesson(officer, payload)
    try:
        written = apply(learner=officer, lesson=lesson)
    except learning.NotEnrolled:
        raise _not_enrolled(lesson) from None
    except learning.LessonNotOpened:
        raise Refused(_("Open the lesson before marking it complete.")) from None
    if isinstance(written, list):  # the lesson's record first, then what it completed
        written = written[0] if written else None
    return Outcome(ACCEPTED, extra={"record": written.pk if written is not None else None})


def _lesson_opened(officer: User, payload: dict) -> Outcome:
    return _lesson_record(officer, payload, learning.lesson_open)


def _lesson_completed(officer: User, payload: dict) -> Outcome:
    return _lesson_record(officer, payload, learning.lesson_complete)


def _check_answer(officer: User, payload: dict) -> Outcome:
    return handle_check_answer(learner=officer, payload=payload)


# An item's kind to what applies it, inside the item's transaction: an Outcome, or Refused.
HANDLERS: dict[str, Callable[[User, dict], Outcome]] = {
    LESSON_OPENED: _lesson_opened,
    LESSON_COMPLETED: _lesson_completed,
    CHECK_ANSWER: _check_answer,
}


def offline_scorm(*, learner: User, course: CoursePage) -> dict[int, dict]:
    """Saving ``course``: the offline launch of each SCORM lesson its trainer allows offline
    (``scormplayer.services.offline_launch``: made once, reused) and what the device saves of
    it, by page id (ADR 0045). Lessons the officer may not play are left out."""
    found: dict[int, dict] = {}
    allowed, _others = selectors.scorm_lessons(course=course)
    for page in allowed:
        try:
            launch = scorm_services.offline_launch(user=learner, page=page)
        except (learning.NotEnrolled, scorm_services.NothingToPlay):
            continue
        token = scorm_services.launch_token(launch)
        found[page.pk] = scorm_selectors.offline_play(launch=launch, token=token)
    return found
