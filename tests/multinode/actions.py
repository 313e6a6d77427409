"""What a multi-node test does on one node: the services and selectors a person or a machine at
that node would use, run inside the node's driver process (``tests.multinode.driver``).

Each function takes and returns plain JSON values, so the harness can call it across the
process boundary. Officers are named by username and courses by code, as people name them.
"""

from __future__ import annotations

import random
import re
import uuid
from pathlib import Path

from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page

from certificates.models import Certificate
from courses.models import CoursePage
from learning import selectors as learning_selectors
from learning import services as learning
from modules.models import LessonPage, ModulePage, QuizPage
from modules.selectors import LESSON_TYPES, course_outline
from nodes.identity import node_identity
from nodes.models import Peer
from officers.models import BorderPost, Role, User
from officers.services import officer_create
from quizzes.models import QuizAttempt
from quizzes.qtypes import answers
from quizzes.services import AttemptRefused
from recordsync.registry import TABLES

PASSWORD = "multinode-officer-2026"


def identity() -> dict:
    me = node_identity()
    return {"node_id": str(me.node_id), "role": me.role}


def record_sets() -> dict[str, list[list]]:
    """Every synced record on this node, by table: sorted ``[origin_node, origin_seq, id]``."""
    found = {}
    for table in TABLES:
        rows = table.model.objects.values_list("origin_node", "origin_seq", "id")
        found[table.name] = sorted([str(o), s, str(i)] for o, s, i in rows)
    return found


def state() -> dict:
    """What must not change when a node refuses a file: its records, pages, officers, peers."""
    from coursebundles.models import InstalledBundle

    return {
        "records": record_sets(),
        "pages": Page.objects.count(),
        "live_pages": Page.objects.live().count(),
        "revisions": sorted(Page.objects.values_list("id", "latest_revision_id")),
        "officers": sorted(User.objects.values_list("username", flat=True)),
        "peers": sorted(str(p) for p in Peer.objects.values_list("node_id", flat=True)),
        "bundles": sorted(InstalledBundle.objects.values_list("course_code", "content_sha")),
    }


def peers() -> list[dict]:
    return [
        {"node_id": str(p.node_id), "role": p.role, "name": p.name, "post_code": p.post_code}
        for p in Peer.objects.order_by("name")
    ]


def _course(code: str) -> CoursePage:
    return CoursePage.objects.live().get(code=code, locale=Locale.get_default())


def course_codes() -> list[str]:
    return sorted(CoursePage.objects.live().values_list("code", flat=True).distinct())


def border_post_ensure(*, code: str, name: str, country: str) -> None:
    """The post's own border post row (a fresh post node has none; the hub's demo has them)."""
    BorderPost.objects.get_or_create(code=code, defaults={"name": name, "country": country})


def officer_register(
    *,
    username: str,
    full_name_latin: str,
    post_code: str,
    full_name_native: str = "",
    service_number: str = "",
    role: str = Role.LEARNER,
) -> str:
    """Register an officer at this node, as its administrator would; returns their UUID."""
    officer = officer_create(
        username=username,
        password=PASSWORD,
        role=role,
        full_name_latin=full_name_latin,
        full_name_native=full_name_native,
        service_number=service_number,
        post=BorderPost.objects.get(code=post_code),
    )
    return str(officer.uuid)


def officer(*, username: str) -> dict | None:
    found = User.objects.filter(username=username).select_related("post").first()
    if found is None:
        return None
    return {
        "uuid": str(found.uuid),
        "username": found.username,
        "full_name_latin": found.full_name_latin,
        "post": found.post.code if found.post else "",
    }


def officer_secrets(*, username: str) -> list[str]:
    """What a lost USB stick must not give away about an officer: their names, service number,
    password hash and each part of it."""
    found = User.objects.get(username=username)
    hashed = found.password
    return [
        value
        for value in [
            found.full_name_latin,
            found.full_name_native,
            found.service_number,
            hashed,
            *hashed.split("$")[2:],
        ]
        if value
    ]


def officer_can_log_in(*, username: str, password: str = PASSWORD) -> bool:
    """Whether the officer's password works on this node (an offline log-in checks it against
    the hash this node holds)."""
    return User.objects.get(username=username).check_password(password)


def officer_transfer(*, username: str, post_code: str) -> None:
    """Move an officer to another border post (what an administrator does in the admin: a
    save of the user, which records the profile change that travels)."""
    moving = User.objects.get(username=username)
    moving.post = BorderPost.objects.get(code=post_code)
    moving.country = moving.post.country
    moving.save()


def _modules(course: CoursePage) -> list[ModulePage]:
    return list(ModulePage.objects.child_of(course).live().order_by("path"))


def _module_learn(learner: User, module: ModulePage, *, pass_quiz: bool = True) -> None:
    lessons = Page.objects.type(*LESSON_TYPES).child_of(module).live().order_by("path")
    for lesson in lessons.specific():  # a SCORM lesson as if its content reported it done
        learning.lesson_open(learner=learner, lesson=lesson)
        learning.lesson_complete(learner=learner, lesson=lesson)
    quiz = QuizPage.objects.child_of(module).live().first()
    if quiz is not None and len(quiz.questions) and pass_quiz:
        attempt = learning.quiz_start(learner=learner, quiz=quiz)
        learning.quiz_submit(learner=learner, attempt=attempt, responses=answers(attempt.snapshot))


def course_learn(*, username: str, course_code: str, modules: list[int] | None = None) -> dict:
    """The officer enrols (if not yet) and works through the given modules (1-based; all when
    None): every lesson opened and completed, the module quiz passed. Returns progress."""
    learner = User.objects.get(username=username)
    course = _course(course_code)
    learning.enrolment_create(learner=learner, course=course, actor=learner)
    chosen = _modules(course)
    if modules is not None:
        chosen = [chosen[n - 1] for n in modules]
    for module in chosen:
        _module_learn(learner, module)
    return course_progress(username=username, course_code=course_code)


def course_module_count(*, course_code: str) -> int:
    return len(_modules(_course(course_code)))


def course_progress(*, username: str, course_code: str) -> dict:
    learner = User.objects.get(username=username)
    state = learning_selectors.progress_for(
        learner=learner, outline=course_outline(course=_course(course_code))
    )
    return {"status": str(state.status), "percent": state.percent}


def certificates(*, username: str) -> list[dict]:
    return [
        {
            "id": str(c.id),
            "code": c.code,
            "payload": c.payload,
            "course_code": c.course_code,
            "origin_node": str(c.origin_node),
            "holder_latin": c.holder_latin,
        }
        for c in Certificate.objects.filter(holder__username=username).order_by("recorded_at")
    ]


def browse(
    *, username: str, password: str, path: str, query: dict | None = None, save_to: str = ""
) -> dict:
    """Log in through the login form as a person would and GET ``path`` (a URL name with
    ``reverse`` arguments as ``name|arg``, or a path). A binary answer is saved to ``save_to``."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    if response.status_code != 302:
        return {"status": response.status_code, "text": "login failed", "logged_in": False}
    if not path.startswith("/"):
        name, _sep, arg = path.partition("|")
        path = reverse(name, args=[arg] if arg else [])
    response = client.get(path, query or {})
    answer = {"status": response.status_code, "logged_in": True}
    if save_to:
        Path(save_to).write_bytes(response.content)
        answer["content_type"] = response["Content-Type"]
    else:
        answer["text"] = response.content.decode()
    return answer


def course_pk(*, course_code: str) -> int:
    return _course(course_code).pk


# --- Random learner activity (fault injection) -----------------------------------------------


def random_activity(*, seed: int, steps: int, prefix: str, post_code: str) -> list[str]:
    """``steps`` random things officers at this post do, chosen by ``seed``: a new officer
    registered, an enrolment, a lesson opened or completed, a quiz attempt (passed or not), a
    profile change. Returns what was done, for the test's log."""
    rng = random.Random(seed)
    done = []
    courses = [c for c in CoursePage.objects.live().filter(locale=Locale.get_default())]
    post = BorderPost.objects.get(code=post_code)
    for _step in range(steps):
        officers = list(User.objects.filter(post=post, role=Role.LEARNER).order_by("username"))
        choice = rng.choice(
            ["register"] * (3 if len(officers) < 3 else 1)
            + ["enrol", "lesson", "lesson", "lesson", "quiz", "profile"]
        )
        if choice == "register" or not officers:
            name = f"{prefix}{uuid.UUID(int=rng.getrandbits(128)).hex[:8]}"
            officer_create(
                username=name,
                password=PASSWORD,
                full_name_latin=f"Officer {name.title()}",
                post=post,
            )
            done.append(f"register {name}")
            continue
        learner = rng.choice(officers)
        course = rng.choice(courses)
        if choice == "profile":
            learner.rank = rng.choice(["Sergeant", "Lieutenant", "Captain", "Major"])
            learner.save()
            done.append(f"profile {learner.username} {learner.rank}")
            continue
        learning.enrolment_create(learner=learner, course=course, actor=learner)
        if choice == "enrol":
            done.append(f"enrol {learner.username} {course.code}")
            continue
        if choice == "lesson":
            lesson = rng.choice(list(LessonPage.objects.descendant_of(course).live()))
            learning.lesson_open(learner=learner, lesson=lesson)
            if rng.random() < 0.7:
                learning.lesson_complete(learner=learner, lesson=lesson)
            done.append(f"lesson {learner.username} {lesson.slug}")
            continue
        quizzes = [q for q in QuizPage.objects.descendant_of(course).live() if len(q.questions)]
        quiz = rng.choice(quizzes)
        try:
            attempt = learning.quiz_start(learner=learner, quiz=quiz)
        except AttemptRefused as refused:  # out of attempts: an ordinary outcome
            done.append(f"quiz {learner.username} {quiz.slug} refused: {refused!r}")
            continue
        responses = answers(attempt.snapshot) if rng.random() < 0.6 else {}
        learning.quiz_submit(learner=learner, attempt=attempt, responses=responses)
        done.append(f"quiz {learner.username} {quiz.slug}")
    return done


def attempts_open() -> int:
    return QuizAttempt.objects.filter(submission__isnull=True).count()


def html_text(html: str) -> str:
    """Visible words of a page, for assertions on what a user reads."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


def lesson_retitle(*, course_code: str, title: str) -> None:
    """A trainer's edit at headquarters: the course's first lesson gets a new title, published."""
    lesson = LessonPage.objects.descendant_of(_course(course_code)).live().order_by("path").first()
    lesson.title = title
    lesson.save_revision().publish()


def lesson_titles(*, course_code: str) -> list[str]:
    lessons = LessonPage.objects.descendant_of(_course(course_code)).live().order_by("path")
    return list(lessons.values_list("title", flat=True))


def sync_backlog() -> dict:
    """Records this node holds back: waiting for another record, or refused (with reasons)."""
    from recordsync.models import PendingRecord, RejectedRecord

    return {
        "pending": PendingRecord.objects.count(),
        "rejected": [
            f"{r.table} {r.origin}:{r.seq}: {r.reason}" for r in RejectedRecord.objects.all()
        ],
    }


def officer_update(*, username: str, password: str = "", post_code: str = "", **fields) -> None:
    """An administrator's save of an officer at this node (the Django admin's edit): any of
    the profile fields, a new password, another border post."""
    officer = User.objects.get(username=username)
    for name, value in fields.items():
        setattr(officer, name, value)
    if password:
        officer.set_password(password)
    if post_code:
        officer.post = BorderPost.objects.get(code=post_code)
    officer.save()


def officer_profile(*, username: str, password: str = PASSWORD) -> dict:
    """What an officer's row says here, and whether ``password`` opens it."""
    found = User.objects.select_related("post").get(username=username)
    return {
        "full_name_latin": found.full_name_latin,
        "rank": found.rank,
        "is_active": found.is_active,
        "post": found.post.code if found.post else "",
        "password_ok": found.check_password(password),
    }


def rejected_records() -> list[dict]:
    """What an administrator sees in the Django admin's "refused records"."""
    from recordsync.models import RejectedRecord

    return [
        {"table": r.table, "origin": str(r.origin), "seq": r.seq, "reason": r.reason}
        for r in RejectedRecord.objects.order_by("origin", "seq")
    ]


def packet_forge_for(*, recipient: str, path: str) -> None:
    """A post running altered software: its own records, signed as usual, in a packet addressed
    to another post instead of headquarters (the normal export refuses to)."""
    from unittest import mock

    from nodes.container import write_container
    from nodes.models import Peer
    from recordsync import export
    from recordsync.wire import PACKET_KIND

    # The altered software takes the other post for its hub: chunks sealed to that post.
    other = Peer.objects.get(node_id=recipient)
    with mock.patch.object(export, "hub_peer", return_value=other):
        meta, parts, _summary = export.export(
            recipient=None, everything=True, max_chunks=None, progress=None
        )
    meta["recipient"] = recipient
    meta.pop("enrolment", None)
    write_container(Path(path), kind=PACKET_KIND, meta=meta, parts=parts)


def profile_version_write(*, username: str, drop: list[str], extra: dict, **fields) -> None:
    """A change to an officer written the way a node of another profile schema writes it: the
    profile as this node records it, with ``fields`` changed, without the fields in ``drop`` (an
    older node that predates them) and with ``extra`` added (a newer node's fields and ``"v"``).
    """
    from django.db import transaction
    from django.utils import timezone

    from officers.models import ProfileRecord
    from officers.selectors import profile_records, profile_snapshot

    found = User.objects.get(username=username)
    data = profile_snapshot(user=found) | fields | extra
    for name in drop:
        del data[name]
    with transaction.atomic():
        ProfileRecord.stamped(
            officer_uuid=found.uuid,
            clock=profile_records(found.uuid).first().clock + 1,
            data=data,
            recorded_at=timezone.now(),
        )


def profile_versions(*, username: str) -> list[dict]:
    """The data of every version of the officer's profile this node holds, newest first."""
    from officers.selectors import profile_records

    found = User.objects.get(username=username)
    return [record.data for record in profile_records(found.uuid)]
