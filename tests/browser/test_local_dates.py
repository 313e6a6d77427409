"""Dates in a real browser read in the officer's language: a Lao, a Burmese and a Vietnamese
officer see their certificate's date with the month as a word of their language, and never
Django's English ("Dec. 3, 2026") or a doubled Vietnamese "Ngày"."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DAY = datetime.date(2026, 12, 3)
SEEN = {
    "lo": "3 ທ.ວ. 2026",
    "my": "2026 ဒီ 3",
    "vi": "3 thg 12, 2026",
}


def test_lao_burmese_and_vietnamese_officers_read_their_dates(
    open_tab, log_in, make_officer, make_course
):
    from certificates.services import certificate_issue
    from tests.certificates.conftest import dated

    course = make_course("Border checks", "border-checks", "BC-101", lessons=1)
    admin = make_officer("boss", role="administrator")
    for language in SEEN:
        officer = make_officer(f"officer_{language}", preferred_language=language)
        certificate = certificate_issue(
            holder=officer, course=course.course, actor=admin, reason="Workshop"
        )
        dated(certificate, DAY)
    for language, date in SEEN.items():
        tab = open_tab()
        log_in(f"officer_{language}", next_url="/my-certificates/", tab=tab)
        expect(tab.locator("html")).to_have_attribute("lang", language)
        certificate = tab.locator("main").get_by_text(date)
        expect(certificate).to_be_visible()
        text = tab.locator("main").inner_text()
        assert "Dec" not in text and "12/03/2026" not in text and "Ngày cấp Ngày" not in text
