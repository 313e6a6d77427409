"""The post operator's page: write a packet for the USB stick, read one, load a bundle, with a
progress bar and messages in plain words. Real files, real signatures, the real task worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning import services as learning_services
from nodes.container import open_container
from operatordesk.models import OperatorJob
from recordsync.services import packet_export
from tests.conftest import run_task_worker
from tests.recordsync.conftest import Nodes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def network(settings, tmp_path, posts):
    nodes = Nodes(settings, tmp_path)
    nodes.register("hub", url="http://hub.invalid")
    nodes.register("poipet", post_code=posts["kh"].code)
    return nodes


def _job(client, response) -> OperatorJob:
    assert response.status_code == 302, response.content[:500]
    job = OperatorJob.objects.get()
    assert response["Location"] == reverse("operatordesk:job", args=[job.pk])
    run_task_worker()
    job.refresh_from_db()
    page = client.get(response["Location"]).content.decode()
    return job, page


def test_the_operator_writes_a_packet_of_what_waits_for_headquarters(
    network, client, people, course_tree
):
    network.be("poipet")
    officer = people["learner_kh"]
    learning_services.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client.force_login(people["admin"])
    index = client.get(reverse("operatordesk:index")).content.decode()
    assert "Waiting to go to headquarters" in index
    assert "1 record has not reached headquarters yet" in index

    job, page = _job(client, client.post(reverse("operatordesk:start", args=["packet_export"])))
    assert job.status == OperatorJob.Status.DONE, job.message
    assert "1 record for Hub." in job.message and "Download the packet" in page
    download = client.get(reverse("operatordesk:job", args=[job.pk]) + "?download=1")
    data = b"".join(download.streaming_content)
    network.be("hub")
    packet = open_container(data, kinds={"packet"})
    assert packet.sender == network.ids["poipet"]
    progress = client.get(reverse("operatordesk:job", args=[job.pk]) + "?format=json").json()
    assert progress["status"] == "done" and progress["percent"] == 100


def test_a_damaged_packet_is_refused_in_plain_words_and_leaves_nothing(network, client, people):
    network.be("poipet")
    client.force_login(people["admin"])
    upload = SimpleUploadedFile("from-hq.packet", b"ELNODE/1\n\x00\x00\x00\x10garbage")
    job, page = _job(
        client,
        client.post(reverse("operatordesk:start", args=["packet_import"]), {"packet-file": upload}),
    )
    assert job.status == OperatorJob.Status.FAILED
    assert "incomplete" in job.message or "damaged" in job.message
    assert job.message in page
    assert not list((pytest.importorskip("pathlib").Path(job.incoming)).parent.glob("*.upload"))


def test_a_packet_from_headquarters_is_read(network, client, people, course_tree):
    officer = people["learner_kh"]
    network.be("hub")
    learning_services.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    packet = network.tmp / "to-poipet.packet"
    packet_export(path=packet, recipient=network.ids["poipet"])
    network.be("poipet")
    client.force_login(people["admin"])
    upload = SimpleUploadedFile("to-poipet.packet", packet.read_bytes())
    job, _page = _job(
        client,
        client.post(reverse("operatordesk:start", args=["packet_import"]), {"packet-file": upload}),
    )
    assert job.status == OperatorJob.Status.DONE, job.message
    assert "Sync packet from Hub" in job.message


def test_headquarters_writes_a_packet_for_a_chosen_post(network, client, people):
    network.be("hub")
    client.force_login(people["admin"])
    index = client.get(reverse("operatordesk:index")).content.decode()
    assert "Write a sync packet for a post" in index and "Poipet" in index
    response = client.post(
        reverse("operatordesk:start", args=["packet_export"]), {"post": str(network.ids["poipet"])}
    )
    job, _page = _job(client, response)
    assert job.status == OperatorJob.Status.DONE, job.message
    assert job.recipient == network.ids["poipet"] and "Poipet" in job.message


def test_a_post_not_enrolled_is_told_what_to_do(settings, tmp_path, client, people):
    settings.NODE_ROLE, settings.NODE_KEY_DIR = "post", tmp_path / "lonely"
    client.force_login(people["admin"])
    response = client.post(reverse("operatordesk:start", args=["packet_export"]))
    assert response.status_code == 400
    assert "not enrolled with headquarters yet" in response.content.decode()
    assert not OperatorJob.objects.exists()


def test_only_administrators_run_operator_jobs(network, client, people):
    network.be("poipet")
    client.force_login(people["trainer"])
    # Wagtail sends a refused admin user back to the dashboard with a message.
    assert client.get(reverse("operatordesk:index"))["Location"] == "/admin/"
    assert (
        client.post(reverse("operatordesk:start", args=["packet_export"]))["Location"] == "/admin/"
    )
    assert not OperatorJob.objects.exists()
    client.force_login(people["admin"])
    assert client.post(reverse("operatordesk:start", args=["nonsense"])).status_code == 404
