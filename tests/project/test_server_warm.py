"""The post's master loads what its workers will share before it forks (elearning.serverhooks)."""

import logging

from django.conf import settings
from django.urls import get_resolver

from elearning import serverhooks


class _Server:
    log = logging.getLogger("tests.gunicorn")


def test_warming_loads_every_languages_url_map_and_every_template_without_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="tests.gunicorn"):
        serverhooks.warm(_Server())

    assert not caplog.records  # a template that does not compile is logged here
    assert {code for code, _name in settings.LANGUAGES} <= set(get_resolver()._reverse_dict)


def test_the_master_forks_a_worker_holding_no_database_connection(django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        assert connection.connection is not None
        serverhooks.before_fork(_Server(), worker=None)

    assert connection.connection is None
