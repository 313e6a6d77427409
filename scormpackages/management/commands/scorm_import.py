"""``manage.py scorm_import FILE [--title TEXT] [--json]``: check and store a SCORM package."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scormpackages.selectors import package_by_id, version_outline
from scormpackages.services import PackageRefused, package_import, package_replace


class Command(BaseCommand):
    help = (
        "Check a SCORM 1.2 or 2004 package (.zip) as hostile input and store it; print what it "
        "holds, or why it was refused (exit status 1, nothing kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the package (.zip)")
        parser.add_argument("--title", help="the package's title (default: the manifest's)")
        parser.add_argument(
            "--replace",
            metavar="PACKAGE_ID",
            help="a new version of this stored package (it keeps its id and its history)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON for machines")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        replaced = package_by_id(options["replace"]) if options["replace"] else None
        if options["replace"] and replaced is None:
            raise CommandError(f"No SCORM package has the id {options['replace']}.")
        try:
            if replaced is not None:
                version = package_replace(package=replaced, source=path, title=options["title"])
            else:
                version = package_import(source=path, title=options["title"]).current
        except PackageRefused as error:
            raise CommandError(f"{path.name} refused: {error}") from None
        outline = version_outline(version)
        if options["json"]:
            self.stdout.write(json.dumps(outline, indent=2, ensure_ascii=False))
            return
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
