"""Helpers for sync tests in one database: this process plays the hub and the posts in turn
(another key directory is another node), and "forgetting" the record tables stands for the
other node's database, which does not have them yet. Real packets, real signatures, real files.
"""

from __future__ import annotations

import pytest
from django.db import connection

from nodes.models import NodeRole, Peer
from recordsync.models import HeldRecords
from recordsync.registry import TABLES, columns
from tests.conftest import Nodes as PlayedNodes
from tests.quizzes.conftest import build_quiz


class Nodes(PlayedNodes):
    """Nodes that are each registered as a peer of the others (as enrolment and the hub's
    roster would)."""

    def register(self, name: str, *, post_code: str = "", url: str = "") -> Peer:
        """Make ``name`` known to every node (one Peer table plays all of them)."""
        current = self.settings.NODE_KEY_DIR, self.settings.NODE_ROLE
        identity = self.be(name)
        self.settings.NODE_KEY_DIR, self.settings.NODE_ROLE = current
        peer, _created = Peer.objects.update_or_create(
            node_id=identity.node_id,
            defaults={
                "role": NodeRole.HUB if name.startswith("hub") else NodeRole.POST,
                "name": name.capitalize(),
                "post_code": post_code,
                "public_key": identity.public_key_bytes.hex(),
                "url": url,
            },
        )
        return peer

    def enrol_by_file(self, name: str, *, post_code: str):
        """The hub invites post ``name`` by file; the post loads it with its code. Returns the
        post's identity (the node played now); the hub registers it at its first packet."""
        from nodes.services import enrolment_create, enrolment_file_write, enrolment_load

        self.be("hub")
        invitation, code = enrolment_create(
            name=name.capitalize(), country="KH", post_code=post_code
        )
        path = self.tmp / f"{name}.enrol"
        enrolment_file_write(enrolment=invitation, code=code, hub_url="http://hq", path=path)
        post = self.be(name)
        enrolment_load(path=path, code=code)
        return post


@pytest.fixture
def graded_course(course_tree):
    """The shared course, each module quiz with questions (so passing it counts)."""
    for quiz in course_tree.quizzes:
        build_quiz(quiz, with_bank=False)
    return course_tree


@pytest.fixture
def nodes(settings, tmp_path):
    return Nodes(settings, tmp_path)


@pytest.fixture
def network(nodes, posts):
    """A hub and two enrolled posts: Poipet (code kh-p) and Aranyaprathet (th-a)."""
    nodes.register("hub", url="http://hub.invalid")
    nodes.register("poipet", post_code="kh-p")
    nodes.register("aranya", post_code="th-a")
    return nodes


_FORGET_ORDER = [
    "certificates_certificatecorrection",
    "certificates_revocation",
    "certificates_certificate",
    "quizzes_attemptdraft",
    "quizzes_quizsubmission",
    "quizzes_quizattempt",
    "learning_learnerrecord",
]


def forget_records(*origins) -> None:
    """Empty the record tables (of ``origins`` only, if given), as on a node that has not
    received them. Raw SQL: records are immutable through the ORM, and this stands for another
    database, not a deletion."""
    names = _FORGET_ORDER + [
        t.model._meta.db_table for t in TABLES if t.model._meta.db_table not in _FORGET_ORDER
    ]
    # What this node holds is that other database's bookkeeping too: built again from its tables.
    HeldRecords.objects.all().delete()
    with connection.cursor() as cursor:
        for name in names:
            if name == "quizzes_attemptdraft":
                cursor.execute(
                    'DELETE FROM "quizzes_attemptdraft" WHERE attempt_id IN '
                    '(SELECT id FROM "quizzes_quizattempt"'
                    + (
                        f" WHERE origin_node IN ({','.join(['%s'] * len(origins))}))"
                        if origins
                        else ")"
                    ),
                    [o.hex for o in origins],
                )
            elif origins:
                marks = ",".join(["%s"] * len(origins))
                cursor.execute(
                    f'DELETE FROM "{name}" WHERE origin_node IN ({marks})',
                    [o.hex for o in origins],
                )
            else:
                cursor.execute(f'DELETE FROM "{name}"')


def snapshot(*origins) -> dict[str, list[tuple]]:
    """Every synced row (of ``origins`` only, if given), with officers by UUID, in (origin,
    seq) order."""
    result = {}
    for table in TABLES:
        rows = table.model.objects.order_by("origin_node", "origin_seq")
        if origins:
            rows = rows.filter(origin_node__in=origins)
        result[table.name] = list(rows.values_list(*[c.lookup for c in columns(table)]))
    return result


def record_count(*origins) -> int:
    return sum(len(rows) for rows in snapshot(*origins).values())


def lessons_packets(network, tree, tmp_path, work: dict[str, list]) -> list:
    """At each post named in ``work``, its officers enrol in ``tree``'s course and complete the
    lessons given (``[(officer, lessons), ...]``); the post writes its packet and its records
    are forgotten (they are on the stick). Returns the packets, in ``work``'s order."""
    from learning import services as learning
    from recordsync.services import packet_export

    packets = []
    for name, done in work.items():
        network.be(name)
        for officer, lessons in done:
            learning.enrolment_create(learner=officer, course=tree.course, actor=officer)
            for lesson in lessons:
                learning.lesson_open(learner=officer, lesson=lesson)
                learning.lesson_complete(learner=officer, lesson=lesson)
        packets.append(tmp_path / f"{name}.packet")
        packet_export(path=packets[-1])
        forget_records(network.ids[name])
    return packets


def forged_chunk(
    network, table, origin, rows: list[list], *, seqs: list[list[int]], count: int | None = None
):
    """``origin``'s own ``rows`` of ``table``, sealed for the hub and listed as Poipet's packet
    would list a chunk (signed with Poipet's key) of ``count`` rows (all of them unless given):
    what a post that tries to speak for another node sends. Returns (the packet meta's entry
    for it, the sealed bytes)."""
    import hashlib

    from nodes.sealing import seal
    from nodes.selectors import trusted_key
    from recordsync.export import chunk_data
    from recordsync.wire import chunk_signature

    plain, _held = chunk_data(table=table, origin=origin.hex, rows=rows)[0]
    forged = seal(plain, to=trusted_key(network.ids["hub"]))
    sha = hashlib.sha256(forged).hexdigest()
    entry = {
        "part": "forged",
        "table": table.name,
        "origin": str(origin),
        "signer": str(network.ids["poipet"]),
        "signature": chunk_signature(sha),
        "sha256": sha,
        "count": len(rows) if count is None else count,
        "seqs": seqs,
    }
    return entry, forged


def packet_claiming(network, table, origin, rows: list[list]) -> bytes:
    """Poipet's packet (played now) with a chunk of ``origin``'s real ``rows`` of ``table``
    signed by Poipet: a post that tries to send another node's records as its own."""
    from nodes.container import container_bytes
    from recordsync.export import export

    meta, parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    seq_at = [c.name for c in columns(table)].index("origin_seq")
    entry, forged = forged_chunk(
        network, table, origin, rows, seqs=[[rows[0][seq_at], rows[-1][seq_at]]]
    )
    meta["chunks"].append(entry)
    return container_bytes(kind="packet", meta=meta, parts=[*parts, ("forged", forged)])
