"""axe-core, vendored in ``tests/browser/assets/`` (see its README), finds no accessibility
violation on any learner or coordinator page, in English and in Thai, on a desktop screen and
on a phone; and each page says which language it is in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import close_context
from tests.browser.site_pages import build_site, open_as, uncovered_urls, visit

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "assets" / "axe.min.js"
# Every rule axe runs by default (WCAG 2.0, 2.1 and 2.2 A and AA, and its best practices).
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => `${v.id} (${v.impact}): ${v.help} at `
    + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""


@pytest.mark.parametrize("language", ["en", "th"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_any_learner_or_coordinator_page(
    browser, live_server, make_course, make_officer, people, language, width
):
    pages = build_site(make_course, make_officer, people=people, language=language)
    assert uncovered_urls(pages) == set(), "pages missing from the list: add them"
    found = {}
    for where, tab in visit(browser, live_server.url, pages, width=width, language=language):
        assert tab.evaluate("document.documentElement.lang") == language, where
        tab.add_script_tag(path=AXE)
        if violations := tab.evaluate(RUN_AXE):
            found[where] = violations
    assert found == {}, f"axe found violations: {found}"


def test_axe_finds_no_violation_in_the_messages_a_page_shows(
    browser, live_server, people, settings
):
    """A message after an action (here: logged out after a while without activity) is a list
    in a live region, not a list made a live region (which hides its items' list semantics)."""
    import time

    from django.contrib.sessions.backends.db import SessionStore

    from officers.middleware import IdleSessionMiddleware

    tab = open_as(browser, live_server.url, "learner", width=1280)
    try:
        cookie = next(c for c in tab.context.cookies() if c["name"] == "sessionid")
        session = SessionStore(session_key=cookie["value"])
        idle = settings.ELEARNING_SESSION_IDLE_MINUTES + 1
        session[IdleSessionMiddleware.STAMP] = int(time.time()) - idle * 60
        session.save()
        tab.goto("/my-learning/")
        status = tab.get_by_role("status")
        assert "without activity" in status.inner_text()
        assert status.get_by_role("listitem").count() == 1
        tab.add_script_tag(path=AXE)
        assert tab.evaluate(RUN_AXE) == []
    finally:
        close_context(tab.context)
