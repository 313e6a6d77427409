"""axe-core, vendored in ``tests/browser/assets/`` (see its README), finds no accessibility
violation on any learner or coordinator page, in English and in Thai, on a desktop screen and
on a phone; and each page says which language it is in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.site_pages import build_site, uncovered_urls, visit

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
