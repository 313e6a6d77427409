"""Fixtures for multi-node tests: a migrated database and a demo hub made once per session, and a
``network`` that makes nodes from them in the test's own directory and stops them afterwards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.multinode.harness import (
    Node,
    carry,
    demo_hub_template,
    enrol_by_file,
    free_port,
    keys_create,
    migrated_template,
    node_char,
    node_from,
)


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path:
    return migrated_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def demo_hub_dir(tmp_path_factory, migrated_db) -> Path:
    return demo_hub_template(tmp_path_factory.mktemp("demo") / "hub", migrated_db)


class Network:
    """The nodes of one test, each in its own directory under the test's ``tmp_path``."""

    def __init__(self, root: Path, migrated_db: Path, demo_hub_dir: Path):
        self.root, self.migrated_db, self.demo_hub_dir = root, migrated_db, demo_hub_dir
        self.nodes: list[Node] = []
        self.files = root / "usb"
        self.files.mkdir()
        self.hub_port = free_port()
        self.hub_url = f"http://127.0.0.1:{self.hub_port}"

    def hub(self, name: str = "hub", *, own_keys: bool = False) -> Node:
        """Headquarters with the demo content, people and progress. Every copy has the demo's
        key pair unless ``own_keys`` (another organisation's hub with the same courses)."""
        node = node_from(self.demo_hub_dir, self.root / name, name=name, role="hub", whole_dir=True)
        if own_keys:
            shutil.rmtree(node.dir / "keys")
            keys_create(node.dir, node_chars_not={node_char(other.dir) for other in self.nodes})
        self.nodes.append(node)
        return node.start()

    def post(self, name: str, *, code_character_of: Node | None = None) -> Node:
        """A fresh border post: migrated, nothing else. The character naming it in certificate
        codes differs from every other node's here, or is ``code_character_of``'s (see
        ``keys_create``)."""
        node = node_from(self.migrated_db, self.root / name, name=name, role="post")
        if code_character_of is not None:
            keys_create(node.dir, node_char_is=node_char(code_character_of.dir))
        else:
            keys_create(node.dir, node_chars_not={node_char(other.dir) for other in self.nodes})
        self.nodes.append(node)
        return node.start()

    def enrolled_post(
        self,
        hub: Node,
        name: str,
        *,
        post_name: str,
        country: str,
        post_code: str,
        courses=(),
        code_character_of: Node | None = None,
    ) -> Node:
        """A post enrolled with ``hub`` by file, known to the hub (its first packet carried the
        enrolment claim), with ``courses`` installed from bundles and its own border post."""
        post = self.post(name, code_character_of=code_character_of)
        enrol_by_file(
            hub,
            post,
            name=post_name,
            country=country,
            post_code=post_code,
            url=self.hub_url,
            folder=self.files,
        )
        summary = carry(post, hub, self.files, f"{name}-first")
        assert summary["sender_name"] == post_name, summary
        for code in courses:
            bundle = self.files / f"{code}.bundle"
            if not bundle.exists():
                hub.call("export_bundle", code, "-o", bundle)
            post.call("import_bundle", bundle)
        post.fn("border_post_ensure", code=post_code, name=post_name, country=country)
        return post

    def stop(self) -> None:
        for node in self.nodes:
            node.stop(wait=False)
        for node in self.nodes:
            node.stop()


@pytest.fixture
def network(tmp_path, migrated_db, demo_hub_dir):
    net = Network(tmp_path, migrated_db, demo_hub_dir)
    yield net
    net.stop()


def pytest_collection_modifyitems(items):
    """Mark every test here ``multinode``: the nodes are SQLite processes whatever database the
    suite runs on, so CI's PostgreSQL pass skips them."""
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.multinode)
