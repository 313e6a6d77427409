"""A whole journey: a trainer publishes a course, a coordinator enrols an officer, the officer
works through it in Thai and English, and the coordinator sees it completed."""

import re

from django.urls import reverse

from learning.models import LearnerRecord
from tests.conftest import build_course, translate


def test_from_authoring_to_a_completed_course(client, people):
    tree = build_course(code="TIP-9", modules=2, lessons_per_module=2)
    translate(tree.index, "th")
    translate(tree.course, "th", title="การค้ามนุษย์")
    translate(tree.modules[0], "th", title="โมดูลที่ 1")
    translate(tree.lessons[0], "th", title="บทเรียนที่ 1")
    officer = people["learner"]

    client.force_login(people["coordinator"])
    client.post(
        reverse("coordination:officer_enrol", args=[officer.uuid]), {"course": tree.course.pk}
    )

    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    my = client.get(reverse("my_learning")).content.decode()
    assert "การค้ามนุษย์" in my
    for lesson in tree.lessons:
        page = client.get(lesson.url)
        assert page.status_code == 200
        # Submit the form the officer sees (it names the language version shown).
        action = re.search(
            r'<form method="post" action="(/learn/lessons/\d+/complete/)"', page.content.decode()
        ).group(1)
        client.post(action)
    thai_lesson = client.get(tree.lessons[0].url).content.decode()
    assert "บทเรียนที่ 1" in thai_lesson
    course_page = client.get(tree.course.url).content.decode()
    assert 'aria-valuenow="100"' in course_page

    kinds = list(officer.learner_records.order_by("origin_seq").values_list("kind", flat=True))
    assert kinds.count("lesson_completed") == 4
    assert kinds.count("module_completed") == 2
    assert kinds.count("course_completed") == 1
    locales = set(
        officer.learner_records.filter(kind="lesson_completed").values_list(
            "content_locale", flat=True
        )
    )
    assert locales == {"th", "en"}

    client.force_login(people["coordinator"])
    table = client.get(reverse("coordination:progress"), {"course": tree.course.pk})
    row = next(r for r in table.context["rows"] if r.officer == officer)
    assert row.progress.status == "completed"
    summary = table.context["summary"]
    assert (summary.officers, summary.enrolled, summary.completed) == (2, 1, 1)
    assert LearnerRecord.objects.filter(learner=officer, actor=people["coordinator"]).count() == 1
