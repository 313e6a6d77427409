"""``manage.py scorm_import FILE [--module MODULE_PAGE_ID [--publish]] [--title TEXT] [--json]``:
check and store a SCORM package, and with ``--module`` add the SCORM lesson that plays it.

It lives in ``modules`` (not ``scormpackages``) because it makes a lesson page: the package store
knows nothing of pages (the layers in pyproject.toml)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from modules.models import ScormLessonPage
from modules.selectors import module_by_id
from modules.services import scorm_lesson_add
from scormpackages.selectors import package_by_id, version_outline
from scormpackages.services import PackageRefused, package_import, package_replace


class Command(BaseCommand):
    help = (
        "Check a SCORM 1.2 or 2004 package (.zip) as hostile input and store it; print what it "
        "holds, or why it was refused (exit status 1, nothing kept). With --module, add a SCORM "
        "lesson playing it as the last lesson of that module (before its quiz): a draft "
        "(publish it in the page editor after a look at its preview), or live with --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the package (.zip)")
        parser.add_argument(
            "--title", help="the package's (and the lesson's) title (default: the manifest's)"
        )
        parser.add_argument(
            "--replace",
            metavar="PACKAGE_ID",
            help="a new version of this stored package (it keeps its id and its history)",
        )
        parser.add_argument(
            "--module",
            metavar="MODULE_PAGE_ID",
            help="add a SCORM lesson playing the package to this module (its page id)",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="with --module: publish the lesson at once (default: a draft)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON for machines")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        replaced = package_by_id(options["replace"]) if options["replace"] else None
        if options["replace"] and replaced is None:
            raise CommandError(f"No SCORM package has the id {options['replace']}.")
        if options["publish"] and not options["module"]:
            raise CommandError("--publish publishes the lesson --module adds: name the module.")
        module = None
        if options["module"] is not None:  # checked before anything is stored
            module = module_by_id(options["module"])
            if module is None:
                raise CommandError(
                    f"{options['module']} is not the page id of a module: nothing imported. "
                    "A module's id is in its address in the page editor (/admin/pages/ID/edit/)."
                )
        try:
            if replaced is not None:
                version = package_replace(package=replaced, source=path, title=options["title"])
            else:
                version = package_import(source=path, title=options["title"]).current
        except PackageRefused as error:
            raise CommandError(f"{path.name} refused: {error}") from None
        outline = version_outline(version)
        lesson = None
        if module is not None:
            lesson = scorm_lesson_add(
                module=module,
                package=version.package,
                title=options["title"],
                publish=options["publish"],
            )
            outline["lesson"] = _lesson_facts(lesson)
        if options["json"]:
            self.stdout.write(json.dumps(outline, indent=2, ensure_ascii=False))
            return
        self._print(outline)

    def _print(self, outline: dict) -> None:
        self.stdout.write(
            f"Imported {outline['title']!r} (SCORM {outline['scorm_version']}), package "
            f"{outline['package']}, version {outline['version_number']}.\n"
            f"Organization {outline['organization']}: {outline['scos']} SCO(s), "
            f"{outline['assets']} asset(s); {outline['file_count']} files, "
            f"{outline['total_size']} bytes."
        )
        for item in outline["items"]:
            kind = item["scorm_type"] or "folder"
            hidden = "" if item["visible"] else " (hidden)"
            launch = f" -> {item['launch']}" if item["launch"] else ""
            self.stdout.write(
                f"{'  ' * (item['depth'] + 1)}[{kind}] {item['title']}{hidden}{launch}"
            )
        lesson = outline.get("lesson")
        if lesson:
            state = "published" if lesson["live"] else "a draft"
            self.stdout.write(
                f"SCORM lesson {lesson['id']} {lesson['title']!r} added to module "
                f"{lesson['module_id']} {lesson['module']!r} ({state}): {lesson['url']}\n"
                f"Edit it at {lesson['edit_url']}"
            )


def _lesson_facts(lesson: ScormLessonPage) -> dict:
    module = lesson.get_parent()
    return {
        "id": lesson.pk,
        "title": lesson.title,
        "live": lesson.live,
        "url": lesson.get_url(),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        "module_id": module.pk,
        "module": module.title,
    }
