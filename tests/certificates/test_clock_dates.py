"""A clock the network has reason to doubt never decides a certificate: a post whose clock is
years behind issues with the earliest date it knows is right, flagged; a certificate issued on
a wrong clock is corrected by headquarters when it arrives, by a record, and verifies."""

from __future__ import annotations

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.selectors import verify_text
from certificates.services import certificate_issue
from nodes.models import NodeRole, Peer


def test_a_post_with_a_clock_years_behind_issues_with_the_date_it_knows(
    client, settings, course_tree, people
):
    """The post's clock says three years ago; the newest time headquarters signed says
    otherwise. The certificate earned today is not expired today."""
    settings.NODE_ROLE = "post"
    hub_now = timezone.now() + datetime.timedelta(days=3 * 365)
    Peer.objects.create(
        node_id=uuid.uuid4(),
        role=NodeRole.HUB,
        name="Headquarters",
        public_key="ab" * 32,
        latest_signed_time=hub_now,
    )
    course = course_tree.course
    course.certificate_validity_months = 24
    course.save_revision().publish()
    course.refresh_from_db()
    certificate = certificate_issue(
        holder=people["learner"], course=course, actor=people["admin"], reason="Workshop"
    )
    hub_today = timezone.localdate(hub_now)
    assert certificate.issued_on == hub_today
    assert certificate.code.startswith(f"TH-{hub_today.year}-")
    assert certificate.clock_doubtful
    # Checked at headquarters the day it was earned (and on the post's own wrong clock).
    for today in (hub_today, timezone.localdate()):
        for text in (certificate.code, certificate.payload):
            assert verify_text(text, today=today).status == "valid"
    html = client.post(reverse("certificates:verify"), {"text": certificate.code}).content
    assert b"Valid certificate" in html
    # The coordinator's list says the date is a bound, not what the post's clock said.
    client.force_login(people["admin"])
    listing = client.get(reverse("certificates:coordinator")).content.decode()
    assert certificate.code in listing
    assert "clock of the issuing post was behind" in listing


def test_a_post_with_a_right_clock_issues_today_unflagged(settings, course_tree, people):
    settings.NODE_ROLE = "post"
    Peer.objects.create(
        node_id=uuid.uuid4(),
        role=NodeRole.HUB,
        name="Headquarters",
        public_key="cd" * 32,
        latest_signed_time=timezone.now() - datetime.timedelta(hours=2),
    )
    certificate = certificate_issue(
        holder=people["learner"], course=course_tree.course, actor=people["admin"], reason="W"
    )
    assert certificate.issued_on == timezone.localdate() and not certificate.clock_doubtful
    assert Certificate.objects.get(pk=certificate.pk).clock_doubtful is False
