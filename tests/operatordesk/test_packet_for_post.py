"""At headquarters, "Write a sync packet for a post" lists the posts it can write for, names
the posts invited but not heard from yet, and says what to do when there is none."""

import pytest
from django.urls import reverse

from nodes.services import enrolment_create
from operatordesk.models import OperatorJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(settings, tmp_path):
    settings.NODE_ROLE, settings.NODE_KEY_DIR = "hub", tmp_path / "hub-keys"


def test_with_no_post_enrolled_the_page_says_to_enrol_one(hub, client, people):
    client.force_login(people["admin"])
    page = client.get(reverse("operatordesk:index")).content.decode()
    assert "Write a sync packet for a post" in page
    assert "No border post is enrolled yet" in page
    assert "enrol_post --post-code" in page
    assert "Write the packet" not in page

    response = client.post(reverse("operatordesk:start", args=["packet_export"]), {})
    assert response.status_code == 400
    refused = response.content.decode()
    assert "No border post is enrolled yet" in refused
    assert "This field is required." not in refused
    assert not OperatorJob.objects.exists()


def test_a_post_invited_but_not_heard_from_is_listed(hub, client, people):
    enrolment_create(name="Poipet International", country="KH", post_code="kh-poipet")
    client.force_login(people["admin"])
    page = client.get(reverse("operatordesk:index")).content.decode()
    assert "Invited, not heard from yet" in page
    assert "Poipet International (kh-poipet)" in page
    assert "No border post is enrolled yet" not in page


def test_a_post_not_chosen_is_told_to_choose(hub, client, people, settings, tmp_path):
    from tests.recordsync.conftest import Nodes

    nodes = Nodes(settings, tmp_path)
    nodes.register("hub", url="http://hub.invalid")
    nodes.register("poipet", post_code="kh-p")
    nodes.be("hub")
    client.force_login(people["admin"])
    page = client.get(reverse("operatordesk:index")).content.decode()
    assert "Write the packet" in page and "Poipet" in page
    response = client.post(reverse("operatordesk:start", args=["packet_export"]), {})
    assert response.status_code == 400
    assert "Choose the border post the packet is for." in response.content.decode()
