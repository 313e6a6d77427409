"""``import_bundle`` in a log or a pipe: one plain line per step, not one long redrawn bar."""

from pathlib import Path

import pytest
from django.core.management import call_command

from coursebundles.services import bundle_export
from tests.progress_lines import plain_progress

from .conftest import build_rich_course, wipe_course

pytestmark = pytest.mark.django_db


def test_import_bundle_prints_a_line_per_step_when_not_on_a_terminal(
    nodes, tmp_path, capsys, settings
):
    nodes.hub()
    rich = build_rich_course()
    bundle = tmp_path / "bnd-101.bundle"
    bundle_export(course_code="BND-101", path=bundle)
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    nodes.post()
    capsys.readouterr()

    call_command("import_bundle", str(bundle))
    captured = capsys.readouterr()
    assert "BND-101 installed" in captured.out
    steps = plain_progress(captured.err, "Installing")
    total = steps[0][1]
    assert total <= 100  # so every step moves the percentage and gets its line
    assert steps == [(done, total) for done in range(total + 1)]
