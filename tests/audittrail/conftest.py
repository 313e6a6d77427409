"""The audit trail's tests play a hub and two posts in one database, as the sync tests do."""

from __future__ import annotations

import pytest

from tests.recordsync.conftest import Nodes


@pytest.fixture
def network(settings, tmp_path, posts):
    """A hub and two enrolled posts: Poipet (code kh-p) and Aranyaprathet (th-a)."""
    nodes = Nodes(settings, tmp_path)
    nodes.register("hub", url="http://hub.invalid")
    nodes.register("poipet", post_code="kh-p")
    nodes.register("aranya", post_code="th-a")
    nodes.be("hub")
    return nodes
