"""The coordinator's table: officers in scope by course, with status and last activity."""

from django.urls import reverse

from learning import services


def rows_by_user(response):
    return {row.officer.username: row.progress for row in response.context["rows"]}


def test_table_shows_only_officers_in_scope_with_their_status(client, course_tree, people):
    learner = people["learner"]
    services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    services.lesson_open(learner=learner, lesson=course_tree.lessons[0])
    services.lesson_complete(learner=learner, lesson=course_tree.lessons[0])
    client.force_login(people["coordinator"])
    response = client.get(reverse("coordination:progress"), {"course": course_tree.course.pk})
    rows = rows_by_user(response)
    assert set(rows) == {"learner", "learner_kh"}
    assert rows["learner"].status == "in_progress"
    assert rows["learner"].percent == 25
    assert rows["learner_kh"].status == "not_enrolled"
    html = response.content.decode()
    assert "Somchai Jaidee" in html and "Khamla" not in html
    assert "25%" in html


def test_filter_by_post(client, course_tree, people, posts):
    client.force_login(people["coordinator"])
    response = client.get(
        reverse("coordination:progress"), {"course": course_tree.course.pk, "post": posts["kh"].pk}
    )
    assert set(rows_by_user(response)) == {"learner_kh"}


def test_a_post_outside_scope_cannot_be_chosen(client, course_tree, people, posts):
    client.force_login(people["coordinator"])
    response = client.get(
        reverse("coordination:progress"), {"course": course_tree.course.pk, "post": posts["la"].pk}
    )
    assert response.context["rows"] == []
    assert "Select a valid choice" in response.content.decode()


def test_administrator_sees_every_post(client, course_tree, people):
    client.force_login(people["admin"])
    response = client.get(reverse("coordination:progress"), {"course": course_tree.course.pk})
    assert set(rows_by_user(response)) == {"learner", "learner_kh", "learner_la"}


def test_table_query_count_does_not_grow_with_officers(
    client, course_tree, people, django_assert_max_num_queries
):
    client.force_login(people["admin"])
    for person in ("learner", "learner_kh", "learner_la"):
        services.enrolment_create(
            learner=people[person], course=course_tree.course, actor=people[person]
        )
    with django_assert_max_num_queries(20):
        client.get(reverse("coordination:progress"), {"course": course_tree.course.pk})


def test_coordinator_enrols_an_officer_from_their_page(client, course_tree, people):
    client.force_login(people["coordinator"])
    url = reverse("coordination:officer_enrol", args=[people["learner_kh"].uuid])
    response = client.post(url, {"course": course_tree.course.pk}, follow=True)
    assert "is enrolled in" in response.content.decode()
    record = people["learner_kh"].learner_records.get()
    assert record.actor == people["coordinator"]


def test_summary_counts_statuses(client, course_tree, people):
    for person in ("learner", "learner_kh"):
        services.enrolment_create(
            learner=people[person], course=course_tree.course, actor=people[person]
        )
    client.force_login(people["coordinator"])
    response = client.get(reverse("coordination:progress"), {"course": course_tree.course.pk})
    assert "2 officers: 2 enrolled, 0 in progress, 0 completed." in response.content.decode()
