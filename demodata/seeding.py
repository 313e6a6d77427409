"""Realistic learner activity in bulk, for benchmarks and for trying the coordinator's pages
with a full border post: officers registered at a post who enrol, read, take quizzes (some fail
and retry, some give up half-way), finish courses and so earn certificates.

Everything goes through the services real use goes through (``officers.services``,
``learning.services``, ``quizzes.services``), so the records are exactly what learners at a post
would leave: sequence numbers, immutable records, certificates issued by the normal completion
path, profile records. The plan of each officer is drawn from a seeded generator
(``persona_draw``, ``answers_draw``: pure), so the same seed on the same node repeats the same
activity; ids and times differ, and so do the questions a quiz draws at random from a bank
category (pre- and post-tests: the draw is seeded by the attempt's random id).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from wagtail.models import Locale, Page

from certificates.models import Certificate, Revocation
from courses.models import CoursePage
from learning import services as learning_services
from learning.models import LearnerRecord
from modules.models import LessonPage, ModulePage, QuizPage, ScormLessonPage
from modules.selectors import LESSON_TYPES
from officers.models import Agency, BorderPost, CoordinatorScope, ProfileRecord, Role, User
from officers.services import officer_create, officer_set_language
from quizzes.models import QuizAttempt, QuizSubmission
from quizzes.qtypes import qtype
from quizzes.services import AttemptRefused, attempt_save

from .people import AGENCIES, POSTS

# The tables a run fills, as the sync moves them; the label is what the summary prints.
RECORD_TABLES: tuple[tuple[str, type], ...] = (
    ("learner records", LearnerRecord),
    ("quiz attempts", QuizAttempt),
    ("quiz submissions", QuizSubmission),
    ("certificates", Certificate),
    ("revocations", Revocation),
    ("officer profile records", ProfileRecord),
)

# Names in the officers' own script with their Latin spelling, by country; ranks as the demo
# gives them. Anywhere else officers get Latin names only.
NAMES = {
    "TH": {
        "given": [
            ("สมชาย", "Somchai"),
            ("สมศักดิ์", "Somsak"),
            ("วิชัย", "Wichai"),
            ("ประเสริฐ", "Prasert"),
            ("สุนทร", "Sunthorn"),
            ("อรุณ", "Arun"),
            ("นภา", "Napha"),
            ("สุดา", "Suda"),
            ("วันดี", "Wandee"),
            ("กมล", "Kamon"),
            ("ธนา", "Thana"),
            ("ปราณี", "Pranee"),
        ],
        "family": [
            ("ใจดี", "Jaidee"),
            ("ศรีสุข", "Srisuk"),
            ("วงศ์ทอง", "Wongthong"),
            ("สุขสวัสดิ์", "Suksawat"),
            ("แก้วมณี", "Kaewmanee"),
            ("บุญมา", "Boonma"),
            ("ทองดี", "Thongdee"),
            ("พรหมมา", "Promma"),
            ("รัตนพันธ์", "Rattanaphan"),
            ("ชัยมงคล", "Chaimongkol"),
        ],
        "ranks": [
            "Police Corporal",
            "Police Sergeant",
            "Police Sergeant Major",
            "Police Lieutenant",
            "Police Captain",
            "Police Major",
        ],
        "languages": [("th", 7), ("en", 3)],
    },
    "KH": {
        "given": [
            ("សុខា", "Sokha"),
            ("ដារ៉ា", "Dara"),
            ("វណ្ណា", "Vanna"),
            ("សុភាព", "Sopheap"),
            ("បូរ៉ា", "Bora"),
            ("ចាន់ថា", "Chantha"),
            ("រតនា", "Rathana"),
            ("សំណាង", "Samnang"),
            ("ពិសិដ្ឋ", "Piseth"),
            ("ស្រីពៅ", "Sreypov"),
        ],
        "family": [
            ("ចាន់", "Chan"),
            ("សុខ", "Sok"),
            ("កែវ", "Keo"),
            ("ហេង", "Heng"),
            ("លី", "Ly"),
            ("ម៉ៅ", "Mao"),
            ("សួន", "Suon"),
            ("ឈឹម", "Chhim"),
            ("យឹម", "Yim"),
        ],
        "ranks": ["Sergeant", "Second Lieutenant", "Lieutenant", "Captain", "Major"],
        "languages": [("km", 6), ("en", 4)],
    },
    "": {
        "given": [("", n) for n in ("Anna", "David", "Maria", "Ahmad", "Linh", "Thomas", "Siti")],
        "family": [("", n) for n in ("Santos", "Nguyen", "Rahman", "Silva", "Tan", "Lee")],
        "ranks": ["Officer", "Senior Officer", "Inspector"],
        "languages": [("en", 1)],
    },
}


# The plan: pure, drawn from a seeded generator ------------------------------------------------


@dataclass(frozen=True)
class CoursePlan:
    """How far one officer goes in one course.

    ``outcome`` is "finish" (keeps going until done, or until a module quiz's attempts run
    out), "stop" (gives up after ``stop_after`` steps, a step being a lesson or a module quiz)
    or "browse" (enrols and looks at a lesson or two, completes nothing).
    """

    code: str
    outcome: str
    stop_after: int
    by_coordinator: bool  # a coordinator enrolled them, not they themselves
    pre_test: bool
    post_test: bool


@dataclass(frozen=True)
class Persona:
    """One officer's habits: how likely they answer a question right on a first attempt, how
    much better each retry gets, whether they re-read lessons, save answers as they go
    (``attempt_save``) and change their language afterwards."""

    skill: float
    learning_gain: float
    rereads: float
    saves_as_they_go: bool
    changes_language: bool
    courses: tuple[CoursePlan, ...]


def persona_draw(*, rng: random.Random, course_codes: list[str], steps: int = 9) -> Persona:
    """One officer's plan. Roughly: half enrol in one course, a third in two, the rest in
    three; of the courses begun about 55 % are finished, 30 % left half-way, 15 % only looked
    at. ``steps`` is how many steps (lessons and module quizzes) a course has."""
    count = rng.choices([1, 2, 3], weights=[50, 32, 18])[0]
    codes = rng.sample(course_codes, k=min(count, len(course_codes)))
    plans = []
    for code in codes:
        outcome = rng.choices(["finish", "stop", "browse"], weights=[55, 30, 15])[0]
        plans.append(
            CoursePlan(
                code=code,
                outcome=outcome,
                stop_after=rng.randint(1, max(1, steps - 1)),
                by_coordinator=rng.random() < 0.25,
                pre_test=rng.random() < 0.8,
                post_test=rng.random() < 0.9,
            )
        )
    return Persona(
        skill=rng.uniform(0.45, 0.97),
        learning_gain=rng.uniform(0.05, 0.2),
        rereads=rng.uniform(0.0, 0.4),
        saves_as_they_go=rng.random() < 0.3,
        changes_language=rng.random() < 0.1,
        courses=tuple(plans),
    )


def answers_draw(*, snapshot: dict, rng: random.Random, skill: float) -> dict:
    """Responses to an attempt's questions: each right with probability ``skill``; otherwise
    wrong, or (one time in six) left blank. Questions are taken in the order of their ids, not
    as the attempt shuffled them, so a seed gives the same answers to the same questions."""
    responses = {}
    for question in sorted(snapshot["questions"], key=lambda q: q["id"]):
        rules = qtype(question["type"])
        if rng.random() < skill:
            responses[question["id"]] = rules.right_answer(question)
        elif rng.random() < 5 / 6:
            responses[question["id"]] = rules.wrong_answer(question)
    return responses


# The content: each course's pages per language, read once ------------------------------------


@dataclass(frozen=True)
class ModuleSteps:
    lessons: tuple[LessonPage | ScormLessonPage, ...]
    quiz: QuizPage | None


@dataclass(frozen=True)
class CourseSteps:
    """One language version of a live course, in the order an officer works through it."""

    course: CoursePage
    modules: tuple[ModuleSteps, ...]
    pre_test: QuizPage | None
    post_test: QuizPage | None

    @property
    def steps(self) -> int:
        return sum(len(m.lessons) + (m.quiz is not None) for m in self.modules)


def _course_steps(course: CoursePage) -> CourseSteps:
    modules = []
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        lessons = tuple(
            Page.objects.type(*LESSON_TYPES).child_of(module).live().order_by("path").specific()
        )
        quiz = QuizPage.objects.child_of(module).live().filter(test_kind="").first()
        modules.append(
            ModuleSteps(lessons=lessons, quiz=quiz if quiz and len(quiz.questions) else None)
        )
    tests = {q.test_kind: q for q in QuizPage.objects.child_of(course).live().exclude(test_kind="")}
    return CourseSteps(
        course=course,
        modules=tuple(modules),
        pre_test=tests.get("pre"),
        post_test=tests.get("post"),
    )


def courses_available() -> dict[str, dict[str, CourseSteps]]:
    """Every live course by code, each in every language it is published in."""
    default = Locale.get_default()
    courses: dict[str, dict[str, CourseSteps]] = {}
    for original in CoursePage.objects.live().filter(locale=default).order_by("code"):
        versions = {default.language_code: _course_steps(original)}
        for translation in original.get_translations().live().select_related("locale"):
            versions[translation.locale.language_code] = _course_steps(translation.specific)
        courses[original.code] = versions
    return courses


# The people ---------------------------------------------------------------------------------


class SeedingError(Exception):
    """Seeding cannot start; ``str()`` says why, for the operator."""


def posts_ensure(*, code: str | None) -> list[BorderPost]:
    """The border post(s) seeded officers are registered at: ``code``'s, or every post on this
    node. A post (or, with no code, both posts) of the demo is created if missing, as
    ``load_demo`` would; any other unknown code raises SeedingError."""
    if code:
        post = BorderPost.objects.filter(code=code).first()
        if post is None:
            spec = next((p for p in POSTS if p["code"] == code), None)
            if spec is None:
                raise SeedingError(f"There is no border post with the code {code} on this node.")
            post = BorderPost.objects.create(**spec)
        return [post]
    posts = list(BorderPost.objects.order_by("code"))
    if not posts:
        posts = [BorderPost.objects.create(**spec) for spec in POSTS]
    return posts


def _agency_for(post: BorderPost) -> Agency | None:
    agency = Agency.objects.filter(country=post.country).order_by("pk").first()
    if agency is None:
        spec = next((a for a in AGENCIES if a["country"] == post.country), None)
        if spec is not None:
            agency = Agency.objects.create(**spec)
    return agency


def _coordinator_for(post: BorderPost) -> User | None:
    scope = (
        CoordinatorScope.objects.filter(
            Q(post=post) | Q(country=post.country, post__isnull=True),
            coordinator__role=Role.COORDINATOR,
            coordinator__is_active=True,
        )
        .select_related("coordinator")
        .order_by("pk")
        .first()
    )
    return scope.coordinator if scope else None


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]


def _free_number(start: int, country: str) -> int:
    number = start
    while User.objects.filter(
        Q(username__endswith=f".{number:05d}") | Q(country=country, service_number=f"S{number:05d}")
    ).exists():
        number += 1
    return number


def officer_register(
    *, number: int, post: BorderPost, agency: Agency | None, rng: random.Random, password: str
) -> User:
    """Register one officer at ``post``, as the post's operator would, and give them the
    password whose hash is ``password`` (hashing once for a whole run: one hash takes half a
    second). Precondition: inside the caller's transaction. Two profile records result: the
    registration and the password."""
    names = NAMES.get(post.country, NAMES[""])
    given_native, given_latin = rng.choice(names["given"])
    family_native, family_latin = rng.choice(names["family"])
    username = f"{given_latin.lower()}.{number:05d}"
    officer = officer_create(
        username=username,
        password=None,  # type: ignore[arg-type]  # an unusable password, set just below
        role=Role.LEARNER,
        full_name_native=f"{given_native} {family_native}" if given_native else "",
        full_name_latin=f"{given_latin} {family_latin}",
        service_number=f"S{number:05d}",
        agency=agency,
        rank=rng.choice(names["ranks"]),
        post=post,
        preferred_language=_weighted(rng, names["languages"]),
    )
    officer.password = password
    officer.save(update_fields=["password"])
    return officer


# The activity -------------------------------------------------------------------------------


def _version(courses: dict[str, CourseSteps], language: str) -> CourseSteps:
    """The officer's language version of a course, else its original (the first)."""
    return courses.get(language) or next(iter(courses.values()))


def _take_quiz(
    *, officer: User, quiz: QuizPage, rng: random.Random, persona: Persona, skill: float
) -> bool | None:
    """One attempt at ``quiz``: True if passed, False if failed, None when no attempt may
    start (all used)."""
    try:
        attempt = learning_services.quiz_start(learner=officer, quiz=quiz)
    except AttemptRefused:
        return None
    responses = answers_draw(snapshot=attempt.snapshot, rng=rng, skill=skill)
    if persona.saves_as_they_go and len(responses) > 1:
        # Answers saved as the officer goes (a reload or a dropped link loses nothing); the
        # last ones come with the submit.
        items = list(responses.items())
        half = len(items) // 2
        attempt_save(learner=officer, attempt=attempt, responses=dict(items[:half]))
        responses = dict(items[half:])
    submission, _records = learning_services.quiz_submit(
        learner=officer, attempt=attempt, responses=responses
    )
    return submission.passed


def _reread(
    *, officer: User, lessons: tuple[LessonPage | ScormLessonPage, ...], rng: random.Random
) -> None:
    for lesson in rng.sample(lessons, k=min(len(lessons), rng.randint(1, 2))):
        learning_services.lesson_open(learner=officer, lesson=lesson)


def _quiz_until_passed(
    *,
    officer: User,
    quiz: QuizPage,
    lessons: tuple[LessonPage | ScormLessonPage, ...],
    rng: random.Random,
    persona: Persona,
    skill: float,
) -> float | None:
    """Attempts at a module's ``quiz``, re-reading some of its ``lessons`` between them, until
    one passes: the skill the officer has then, or None if every attempt failed."""
    while True:
        passed = _take_quiz(officer=officer, quiz=quiz, rng=rng, persona=persona, skill=skill)
        if passed:
            return skill
        if passed is None:
            return None
        _reread(officer=officer, lessons=lessons, rng=rng)
        skill = min(0.98, skill + persona.learning_gain)


def _course_activity(
    *,
    officer: User,
    steps: CourseSteps,
    plan: CoursePlan,
    persona: Persona,
    rng: random.Random,
    coordinator: User | None,
) -> None:
    actor = coordinator if plan.by_coordinator and coordinator is not None else officer
    learning_services.enrolment_create(learner=officer, course=steps.course, actor=actor)
    if plan.pre_test and steps.pre_test is not None:
        _take_quiz(
            officer=officer, quiz=steps.pre_test, rng=rng, persona=persona, skill=persona.skill
        )
    if plan.outcome == "browse":
        lessons = [lesson for module in steps.modules for lesson in module.lessons]
        for lesson in lessons[: rng.randint(1, 2)]:
            learning_services.lesson_open(learner=officer, lesson=lesson)
        return
    budget = plan.stop_after if plan.outcome == "stop" else None
    done = 0
    skill = persona.skill
    for module in steps.modules:
        for position, lesson in enumerate(module.lessons):
            if budget is not None and done >= budget:
                return
            learning_services.lesson_open(learner=officer, lesson=lesson)
            if position and rng.random() < persona.rereads:
                learning_services.lesson_open(learner=officer, lesson=module.lessons[position - 1])
                learning_services.lesson_open(learner=officer, lesson=lesson)
            learning_services.lesson_complete(learner=officer, lesson=lesson)
            done += 1
        if module.quiz is None:
            continue
        if budget is not None and done >= budget:
            return
        skill_after = _quiz_until_passed(
            officer=officer,
            quiz=module.quiz,
            lessons=module.lessons,
            rng=rng,
            persona=persona,
            skill=skill,
        )
        if skill_after is None:
            return  # every attempt failed: the officer is stuck until a trainer helps
        skill = skill_after
        done += 1
    if plan.post_test and steps.post_test is not None:
        _take_quiz(
            officer=officer,
            quiz=steps.post_test,
            rng=rng,
            persona=persona,
            skill=min(0.98, skill + persona.learning_gain),
        )


def officer_activity(
    *,
    officer: User,
    persona: Persona,
    courses: dict[str, dict[str, CourseSteps]],
    rng: random.Random,
    coordinator: User | None,
) -> None:
    """Everything ``persona`` does, in the courses that exist, as ``officer``: enrolments,
    lessons, quizzes, completions (with their certificates) and perhaps a change of language.
    Precondition: inside the caller's transaction (one commit for the officer's activity)."""
    for plan in persona.courses:
        versions = courses.get(plan.code)
        if not versions:
            continue
        _course_activity(
            officer=officer,
            steps=_version(versions, officer.preferred_language),
            plan=plan,
            persona=persona,
            rng=rng,
            coordinator=coordinator,
        )
    if persona.changes_language:
        others = [code for code, _name in settings.LANGUAGES if code != officer.preferred_language]
        officer_set_language(user=officer, language=rng.choice(others))


def record_counts() -> dict[str, int]:
    """How many rows each synced table holds on this node, by label."""
    return {label: model.objects.count() for label, model in RECORD_TABLES}


def record_counts_lines(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """The table a seeding command prints: per table, the rows made now and on this node."""
    lines = [f"  {'table':<26} {'made now':>10} {'on this node':>13}"]
    for label, count in after.items():
        lines.append(f"  {label:<26} {count - before[label]:>10} {count:>13}")
    total_before, total_after = sum(before.values()), sum(after.values())
    lines.append(f"  {'all records':<26} {total_after - total_before:>10} {total_after:>13}")
    return lines


def officer_record_count(officer: User) -> int:
    """The records ``officer``'s activity left, in every table."""
    return (
        LearnerRecord.objects.filter(learner=officer).count()
        + QuizAttempt.objects.filter(learner=officer).count()
        + QuizSubmission.objects.filter(attempt__learner=officer).count()
        + Certificate.objects.filter(holder=officer).count()
        + ProfileRecord.objects.filter(officer_uuid=officer.uuid).count()
    )


@dataclass(frozen=True)
class Seeded:
    """What one officer's seeding made: the officer and how many records."""

    officer: User
    records: int


def activity_seed(
    *,
    officers: int | None,
    records: int | None = None,
    post_code: str | None = None,
    seed: int = 1,
    password: str,
) -> Iterator[Seeded]:
    """Register officers at the post(s) and let each learn, one transaction per officer, until
    ``officers`` were registered or their activity made at least ``records`` records
    (whichever comes first; at least one of the two must be given). Yields after each officer
    so the caller can show progress.

    Preconditions: at least one live course on this node (else SeedingError); ``password`` is
    the plain password every seeded officer gets (hashed once here).
    """
    if officers is None and records is None:
        raise SeedingError("Say how many officers or how many records to make.")
    courses = courses_available()
    if not courses:
        raise SeedingError(
            "There is no live course on this node: load the demo or import a course first."
        )
    posts = posts_ensure(code=post_code)
    agencies = {post.pk: _agency_for(post) for post in posts}
    coordinators = {post.pk: _coordinator_for(post) for post in posts}
    password_hash = make_password(password)
    codes = sorted(courses)
    steps = max(versions[next(iter(versions))].steps for versions in courses.values())
    rng = random.Random(seed)  # noqa: S311 (a repeatable plan, not a secret)
    made = made_records = 0
    number = 1
    while (officers is None or made < officers) and (records is None or made_records < records):
        officer_rng = random.Random(rng.getrandbits(64))  # noqa: S311
        post = posts[made % len(posts)]
        with transaction.atomic():
            number = _free_number(number, post.country)
            officer = officer_register(
                number=number,
                post=post,
                agency=agencies[post.pk],
                rng=officer_rng,
                password=password_hash,
            )
            persona = persona_draw(rng=officer_rng, course_codes=codes, steps=steps)
            officer_activity(
                officer=officer,
                persona=persona,
                courses=courses,
                rng=officer_rng,
                coordinator=coordinators[post.pk],
            )
            count = officer_record_count(officer)
        made += 1
        made_records += count
        number += 1
        yield Seeded(officer=officer, records=count)
