"""Writes about course structure."""

from __future__ import annotations

import hashlib
from typing import IO, Any

from django.utils.text import slugify
from wagtail.log_actions import log

from officers.models import User
from scormpackages.models import ScormPackage
from scormpackages.services import package_import, package_replace

from .models import ModulePage, QuizPage, ScormLessonPage
from .selectors import QUIZ_SAVED_ACTION, package_with_current_sha256


def quiz_mark_saved(*, quiz: QuizPage, user: User) -> None:
    """Record that a person (not the editor's autosave) saved or published ``quiz``, so that
    ``selectors.quiz_in_the_way`` counts it when it is still a draft. Idempotent in effect:
    one entry is enough, more do no harm (the page's history lists them)."""
    log(instance=quiz, action=QUIZ_SAVED_ACTION, user=user)


def _free_slug(module: ModulePage, title: str) -> str:
    base = slugify(title)[:240] or "scorm-lesson"
    taken = set(module.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def scorm_lesson_add(
    *,
    module: ModulePage,
    package: ScormPackage,
    title: str | None = None,
    user: User | None = None,
    publish: bool = False,
) -> ScormLessonPage:
    """A SCORM lesson playing ``package``, added as the last lesson of ``module`` (in the
    module's language): its last page, or just before its quiz; titled ``title`` or the
    package's title, with a free slug. A draft unless ``publish``: a live lesson joins the
    progress of every officer enrolled in the course, so a trainer publishes it after a look
    in the editor's preview."""
    lesson = ScormLessonPage(
        title=(title or package.title)[:255],
        slug=_free_slug(module, title or package.title),
        package=package,
        live=publish,
    )
    quiz = QuizPage.objects.child_of(module).order_by("path").first()
    if quiz is not None:
        quiz.add_sibling(pos="left", instance=lesson)
    else:
        module.add_child(instance=lesson)
    revision = lesson.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    lesson.refresh_from_db()
    return lesson


def _sha256(upload: IO[bytes]) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for block in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(block)
    upload.seek(0)
    return digest.hexdigest()


def scorm_package_upload(
    *, upload: IO[bytes], replace: ScormPackage | None = None, user: Any = None
) -> ScormPackage:
    """The package an upload in the page editor stands for: a new package, or a new version of
    ``replace``. A zip whose SHA-256 is already a package's current version is that package,
    not a second copy: the editor's autosave posts the chosen file again with every change.
    Raises ``scormpackages.services.PackageRefused`` (nothing kept)."""
    same = package_with_current_sha256(_sha256(upload))
    if same is not None and (replace is None or same.pk == replace.pk):
        return same
    if replace is not None:
        return package_replace(package=replace, source=upload, user=user).package
    return package_import(source=upload, user=user)
