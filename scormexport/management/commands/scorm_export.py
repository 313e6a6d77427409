"""``manage.py scorm_export COURSE_CODE --format scorm12|scorm2004 [--module ID] [--language xx]
-o FILE.zip``: a course as a SCORM package for another LMS (ADR 0025)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scormexport.manifest import FORMATS
from scormexport.selectors import course_by_code, module_in_course
from scormexport.services import ExportError, course_export


class Command(BaseCommand):
    help = "Write a published course as a SCORM 1.2 or 2004 package (.zip) for another LMS."

    def add_arguments(self, parser):
        parser.add_argument("course", help="course code, e.g. TIP-101")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
        parser.add_argument("--module", type=int, help="page id of one module to export alone")
        parser.add_argument(
            "--language", help="language code, e.g. th (default: the course's original language)"
        )
        parser.add_argument("-o", "--output", required=True, help="the .zip file to write")

    def handle(self, *args, **options):
        course = course_by_code(options["course"])
        if course is None:
            raise CommandError(f"No course with the code {options['course']}.")
        module = None
        if options["module"] is not None:
            module = module_in_course(course=course, page_id=options["module"])
            if module is None:
                raise CommandError(
                    f"Page {options['module']} is not a module of the course {course.code}."
                )
        try:
            result = course_export(
                course=course,
                fmt=options["fmt"],
                language=options["language"] or course.locale.language_code,
                module=module,
                out=Path(options["output"]),
            )
        except ExportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{course.code}: {result.fmt} package in {result.language} written to "
            f"{result.path} ({result.lessons} lessons, {result.quizzes} "
            f"{'quiz' if result.quizzes == 1 else 'quizzes'}, "
            f"{result.files} files, "
            f"{result.size / 1e6:.2f} MB)."
        )
