"""Build the demo: posts, agencies, people, courses (with a Thai translation) and some progress.

Everything goes through the same services real use does. Idempotent: what exists is left alone,
so ``load_demo`` can run on every start.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page

from courses.models import CertificateTemplate, CourseIndexPage, CoursePage
from courses.services import catalogue_ensure
from learning import services as learning_services
from modules.models import LessonPage, ModulePage, QuizPage, ReviewOption, ScormLessonPage
from modules.selectors import LESSON_TYPES
from modules.services import scorm_lesson_add
from officers.models import Agency, BorderPost, Role, User
from officers.services import coordinator_scope_add, officer_create
from questionbank.models import Question, QuestionCategory
from quizzes import qtypes
from scormexport.services import course_export
from scormpackages.services import package_import

from .contentfiles import CONTENT_DIR, certificate_read, courses_read
from .people import AGENCIES, LIAISON_OFFICERS, OFFICERS, POSTS, DemoLogin, demo_logins

# Covers and diagrams, made by scripts/make_demo_images.py.
IMAGES_DIR = Path(__file__).resolve().parent / "images"
# Narrated video and audio with WebVTT captions, made by scripts/make_demo_media.py.
RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"
DEMO_PASSWORD = "border-demo-2026"
P = TypeVar("P", bound=Page)


def _stored(model: Any, wrapper: type[File], path: Path, title: str) -> Any:
    """The image or document titled ``title``, uploaded from ``path`` the first time."""
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    with path.open("rb") as handle:
        return model.objects.create(title=title, file=wrapper(handle, name=path.name))


def _image(file_name: str, title: str) -> AbstractImage:
    return _stored(get_image_model(), ImageFile, IMAGES_DIR / file_name, title)


def _document(file_name: str, title: str) -> AbstractDocument:
    return _stored(get_document_model(), File, RECORDINGS_DIR / file_name, title)


def recording_value(*, clip_name: str, prefix: str) -> dict:
    """A video or audio block's value for a clip of narration.json: the file, its captions,
    and the spoken sentences as the transcript."""
    spec = json.loads((RECORDINGS_DIR / "narration.json").read_text(encoding="utf-8"))
    clip = next(c for c in spec["clips"] if c["name"] == clip_name)
    extension = "webm" if clip["kind"] == "video" else "ogg"
    media = f"{clip_name}.{extension}"
    captions = f"{clip_name}.en.vtt"
    return {
        "title": clip["title"],
        "file": _document(media, f"{prefix}: {media}").pk,
        "captions": _document(captions, f"{prefix}: {captions}").pk,
        "transcript": "".join(f"<p>{sentence}</p>" for sentence in clip["sentences"]),
    }


def _body(blocks: list[dict], image_title_prefix: str) -> str:
    raw = []
    for block in blocks:
        kind = block["type"]
        if kind == "text":
            value = block["html"]
        elif kind == "image":
            image = _image(block["file"], f"{image_title_prefix}: {block['file']}")
            value = {
                "image": image.pk,
                "alt_text": block["alt"],
                "caption": block.get("caption", ""),
            }
        elif kind in {"video", "audio"}:
            value = recording_value(clip_name=block["clip"], prefix=image_title_prefix)
        elif kind == "callout":
            value = {"title": block["title"], "text": block["text"]}
        elif kind == "scenario":
            value = {k: block[k] for k in ("title", "situation", "question", "discussion")}
        elif kind == "check":
            # A single-choice practice question (the quiz types serve knowledge checks too).
            q_kind, q_value = question_value(
                {
                    "type": "single",
                    "stem": block["question"],
                    "options": block["options"],
                    "explanation": block.get("explanation", ""),
                }
            )
            value = [{"type": q_kind, "value": q_value, "id": str(uuid.uuid4())}]
        else:
            raise ValueError(f"Unknown demo block type {kind!r}")
        raw.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
    return json.dumps(raw)


def _items(values: Iterable[object]) -> list[dict]:
    return [{"type": "item", "id": str(uuid.uuid4()), "value": v} for v in values]


def question_value(q: dict) -> tuple[str, dict]:
    """A demo question (as in demodata/content/*/<language>.yaml) as a question block's type
    and value."""
    value = {
        "stem": q["stem"] if q["stem"].startswith("<") else f"<p>{q['stem']}</p>",
        "points": q.get("points", 1),
        "feedback_correct": q.get("feedback_correct", ""),
        "feedback_incorrect": q.get("feedback_incorrect", ""),
        "explanation": q.get("explanation", ""),
    }
    kind = q["type"]
    if kind in {"single", "multiple"}:
        value["options"] = _items(
            {"text": o["text"], "correct": bool(o["correct"]), "feedback": o.get("feedback", "")}
            for o in q["options"]
        )
        if kind == "multiple":
            value["partial_credit"] = bool(q.get("partial_credit"))
    elif kind == "true_false":
        value["correct_answer"] = "true" if q["correct_answer"] else "false"
    elif kind == "matching":
        value["pairs"] = _items({"left": left, "right": right} for left, right in q["pairs"])
        value["partial_credit"] = bool(q.get("partial_credit"))
    elif kind == "ordering":
        value["items"] = _items(q["items"])
        value["partial_credit"] = bool(q.get("partial_credit"))
    elif kind == "numeric":
        value.update(
            answer=str(q["answer"]), tolerance=str(q.get("tolerance", "0")), unit=q.get("unit", "")
        )
    elif kind == "short_text":
        value["accepted"] = _items(q["accepted"])
    else:
        raise ValueError(f"Unknown demo question type {kind!r}")
    return kind, value


def quiz_questions(questions: list[dict]) -> str:
    """A quiz page's own questions, as StreamField JSON."""
    blocks = []
    for q in questions:
        kind, value = question_value(q)
        blocks.append({"type": f"own_{kind}", "id": str(uuid.uuid4()), "value": value})
    return json.dumps(blocks)


def _publish(page: P) -> P:
    page.save_revision().publish()
    return page


def _fill_course(page: CoursePage, text: dict) -> None:
    page.title = text["title"]
    page.summary = text["summary"]
    page.learning_outcomes = json.dumps(
        [{"type": "outcome", "value": o, "id": str(uuid.uuid4())} for o in text["outcomes"]]
    )


def course_build(*, spec: dict, index: CourseIndexPage) -> CoursePage:
    """Create and publish one demo course in its original language (the default locale's)."""
    text = spec["texts"][spec["languages"][0]]
    course = CoursePage(
        slug=spec["slug"],
        code=spec["code"],
        topic=spec["topic"],
        estimated_hours=spec["estimated_hours"],
        cover_image=_image(spec["cover_image"], f"{spec['code']} cover"),
    )
    _fill_course(course, text)
    index.add_child(instance=course)
    _publish(course)
    for module_text in text["modules"]:
        module = ModulePage(
            title=module_text["title"], slug=module_text["slug"], summary=module_text["summary"]
        )
        course.add_child(instance=module)
        _publish(module)
        for lesson_text in module_text["lessons"]:
            lesson = LessonPage(
                title=lesson_text["title"],
                slug=lesson_text["slug"],
                summary=lesson_text["summary"],
                estimated_minutes=lesson_text["minutes"],
                body=_body(lesson_text["body"], spec["code"]),
            )
            module.add_child(instance=lesson)
            _publish(lesson)
        quiz_text = module_text.get("quiz")
        if quiz_text:
            questions = quiz_text.get("questions")
            quiz = QuizPage(
                title=quiz_text["title"],
                slug=quiz_text["slug"],
                intro=quiz_text["intro"],
                pass_mark=quiz_text["pass_mark"],
                max_attempts=3,
                review=ReviewOption.FINAL,  # no answer key while attempts remain
                questions=quiz_questions(questions) if questions else "[]",
            )
            module.add_child(instance=quiz)
            _publish(quiz)
    return course


def course_tests_build(*, course: CoursePage, spec: dict) -> None:
    """The course's question bank category and its pre- and post-test, if the demo has them,
    in every language the demo gives."""
    if "tests" not in spec:
        return
    default = Locale.get_default()
    original, *translations = spec["languages"]
    bank = spec["texts"][original]["bank"]
    category = QuestionCategory.objects.create(name=bank["category"], locale=default)
    originals = []
    for q in bank["questions"]:
        kind, value = question_value(q)
        originals.append(
            Question.objects.create(
                title=strip_tags(value["stem"])[:200],
                category=category,
                locale=default,
                question=json.dumps([{"type": kind, "id": str(uuid.uuid4()), "value": value}]),
            )
        )
    for language in translations:
        t_bank = spec["texts"][language]["bank"]
        locale = Locale.objects.get(language_code=language)
        t_category = category.copy_for_translation(locale)
        t_category.name = t_bank["category"]
        t_category.save()
        for question, q in zip(originals, t_bank["questions"], strict=True):
            kind, value = question_value(q)
            translated = question.copy_for_translation(locale)
            translated.category = t_category
            translated.title = strip_tags(value["stem"])[:200]
            translated.question = json.dumps(
                [{"type": kind, "id": str(uuid.uuid4()), "value": value}]
            )
            translated.save()
    for kind in ("pre", "post"):
        test = spec["texts"][original][f"{kind}_test"]
        quiz = QuizPage(
            title=test["title"],
            slug=f"{kind}-test",
            intro=test["intro"],
            test_kind=kind,
            pass_mark=0 if kind == "pre" else 70,
            # The graded post-test shows answers only after a pass or the last attempt.
            review=ReviewOption.WHICH if kind == "pre" else ReviewOption.FINAL,
            shuffle_questions=True,
            questions=json.dumps(
                [
                    {
                        "type": "random_draw",
                        "id": str(uuid.uuid4()),
                        "value": {"category": category.pk, "count": spec["tests"][kind]["draw"]},
                    }
                ]
            ),
        )
        course.add_child(instance=quiz)
        _publish(quiz)


def course_translate(*, course: CoursePage, spec: dict, language: str) -> None:
    """Create and publish ``language``'s version of every page of ``course`` from the spec."""
    text = spec["texts"][language]
    locale = Locale.objects.get(language_code=language)
    index = course.get_parent().specific
    if not index.has_translation(locale):
        _publish(index.copy_for_translation(locale))
    translated = course.copy_for_translation(locale)
    _fill_course(translated, text)
    _publish(translated)
    modules = list(course.get_children().specific())
    module_texts = iter(text["modules"])
    for module in modules:
        if isinstance(module, QuizPage):
            test = text.get(f"{module.test_kind}_test")
            t_quiz = module.copy_for_translation(locale)
            if test:
                t_quiz.title, t_quiz.intro = test["title"], test["intro"]
            _publish(t_quiz)
            continue
        if not isinstance(module, ModulePage):
            continue
        module_text = next(module_texts)
        t_module = module.copy_for_translation(locale)
        t_module.title, t_module.summary = module_text["title"], module_text["summary"]
        _publish(t_module)
        lesson_texts = iter(module_text["lessons"])
        for child in module.get_children().specific():
            t_child = child.copy_for_translation(locale)
            if isinstance(child, LessonPage):
                lesson_text = next(lesson_texts)
                t_child.title = lesson_text["title"]
                t_child.summary = lesson_text["summary"]
                t_child.body = _body(lesson_text["body"], spec["code"])
            elif isinstance(child, QuizPage) and module_text.get("quiz"):
                t_child.title = module_text["quiz"]["title"]
                t_child.intro = module_text["quiz"]["intro"]
                translated = module_text["quiz"].get("questions")
                if translated:
                    t_child.questions = quiz_questions(translated)
            _publish(t_child)


# The demo's SCORM lesson: a module of WLC-101 exported as SCORM 2004 by our own exporter,
# imported back as a package and played in an optional module of its own (after the course's
# translations: it is in English only), so a newcomer sees the player. No package is stored in
# the repository, and nothing outside it is needed.
SCORM_DEMO = {"course": "WLC-101", "module": "wildlife-crime-and-cites"}


def scorm_demo_build(*, course: CoursePage) -> ScormLessonPage:
    """The optional "Interactive review" module of ``course`` and its SCORM lesson."""
    source = ModulePage.objects.child_of(course).get(slug=SCORM_DEMO["module"])
    with tempfile.TemporaryDirectory() as folder:
        exported = Path(folder) / "review.zip"
        course_export(
            course=course,
            fmt="scorm2004",
            language=course.locale.language_code,
            module=source,
            out=exported,
        )
        package = package_import(source=exported, title=f"{source.title} (SCORM 2004)")
    module = ModulePage(
        title="Interactive review",
        slug="interactive-review",
        summary="The first module again, played as a SCORM package, as one from another "
        "platform would be.",
        required=False,
    )
    course.add_child(instance=module)
    _publish(module)
    return scorm_lesson_add(
        module=module, package=package, title=f"Review: {source.title}", publish=True
    )


@transaction.atomic
def demo_load(*, content: Path = CONTENT_DIR) -> list[DemoLogin]:
    """Load the demo from the data files in ``content``. Returns the logins to print.

    Every file is read and checked before anything is written: one that fails raises
    ``contentfiles.ContentError`` and nothing is loaded."""
    specs = courses_read(
        content,
        images=IMAGES_DIR,
        recordings=RECORDINGS_DIR,
        original=get_supported_content_language_variant(settings.LANGUAGE_CODE),
    )
    certificate = certificate_read(content)
    index = catalogue_ensure()
    for spec in specs:
        if CoursePage.objects.filter(code=spec["code"]).exists():
            continue
        course = course_build(spec=spec, index=index)
        course_tests_build(course=course, spec=spec)
        for language in spec["languages"][1:]:
            course_translate(course=course, spec=spec, language=language)
        if spec["code"] == SCORM_DEMO["course"]:
            scorm_demo_build(course=course)

    validity = {s["code"]: s.get("certificate_validity_months") for s in specs}
    _certificate_design_ensure(certificate, validity={c: m for c, m in validity.items() if m})
    officers, coordinators = _people_ensure()
    _seed_progress(officers=officers, coordinators=coordinators)
    return demo_logins()


def _person(username: str, role: Role, **fields: Any) -> User:
    if not User.objects.filter(username=username).exists():
        officer_create(username=username, password=DEMO_PASSWORD, role=role, **fields)
    return User.objects.get(username=username)


def _people_ensure() -> tuple[dict[str, User], dict[str, User]]:
    """The posts, agencies, staff and officers of the demo: the officers by user name and the
    coordinators by country."""
    posts = {
        p["code"]: BorderPost.objects.get_or_create(code=p["code"], defaults=p)[0] for p in POSTS
    }
    agencies = {
        a["country"]: Agency.objects.get_or_create(
            country=a["country"], name=a["name"], defaults=a
        )[0]
        for a in AGENCIES
    }
    _person("admin", Role.ADMINISTRATOR, full_name_latin="Platform Administrator")
    _person("trainer", Role.TRAINER, full_name_latin="Headquarters Trainer")
    coordinator_th = _person(
        "coordinator",
        Role.COORDINATOR,
        full_name_latin="Thailand Coordinator",
        country="TH",
    )
    coordinator_scope_add(coordinator=coordinator_th, country="TH")
    coordinator_kh = _person(
        "coordinator.poipet",
        Role.COORDINATOR,
        full_name_latin="Poipet Coordinator",
        country="KH",
    )
    coordinator_scope_add(coordinator=coordinator_kh, post=posts["kh-poipet"])

    officers = {}
    # Liaison officers belong to no agency of the post's country.
    people = [(o, True) for o in OFFICERS] + [(o, False) for o in LIAISON_OFFICERS]
    for (username, native, latin, number, rank, post_code, language), of_agency in people:
        post = posts[post_code]
        officers[username] = _person(
            username,
            Role.LEARNER,
            full_name_native=native,
            full_name_latin=latin,
            service_number=number,
            rank=rank,
            post=post,
            **({"agency": agencies[post.country]} if of_agency else {}),
            preferred_language=language,
        )
    return officers, {"TH": coordinator_th, "KH": coordinator_kh}


def _seed_progress(*, officers: dict[str, User], coordinators: dict[str, User]) -> None:
    """Some officers part-way through a course and six who finished one (so hold certificates,
    with names in six scripts), so the coordinator's pages have something to show. Officers
    who already have records are left alone."""
    plan = {"malee": ("TIP-101", 3), "dara": ("HRB-101", 0), "anan": ("HRB-101", 1)}
    # These officers finish a course, quizzes passed, and so hold its certificate.
    finished = {
        "somchai": "TIP-101",
        "sokha": "WLC-101",
        "khamla": "TIP-101",
        "aungko": "TIP-101",
        "nguyenan": "HRB-101",
        "officer": "WLC-101",
    }
    for username, code in finished.items():
        officer = officers[username]
        if officer.learner_records.exists():
            continue
        course = CoursePage.objects.get(code=code, locale=Locale.get_default())
        learning_services.enrolment_create(
            learner=officer, course=course, actor=coordinators[officer.country]
        )
        _complete(officer, course)
    for username, (code, lessons_to_complete) in plan.items():
        officer = officers[username]
        if officer.learner_records.exists():
            continue
        course = CoursePage.objects.get(code=code, locale=Locale.get_default())
        learning_services.enrolment_create(
            learner=officer, course=course, actor=coordinators[officer.country]
        )
        lessons = LessonPage.objects.descendant_of(course).live().order_by("path")
        for lesson in list(lessons)[:lessons_to_complete]:
            learning_services.lesson_open(learner=officer, lesson=lesson)
            learning_services.lesson_complete(learner=officer, lesson=lesson)


def _complete(officer: User, course: CoursePage) -> None:
    """Work through ``course`` as the officer would: every lesson, every module quiz passed.
    Completing it issues the certificate (learning.completion -> certificates)."""
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        lessons = Page.objects.type(*LESSON_TYPES).child_of(module).live().order_by("path")
        for lesson in lessons.specific():  # a SCORM lesson as if its content reported it done
            learning_services.lesson_open(learner=officer, lesson=lesson)
            learning_services.lesson_complete(learner=officer, lesson=lesson)
        quiz = QuizPage.objects.child_of(module).live().first()
        if quiz is not None and len(quiz.questions):
            attempt = learning_services.quiz_start(learner=officer, quiz=quiz)
            learning_services.quiz_submit(
                learner=officer, attempt=attempt, responses=qtypes.answers(attempt.snapshot)
            )


def _signatories(signatories: list[dict]) -> str:
    return json.dumps(
        [{"type": "signatory", "id": str(uuid.uuid4()), "value": v} for v in signatories]
    )


def _certificate_design_ensure(certificate: dict, *, validity: dict[str, int]) -> None:
    """The courses' certificate template (in each language of certificate.yaml), and each
    course's validity from its course.yaml (TIP-101: two years, so officers see when to
    recertify)."""
    default = Locale.get_default()
    template = CertificateTemplate.objects.filter(name=certificate["name"]).first()
    if template is None:
        (_original, text), *translations = certificate["texts"].items()
        template = CertificateTemplate.objects.create(
            name=certificate["name"],
            locale=default,
            title=text["title"],
            body=text["body"],
            signatories=_signatories(text["signatories"]),
        )
        for language, text in translations:
            translated = template.copy_for_translation(Locale.objects.get(language_code=language))
            translated.title = text["title"]
            translated.body = text["body"]
            translated.signatories = _signatories(text["signatories"])
            translated.save()
    for course in CoursePage.objects.filter(locale=default, certificate_template__isnull=True):
        course.certificate_template = template
        if course.code in validity:
            course.certificate_validity_months = validity[course.code]
        _publish(course)
