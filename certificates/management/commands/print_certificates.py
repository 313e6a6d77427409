"""``manage.py print_certificates --course CODE [--post CODE] [--since DATE] -o FILE.pdf``."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from certificates.models import Certificate
from certificates.printing import printed
from certificates.rendering import RenderError, render_pdf
from certificates.selectors import with_dates
from courses.models import CoursePage
from elearning.progress import progress_printer
from officers.models import BorderPost


class Command(BaseCommand):
    help = "Print the standing certificates of a course (of one post, since a date) as one PDF."

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="course code, e.g. TIP-101")
        parser.add_argument("--post", help="border post code")
        parser.add_argument("--since", type=datetime.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")

    def handle(self, *args, **options):
        course = CoursePage.objects.filter(
            code__iexact=options["course"], locale=Locale.get_default()
        ).first()
        if course is None:
            raise CommandError(f"No course with the code {options['course']}.")
        certificates = with_dates(
            Certificate.objects.filter(
                course_key=course.translation_key, revocation__isnull=True
            ).select_related("holder")
        )
        if options["post"]:
            post = BorderPost.objects.filter(code=options["post"]).first()
            if post is None:
                raise CommandError(f"No border post with the code {options['post']}.")
            certificates = certificates.filter(holder__post=post)
        if options["since"]:
            certificates = certificates.filter(issued_on__gte=options["since"])
        ordered = certificates.order_by("holder__post__name", "holder_latin")
        sheets, designs = printed(ordered)
        if not sheets:
            raise CommandError("No certificates match: nothing was written.")

        progress = progress_printer("Printing")
        try:
            pages = render_pdf(sheets, designs, out=options["output"], progress=progress)
        except RenderError as error:
            raise CommandError(f"The certificates could not be rendered: {error}") from error
        finally:
            progress.finish()
        self.stdout.write(f"{pages} certificate(s) written to {options['output']}.")
