"""``manage.py enrol FILE --code CODE`` or ``manage.py enrol --hub URL --code CODE``: at a
border post, join the hub. The file is sealed with the code, which travels apart from it. From
then on this post trusts the hub's key and no other."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nodes.container import ContainerError
from nodes.selectors import EnrolmentError, this_node
from nodes.services import enrolment_by_code, enrolment_load
from officers.services import border_post_ensure


class Command(BaseCommand):
    help = "At a border post: enrol with headquarters from its enrolment file or code."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="the enrolment file from headquarters")
        parser.add_argument("--hub", help="headquarters' address (with --code)")
        parser.add_argument(
            "--code", help="the code headquarters gave with the file (or with --hub)"
        )

    def handle(self, *args, **options):
        try:
            if options["file"]:
                peer = enrolment_load(path=Path(options["file"]), code=options["code"] or "")
                pending = True
            elif options["hub"] and options["code"]:
                peer = enrolment_by_code(hub_url=options["hub"], code=options["code"])
                pending = False
            else:
                raise CommandError("Give the enrolment file, or --hub URL and --code CODE.")
        except (EnrolmentError, ContainerError) as error:
            raise CommandError(str(error)) from None
        post = border_post_ensure(data=this_node().border_post)
        self.stdout.write(f"Enrolled with {peer.name} ({peer.node_id}).")
        if post is not None:
            self.stdout.write(f"This node serves the border post {post.name} ({post.code}).")
        if pending:
            self.stdout.write(
                "Headquarters registers this post when it reads this post's first sync packet "
                "(python manage.py sync_export -o FILE) or at the first 'python manage.py sync'."
            )
