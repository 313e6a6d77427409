"""The coordinator's progress table dates the last activity in the coordinator's language, with
the month as a word: never "12/03/2026 12:56 p.m."."""

import re

import pytest
from django.urls import reverse

from learning import services
from officers.services import officer_set_language

SHAPES = {
    "en": r"[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\u202f[AP]M",  # Dec 3, 2026, 12:56 PM
    "lo": r"\d{1,2} [\u0e80-\u0eff.]+ \d{4}, \d{1,2}:\d{2}",  # 3 ທ.ວ. 2026, 12:56
    "vi": r"\d{1,2}:\d{2} \d{1,2} thg \d{1,2}, \d{4}",  # 12:56 3 thg 12, 2026
    "my": r"\d{4} [\u1000-\u109f]+ \d{1,2} \d{1,2}:\d{2}",  # 2026 ဒီ 3 12:56
}


@pytest.mark.parametrize("language", sorted(SHAPES))
def test_last_activity_reads_in_the_coordinators_language(client, course_tree, people, language):
    learner = people["learner"]
    services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    services.lesson_open(learner=learner, lesson=course_tree.lessons[0])
    officer_set_language(user=people["coordinator"], language=language)
    client.force_login(people["coordinator"])
    html = client.get(
        reverse("coordination:progress"), {"course": course_tree.course.pk}
    ).content.decode()
    row = next(r for r in html.split("<tr") if "Somchai Jaidee" in r)
    assert re.search(SHAPES[language], row), row
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", row) and "p.m." not in row
