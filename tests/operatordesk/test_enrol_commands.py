"""The operator's enrolment commands: the hub invites one of its border posts; the post loads
the file and serves the same border post."""

import re
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nodes.selectors import hub_peer, this_node
from officers.models import BorderPost
from tests.conftest import Nodes

pytestmark = pytest.mark.django_db


def test_invite_a_known_post_and_enrol_it(settings, tmp_path, posts, capsys):
    nodes = Nodes(settings, tmp_path)
    nodes.be("hub", "hub")
    path = tmp_path / "poipet.enrol"
    call_command("enrol_post", "--post-code", posts["kh"].code, "-o", str(path))
    out = capsys.readouterr().out
    assert "python manage.py enrol poipet.enrol" in out and "--code" in out
    # The post's database has never seen the border post.
    original = {"uuid": posts["kh"].uuid, "code": posts["kh"].code}
    BorderPost.objects.filter(pk=posts["kh"].pk).update(code="elsewhere", uuid=uuid.uuid4())
    nodes.be("post", "post")
    code = re.search(r"--code (\S+)", out).group(1)
    call_command("enrol", str(path), "--code", code)
    out = capsys.readouterr().out
    assert "Enrolled with" in out and f"({original['code']})" in out
    made = BorderPost.objects.get(code=original["code"])
    assert made.uuid == original["uuid"] and made.country == "KH"
    assert this_node().number == 1 and hub_peer() is not None


def test_an_unknown_post_code_is_refused_with_the_known_ones(settings, tmp_path, posts):
    Nodes(settings, tmp_path).be("hub", "hub")
    with pytest.raises(CommandError, match=r"no border post with the code 'pojpet'.*kh-p"):
        call_command("enrol_post", "--post-code", "pojpet", "-o", str(tmp_path / "x.enrol"))
    assert not (tmp_path / "x.enrol").exists()


def test_a_new_post_with_name_and_country_is_added(settings, tmp_path, posts, capsys):
    Nodes(settings, tmp_path).be("hub", "hub")
    call_command(
        "enrol_post",
        "--post-code",
        "moc-bai",
        "--name",
        "Moc Bai",
        "--country",
        "vn",
        "-o",
        str(tmp_path / "m.enrol"),
    )
    assert "New border post Moc Bai (moc-bai) added." in capsys.readouterr().out
    assert BorderPost.objects.get(code="moc-bai").country == "VN"


def test_enrol_refuses_what_is_not_an_enrolment_file(settings, tmp_path):
    Nodes(settings, tmp_path).be("post", "post")
    (tmp_path / "junk").write_bytes(b"hello")
    with pytest.raises(CommandError, match="not a course bundle, sync packet or enrolment"):
        call_command("enrol", str(tmp_path / "junk"))
    with pytest.raises(CommandError, match="Give the enrolment file"):
        call_command("enrol")
