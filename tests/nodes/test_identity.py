"""Node identity: a key pair kept outside the database, and sequence numbers that never repeat."""

import stat
import threading
import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from nodes import identity
from nodes.identity import node_id_for_public_key, node_identity
from nodes.models import NodeSequence
from nodes.services import sequence_next


def test_key_pair_is_made_once_with_tight_permissions(tmp_path, settings):
    settings.NODE_KEY_DIR = tmp_path / "keys"
    first = node_identity()
    key_file = tmp_path / "keys" / identity.PRIVATE_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    identity._cache.clear()
    again = node_identity()
    assert again.node_id == first.node_id
    assert first.node_id == node_id_for_public_key(first.public_key_bytes)


def test_signature_verifies_and_a_changed_byte_does_not(tmp_path, settings):
    from cryptography.exceptions import InvalidSignature

    settings.NODE_KEY_DIR = tmp_path / "keys"
    me = node_identity()
    signature = me.sign(b"course bundle")
    me.public_key.verify(signature, b"course bundle")
    with pytest.raises(InvalidSignature):
        me.public_key.verify(signature, b"course bundlE")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sequence_needs_a_transaction():
    with pytest.raises(RuntimeError):
        sequence_next()


def test_sequence_numbers_increase_by_one(db):
    with transaction.atomic():
        node, a = sequence_next()
        _, b = sequence_next()
    assert b == a + 1
    assert NodeSequence.objects.get(node_id=node).last_value == b


def test_a_counters_first_number_makes_it_and_each_next_takes_one_statement(db):
    node = uuid.uuid4()
    with transaction.atomic():
        assert sequence_next(node_id=node) == (node, 1)
        with CaptureQueriesContext(connection) as queries:
            assert sequence_next(node_id=node) == (node, 2)
    # Every record written takes a number: one UPDATE ... RETURNING, not get_or_create, update
    # and read back (0.79 ms of CPU a number then, 0.075 now).
    assert len(queries) == 1
    assert NodeSequence.objects.get(node_id=node).last_value == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_never_share_a_number():
    node = uuid.uuid4()
    got, errors = [], []

    def worker():
        try:
            for _ in range(10):
                with transaction.atomic():
                    got.append(sequence_next(node_id=node)[1])
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(got) == list(range(1, 41))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own version check")
def test_a_sqlite_without_returning_is_refused_before_migrating(monkeypatch, db):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    call_command("check", "--database", "default")  # this machine's SQLite is recent enough
    monkeypatch.setattr(connection.Database, "sqlite_version_info", (3, 34, 1))
    with pytest.raises(SystemCheckError, match=r"SQLite 3\.34\.1 is too old"):
        call_command("check", "--database", "default")
