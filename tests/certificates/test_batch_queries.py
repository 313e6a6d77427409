"""A batch of certificates is read with the same queries for 10 certificates as for 2: printing
a sheet per certificate (the background batch, ``print_certificates``) and the coordinator's
list."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import selectors
from certificates.printing import printed
from certificates.services import certificate_issue
from officers.services import officer_create
from tests.conftest import PASSWORD


def certify(course_tree, people, posts, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        officer = officer_create(
            username=f"officer{n}",
            password=PASSWORD,
            full_name_latin=f"Officer {n}",
            preferred_language="th" if n % 2 else "en",
            post=posts["th"],
        )
        certificate_issue(
            holder=officer, course=course_tree.course, actor=people["admin"], reason="Workshop"
        )


def batch_queries(people, course_tree) -> tuple[int, int]:
    """(queries, sheets) for printing the coordinator's batch of the course."""
    with CaptureQueriesContext(connection) as captured:
        certificates = selectors.batch(
            viewer=people["coordinator"], course_key=course_tree.course.translation_key
        )
        sheets, _designs = printed(certificates.select_related("holder"))
    return len(captured.captured_queries), len(sheets)


@pytest.mark.django_db
def test_printing_a_batch_reads_the_same_for_ten_as_for_two(course_tree, people, posts):
    certify(course_tree, people, posts, 2)
    two, printed_two = batch_queries(people, course_tree)
    certify(course_tree, people, posts, 8, start=2)
    ten, printed_ten = batch_queries(people, course_tree)
    assert (printed_two, printed_ten) == (2, 10)
    assert ten == two


def test_the_print_command_reads_the_same_for_ten_as_for_two(
    course_tree, people, posts, tmp_path, capsys
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            call_command(
                "print_certificates",
                "--course",
                course_tree.course.code,
                "--output",
                str(tmp_path / "out.pdf"),
            )
        return len(captured.captured_queries)

    certify(course_tree, people, posts, 2)
    two = queries()
    certify(course_tree, people, posts, 8, start=2)
    assert queries() == two


def test_the_list_reads_the_same_for_ten_as_for_two(client, course_tree, people, posts):
    client.force_login(people["coordinator"])
    client.get(reverse("certificates:coordinator"))  # the session and caches, once

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("certificates:coordinator"))
        assert response.status_code == 200
        return len(captured.captured_queries)

    certify(course_tree, people, posts, 2)
    two = queries()
    certify(course_tree, people, posts, 8, start=2)
    assert queries() == two
