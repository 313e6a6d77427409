"""Releases what the SCORM package store no longer needs (``services.package_cleanup``): the
files of replaced versions no launch may play any more, and what an interrupted import left.
Every import runs it; an operator runs this (or a timer does) where imports are rare."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from scormpackages.services import package_cleanup


class Command(BaseCommand):
    help = "Removes SCORM package files nothing may play any more."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = package_cleanup()
        self.stdout.write(
            f"Removed {removed}: replaced versions' files no launch may play any more, and what "
            "interrupted imports left."
        )
