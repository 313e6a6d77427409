"""A node at its memory limit turns requests away with a clear answer before any view runs,
instead of being killed mid-write; below the limit, and outside any limit, nothing changes.

The cgroup is a folder of real files laid out as the kernel's (cgroup v1 and v2)."""

from __future__ import annotations

import pytest
from django.test import Client

from elearning.memoryguard import own_memory_cgroup

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


def cgroup_v1(folder, limit: int, held: int):
    folder.mkdir(exist_ok=True)
    (folder / "memory.limit_in_bytes").write_text(f"{limit}\n")
    (folder / "memory.stat").write_text(
        f"cache 500000000\nrss {held}\ntotal_cache 500000000\ntotal_rss {held}\n"
    )
    return folder


def cgroup_v2(folder, limit: str, held: int):
    folder.mkdir(exist_ok=True)
    (folder / "memory.max").write_text(f"{limit}\n")
    (folder / "memory.stat").write_text(f"anon {held}\nfile 500000000\n")
    return folder


def test_at_its_limit_a_post_refuses_an_officer_with_a_clear_message(
    settings, tmp_path, login, people
):
    settings.ELEARNING_MEMORY_CGROUP = str(cgroup_v1(tmp_path / "post", 1024 * MIB, 950 * MIB))
    client = login(people["learner"])
    response = client.get("/my-learning/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "short of memory" in response.content.decode()
    assert "nothing was changed" in response.content.decode()


def test_below_its_limit_the_officer_is_served(settings, tmp_path, login, people):
    # Page cache (500 MB here) does not count: the kernel gives it back.
    settings.ELEARNING_MEMORY_CGROUP = str(cgroup_v1(tmp_path / "post", 1024 * MIB, 400 * MIB))
    assert login(people["learner"]).get("/my-learning/").status_code == 200


def login_page_status() -> int:
    """A fresh client: the guard reads its settings when the middleware is loaded."""
    return Client().get("/accounts/login/").status_code


def test_cgroup_v2_limits_count_too(settings, tmp_path):
    settings.ELEARNING_MEMORY_CGROUP = str(cgroup_v2(tmp_path / "v2", str(512 * MIB), 500 * MIB))
    assert login_page_status() == 503
    settings.ELEARNING_MEMORY_CGROUP = str(cgroup_v2(tmp_path / "v2", "max", 500 * MIB))
    assert login_page_status() == 200


def test_no_limit_or_guard_off_serves_as_ever(settings, tmp_path):
    settings.ELEARNING_MEMORY_CGROUP = str(cgroup_v1(tmp_path / "x", 9223372036854771712, 10**12))
    assert login_page_status() == 200
    settings.ELEARNING_MEMORY_CGROUP = str(cgroup_v1(tmp_path / "y", 1024 * MIB, 1000 * MIB))
    settings.ELEARNING_MEMORY_REFUSE_AT = 0
    assert login_page_status() == 200


def test_the_guard_finds_its_own_cgroup(tmp_path):
    proc = tmp_path / "cgroup"
    proc.write_text("5:devices:/\n4:memory:/system.slice/elearning.service\n0::/\n")
    assert str(own_memory_cgroup(str(proc))).endswith("memory/system.slice/elearning.service")
    proc.write_text("0::/system.slice/elearning.service\n")
    assert str(own_memory_cgroup(str(proc))) == "/sys/fs/cgroup/system.slice/elearning.service"


def test_once_memory_is_given_back_officers_are_served_again(
    settings, tmp_path, login, people, monkeypatch
):
    # The guard reads the group at most once a second; here at every request.
    monkeypatch.setattr("elearning.memoryguard.CHECK_SECONDS", 0)
    group = cgroup_v1(tmp_path / "post", 1024 * MIB, 950 * MIB)
    settings.ELEARNING_MEMORY_CGROUP = str(group)
    client = login(people["learner"])
    assert client.get("/my-learning/").status_code == 503
    cgroup_v1(group, 1024 * MIB, 300 * MIB)
    assert client.get("/my-learning/").status_code == 200
