"""The sync commands run the system checks of what they use (models, security, the project's
own) and skip only those of pages (URL configuration, admin, templates, static files)."""

from __future__ import annotations

import pytest
from django.core import checks
from django.core.checks.registry import registry
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError


@pytest.fixture
def failing_check():
    """Register a check that always fails, with the tag given; removed afterwards."""
    added = []

    def register(tag: str) -> None:
        def always_fails(app_configs, **kwargs):
            return [checks.Error(f"a failing {tag} check", id="tests.E999")]

        checks.register(always_fails, tag)
        added.append(always_fails)

    yield register
    for check in added:
        registry.registered_checks.discard(check)


@pytest.mark.parametrize("command", ["sync_import", "sync_export"])
def test_a_failing_model_check_stops_a_sync_command(failing_check, tmp_path, command):
    failing_check(checks.Tags.models)
    with pytest.raises(SystemCheckError, match="a failing models check"):
        call_command(command, *_arguments(command, tmp_path), skip_checks=False)


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["sync_import", "sync_export"])
def test_a_failing_page_check_does_not_stop_a_sync_command(failing_check, tmp_path, command):
    """The command goes on to its own work (and says why that fails here: no packet, no
    enrolment), rather than stopping at a check of pages it never serves."""
    for tag in (checks.Tags.urls, checks.Tags.admin, checks.Tags.templates):
        failing_check(tag)
    with pytest.raises(CommandError) as raised:
        call_command(command, *_arguments(command, tmp_path), skip_checks=False)
    assert not isinstance(raised.value, SystemCheckError)


def _arguments(command: str, tmp_path) -> list[str]:
    if command == "sync_import":
        return [str(tmp_path / "missing.packet")]
    return ["-o", str(tmp_path / "out.packet")]
