"""``sync_import`` and ``sync_export`` in a log or a pipe: plain progress lines."""

import io

import pytest
from django.core.management import call_command

from tests.certificates.conftest import complete
from tests.progress_lines import plain_progress
from tests.recordsync.conftest import forget_records

pytestmark = pytest.mark.django_db


def test_sync_commands_print_plain_lines_when_not_on_a_terminal(
    network, people, graded_course, tmp_path, capsys
):
    network.be("poipet")
    complete(people["learner_kh"], graded_course)
    packet = tmp_path / "poipet.packet"
    capsys.readouterr()
    call_command("sync_export", "-o", str(packet), stdout=io.StringIO())
    plain_progress(capsys.readouterr().err, "Packing")
    forget_records(network.ids["poipet"])
    network.be("hub")

    out = io.StringIO()
    call_command("sync_import", str(packet), stdout=out)
    steps = plain_progress(capsys.readouterr().err, "Applying")
    assert steps[-1][0] > 0
    assert "new" in out.getvalue()
