"""The sync tests' played network (a hub and two posts in one database), for assignments."""

from tests.recordsync.conftest import network, nodes  # noqa: F401 (fixtures)
