"""Launching a SCORM package and recording what it reports (ADR 0024, ADR 0027).

A launch (``launch_start``) checks who may play the lesson and gives the browser a signed,
expiring per-launch token (``launch_token``) to fetch the package's files and commit with. A
commit (``commit_apply``) is checked against the data model of the package's SCORM version,
laid over the attempt's state, and written as a learner record (``ScormRecord``); when its
outcome meets the lesson's rule the lesson is completed in the same transaction.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import secrets
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from courses.selectors import course_for_page
from learning import selectors as learning_selectors
from learning.models import LearnerRecord, RecordKind
from learning.services import LessonNotOpened, NotEnrolled, lesson_complete, lesson_open
from modules.models import ScormLessonPage
from officers.models import User
from officers.services import officer_lock
from scormpackages.services import version_hold

from . import cmi as rules
from .models import ScormLaunch, ScormRecord
from .tokens import LaunchClaims, issue

KEY_PURPOSE = b"elearning.scormplayer.launch-token"


def launch_keys() -> list[bytes]:
    """The keys launch tokens are signed with (the first) and still accepted with: derived from
    ``SECRET_KEY`` and its fallbacks, so rotating the secret the Django way also rotates these,
    and no token key is stored anywhere."""
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [hmac.new(s.encode(), KEY_PURPOSE, hashlib.sha256).digest() for s in secrets_]


def issue_launch_token(
    launch_id: str,
    learner_id: str,
    package_id: str,
    package_version: int,
    *,
    expires_at: int | None = None,
    nonce: bytes | None = None,
) -> str:
    """A token for one launch, valid for ``SCORM_LAUNCH_TOKEN_SECONDS`` from now (or until
    ``expires_at``); ``nonce`` random unless given."""
    claims = LaunchClaims(
        launch_id=launch_id,
        learner_id=learner_id,
        package_id=package_id,
        package_version=package_version,
        expires_at=expires_at or int(time.time()) + settings.SCORM_LAUNCH_TOKEN_SECONDS,
    )
    return issue(claims, launch_keys()[0], nonce or secrets.token_bytes(12))


class NothingToPlay(Exception):
    """The lesson's package has no current version."""


def _player(user: User, page: ScormLessonPage) -> tuple[Any, bool]:
    """The course of ``page`` and whether ``user`` previews it (reads without enrolling);
    ``NotEnrolled`` for anyone else, ``NothingToPlay`` when the package has no version."""
    course = course_for_page(page)
    if course is None:
        raise NotEnrolled
    if page.package.current_id is None:
        raise NothingToPlay
    preview = not learning_selectors.is_enrolled(learner=user, course=course)
    if preview and not user.reads_without_enrolling:
        raise NotEnrolled
    return course, preview


def launch_start(*, user: User, page: ScormLessonPage) -> ScormLaunch:
    """A launch of ``page`` for ``user``, playing its package's current version (kept playable
    for as long as the launch's token: ``scormpackages.services.version_hold``): an enrolled
    officer's (the lesson is recorded opened), or a preview for staff who read without
    enrolling (nothing recorded). Anyone else: ``learning.services.NotEnrolled``."""
    course, preview = _player(user, page)
    # The launch's token (issued right after) lets it fetch files for this long: a newer version
    # replacing this one meanwhile leaves its files until then (ADR 0023).
    until = timezone.now() + datetime.timedelta(seconds=settings.SCORM_LAUNCH_TOKEN_SECONDS + 60)
    version = version_hold(page.package, until)
    if version is None:
        raise NothingToPlay
    if not preview:
        lesson_open(learner=user, lesson=page)
    return _launch(user, page, course, version, preview)


def _launch(
    user: User,
    page: ScormLessonPage,
    course: Any,
    version: Any,
    preview: bool,
    offline_until: datetime.datetime | None = None,
) -> ScormLaunch:
    return ScormLaunch.objects.create(
        learner=user,
        page=page,
        course_key=course.translation_key,
        lesson_key=page.translation_key,
        version=version,
        preview=preview,
        offline_until=offline_until,
    )


def offline_launch(*, user: User, page: ScormLessonPage) -> ScormLaunch:
    """The launch ``user`` plays ``page`` with on a device with no connection (ADR 0045), made
    when they save the course: it records nothing now (the lesson is recorded opened by its
    first commit), its token lasts ``SCORM_OFFLINE_TOKEN_SECONDS`` and its version is held as
    long. One per officer, lesson and package version: an earlier one is reused while its token
    has more than half its life left. ``NotEnrolled`` / ``NothingToPlay`` as ``launch_start``."""
    course, preview = _player(user, page)
    life = datetime.timedelta(seconds=settings.SCORM_OFFLINE_TOKEN_SECONDS)
    now = timezone.now()
    kept = (
        ScormLaunch.objects.select_related("version", "learner")
        .filter(
            learner=user,
            page=page,
            preview=preview,
            version_id=page.package.current_id,
            offline_until__gt=now + life / 2,
        )
        .order_by("-offline_until")
        .first()
    )
    if kept is not None:
        return kept
    until = now + life
    version = version_hold(page.package, until + datetime.timedelta(seconds=60))
    if version is None:
        raise NothingToPlay
    return _launch(user, page, course, version, preview, until.replace(microsecond=0))


def launch_token(launch: ScormLaunch) -> str:
    """The per-launch token of ``launch``: its files and its commits, for a few hours. An
    offline launch's token is the same at every call (its expiry is the launch's, its nonce
    derived from the launch id), so the URLs a device saved stay the URLs it plays."""
    fixed: dict[str, Any] = {}
    if launch.offline_until is not None:
        nonce = hmac.new(launch_keys()[0], b"offline:" + launch.pk.bytes, hashlib.sha256)
        fixed = {"expires_at": int(launch.offline_until.timestamp()), "nonce": nonce.digest()[:12]}
    return issue_launch_token(
        launch.pk.hex,
        launch.learner.uuid.hex,
        str(launch.version.package_id),
        launch.version.number,
        **fixed,
    )


# --- commits -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitResult:
    """``error_code`` 0: accepted (``record`` is what was written; None for a repeat or a
    preview). Otherwise the SCORM error code, why, and the HTTP status to answer with."""

    error_code: int
    message: str = ""
    record: ScormRecord | None = None
    http_status: int = 200


def learner_name(user: User, version: str) -> str:
    """The officer's name in Latin letters: "Last, First" for SCORM 1.2 when the account has
    both parts in Latin letters, else the Latin full name as written (the user name at worst)."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and (first + last).isascii():
        return f"{last}, {first}" if version == rules.V12 else f"{first} {last}"
    return user.full_name_latin.strip() or user.username


def item_of(structure: dict[str, Any], identifier: str) -> dict[str, Any] | None:
    """The manifest item ``identifier`` of a version's structure (any depth), or None."""
    stack = list(structure["items"])
    while stack:
        item = stack.pop()
        if item["identifier"] == identifier:
            return item
        stack.extend(item["children"])
    return None


def session_state(
    launch: ScormLaunch, item: dict[str, Any], last: ScormRecord | None
) -> tuple[dict[str, str], Decimal]:
    """The flat state a session of ``item`` starts from (or goes on with) after the attempt's
    ``last`` record, and the total time before this session: a new attempt seeded afresh; a
    suspended one resumed (entry "resume"); within one session, its last state."""
    version = rules.family(launch.version.scorm_version)
    same_session = last is not None and not last.terminated and last.launch_key == launch.pk
    if last is not None and same_session:
        state = rules.flatten(last.state)
        return state, last.total_seconds - rules.session_seconds(version, state)
    total = last.total_seconds if last is not None else Decimal(0)
    carried = rules.for_next_session(version, rules.flatten(last.state)) if last is not None else {}
    resumed = last is not None and rules.exit_of(version, rules.flatten(last.state)) == "suspend"
    seeded = rules.seeded(
        version,
        learner_id=str(launch.learner.uuid),
        learner_name=learner_name(launch.learner, version),
        credit=not launch.preview,
        entry="resume" if resumed else "ab-initio",
        total_seconds=total,
        item=item,
    )
    return {**carried, **seeded}, total


def _ended(version: str, last: ScormRecord, launch: ScormLaunch) -> bool:
    """An attempt that cannot go on: it ended (terminated, or left in another launch) without
    being suspended."""
    new_session = last.terminated or last.launch_key != launch.pk
    return new_session and rules.exit_of(version, rules.flatten(last.state)) != "suspend"


def _refused(version: str, problem: rules.Problem, message: str, status: int = 400) -> CommitResult:
    return CommitResult(rules.CODES[version][problem], message, None, status)


def _repeat_or_stale(version: str, last: ScormRecord, seq: int, commit: Any) -> CommitResult:
    """A commit whose ``seq`` was accepted already: the same commit again (the last one, or an
    earlier one a device's outbox sends again, ADR 0045) is answered as accepted and changes
    nothing; anything else is stale."""
    earlier = last
    if seq < last.commit_seq:
        earlier = ScormRecord.objects.filter(attempt=last.attempt, commit_seq=seq).first() or last
    if seq == earlier.commit_seq and rules.repeats(version, commit, rules.flatten(earlier.state)):
        return CommitResult(0, "repeated commit ignored")
    return _refused(
        version, rules.Problem.STALE, f"stale commit: {seq} after {last.commit_seq}", 409
    )


def commit_apply(
    *,
    launch: ScormLaunch,
    attempt: uuid.UUID,
    sco: str,
    seq: int,
    cmi: Any,
    terminated: bool | None = None,
) -> CommitResult:
    """Check and record one commit of ``launch``'s content, the ``seq``-th of ``attempt`` of
    the SCO ``sco`` (see the module's docstring and ADR 0027). ``terminated``: the session's
    last commit (by default: when it carries the runtime's own total time, as scorm-again's
    last commit does). Nothing is written on any refusal."""
    commit = cmi
    version = rules.family(launch.version.scorm_version)
    item = item_of(launch.version.structure, sco)
    if item is None or item.get("launch") is None:
        return _refused(version, rules.Problem.GENERAL, f"no SCO {sco[:100]!r} in this package")
    if launch.preview:
        current, _total = session_state(launch, item, None)
        verdict = rules.check(version, rules.unwrap(commit), current)
        return CommitResult(verdict.code, verdict.message, None, 200 if not verdict.code else 400)
    with transaction.atomic():
        officer_lock(officer=launch.learner)
        last = ScormRecord.objects.filter(attempt=attempt).order_by("-commit_seq").first()
        if last is not None and (
            last.learner_id != launch.learner_id
            or (last.lesson_key, last.sco, last.package_key)
            != (launch.lesson_key, sco, launch.version.package_id)
        ):
            return _refused(version, rules.Problem.GENERAL, "not an attempt of this launch", 403)
        if last is not None and seq <= last.commit_seq:
            return _repeat_or_stale(version, last, seq, commit)
        if last is not None and _ended(version, last, launch):
            return _refused(version, rules.Problem.STALE, "this attempt has ended", 409)
        current, before = session_state(launch, item, last)
        verdict = rules.check(version, rules.unwrap(commit), current)
        if verdict.code or verdict.flat is None:
            return CommitResult(verdict.code, verdict.message, None, 400)
        ended = terminated if terminated is not None else bool(rules.COMPUTED & set(verdict.flat))
        return _record(launch, attempt, sco, seq, (current, verdict.flat), before, ended)


def _completed(launch: ScormLaunch) -> bool:
    """Whether the lesson is complete already: every later commit that meets the rule again
    skips working out the course's progress."""
    return LearnerRecord.objects.filter(
        learner=launch.learner,
        course_key=launch.course_key,
        kind=RecordKind.LESSON_COMPLETED,
        lesson_key=launch.lesson_key,
    ).exists()


def _record(
    launch: ScormLaunch,
    attempt: uuid.UUID,
    sco: str,
    seq: int,
    states: tuple[dict[str, str], Mapping[str, str]],
    before: Decimal,
    terminated: bool,
) -> CommitResult:
    """Write the accepted commit, and complete the lesson when the outcome meets its rule.
    Precondition: inside the transaction, learner locked."""
    version = rules.family(launch.version.scorm_version)
    state = rules.merge(version, *states)
    result = rules.outcome(version, state)
    record = ScormRecord.stamped(
        recorded_at=timezone.now(),
        learner=launch.learner,
        course_key=launch.course_key,
        lesson_key=launch.lesson_key,
        package_key=launch.version.package_id,
        package_version=launch.version.number,
        sco=sco,
        attempt=attempt,
        launch_key=launch.pk,
        commit_seq=seq,
        scorm_version=version,
        state=rules.unflatten(state),
        completion_status=result.completion_status,
        success_status=result.success_status,
        score_scaled=result.score_scaled,
        total_seconds=before + rules.session_seconds(version, state),
        exit=rules.exit_of(version, state)[:16],
        terminated=terminated,
    )
    page = launch.page
    if page is not None and page.live and launch.offline_until is not None:
        # An offline launch recorded nothing when it was saved: its first commit opens the
        # lesson (server time), so progress follows as it does online.
        with contextlib.suppress(NotEnrolled):
            lesson_open(learner=launch.learner, lesson=page)
    if (
        page is not None
        and page.live
        and rules.lesson_done(page.completion_rule, result)
        and not _completed(launch)
    ):
        # Unenrolled since the launch: the record stays, no progress follows.
        with contextlib.suppress(NotEnrolled, LessonNotOpened):
            lesson_complete(learner=launch.learner, lesson=page)
    return CommitResult(0, "", record)
