"""Real-browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's
``live_server``.

- ``browser``: one headless Chromium per test file, on one Playwright driver, launched again
  if it has exited.
- ``page`` (function): a fresh browser context per test (no cookie or session leaks between
  tests); on failure a screenshot and the page's HTML are saved (``BROWSER_ARTIFACTS``, default
  ``$TMPDIR/elearning-browser-failures``).
- Every test runs on a transactional database (the live server's threads must see what the test
  wrote) with *serialized rollback*: the flush after each transactional test empties every
  table, including what migrations put there (Wagtail's root page and default site, the
  Editors/Moderators groups trainers join), and the restore puts it back for the next test.
- The test database is a SQLite file (``elearning/settings/test.py``). With ``--reuse-db`` it
  is kept between runs; this conftest then leaves it as it found it and remakes it if a run
  cut short left it dirty (``django_db_createdb`` and ``_kept_test_db_restored`` below).
- Content and people are made with the app's services (``catalogue_ensure``,
  ``officer_create``) and Wagtail's page API, through the factory fixtures at the end.

Fixture names here do not reuse ``tests/conftest.py``'s (its ``login`` logs a Django test
client in; the browser's is ``log_in``).

Run: ``.venv/bin/python -m pytest tests/browser -q``; ``BROWSER_HEADED=1`` shows the browser.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import threading
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls
# made from that thread unless told it is safe (it is: the tests' own code is synchronous).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import run_task_worker

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PASSWORD = "a-long-pass-123"
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


# --- The test database ---------------------------------------------------------------------


def _kept_sqlite_db_is_clean(path: Path) -> bool:
    """True if the SQLite test database kept by ``--reuse-db`` is as migrations left it: it has
    Wagtail's root page and no courses or officers left over from a run that was cut short.
    A missing file is fine (it will be created)."""
    if not path.exists():
        return True
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            counts = [
                db.execute(query).fetchone()[0]
                for query in (
                    "SELECT count(*) FROM wagtailcore_page WHERE depth = 1",
                    "SELECT count(*) FROM courses_coursepage",
                    "SELECT count(*) FROM officers_user",
                )
            ]
    except sqlite3.Error:
        return False  # half-made or from an older schema: let Django make it again
    return counts == [1, 0, 0]


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_modify_db_settings) -> bool:
    """Recreate the kept test database when it is not clean (a run interrupted between a test's
    flush and the restore would otherwise leave every later run without a page tree).
    ``--create-db`` still forces it."""
    from django.conf import settings

    if request.config.getvalue("create_db"):
        return True
    database = settings.DATABASES["default"]
    name = (database.get("TEST") or {}).get("NAME")
    if database["ENGINE"] != "django.db.backends.sqlite3" or not name or ":memory:" in name:
        return False
    return not _kept_sqlite_db_is_clean(Path(name))


@pytest.fixture(scope="session", autouse=True)
def _kept_test_db_restored(django_db_setup, django_db_blocker, django_db_keepdb) -> Iterator[None]:
    """With ``--reuse-db``: after the last browser test, put back what its flush removed, so
    the database kept for the next run (this suite's or the whole suite's) still has Wagtail's
    root page, site and groups."""
    from django.db import connections

    connection = connections["default"]
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if django_db_keepdb and contents:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _browser_db(django_db_serialized_rollback, transactional_db, live_server) -> None:
    """Transactional database, restored from the serialized post-migration state first."""


# --- Browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright(django_db_setup) -> Iterator[Playwright]:
    from django.db import connections

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed: run `make test`, which installs it")
    # While Playwright's sync API is running, an asyncio loop counts as running in this thread,
    # and Django's connection handler then gives the thread a second, context-local set of
    # connections. Those lack what pytest-django keeps on the thread's own connection (the
    # serialized database each test is restored from), so the restore silently did nothing.
    # Pin the thread's own connections into the context-local store.
    own_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in own_connections.items():
            connections[alias] = connection
        yield playwright


class _Chromium:
    """One headless Chromium per test module, launched again if it has exited.

    Over a whole run (well over a hundred contexts, many with cross-origin SCORM frames)
    Chromium's browser process has crashed while a context was being closed, after the test
    had passed; every test after it then failed on ``new_context``. A browser per module keeps
    each file's tests from inheriting another's state, and a crashed one is replaced before
    the next test instead of failing it."""

    def __init__(self, playwright: Playwright) -> None:
        self._playwright = playwright
        self._browser: Browser | None = None

    def live(self) -> Browser:
        if self._browser is None or not self._browser.is_connected():
            if self._browser is not None:
                warnings.warn("Chromium had exited; launched a new one", stacklevel=1)
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                headless=os.environ.get("BROWSER_HEADED", "") in {"", "0"},
            )
        return self._browser

    def close(self) -> None:
        if self._browser is not None and self._browser.is_connected():
            self._browser.close()


@pytest.fixture(scope="module")
def _chromium(_playwright: Playwright) -> Iterator[_Chromium]:
    chromium = _Chromium(_playwright)
    yield chromium
    chromium.close()


@pytest.fixture
def browser(_chromium: _Chromium) -> Browser:
    return _chromium.live()


def close_context(context: BrowserContext) -> None:
    """Close a test's context. If Chromium itself died while closing it (the test's own steps
    and assertions have all run by then), say so as a warning rather than failing a test that
    passed; any other error is raised."""
    try:
        context.close()
    except PlaywrightError:
        if context.browser is not None and context.browser.is_connected():
            raise
        warnings.warn("Chromium exited while a test's context was closing", stacklevel=1)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"_browser_report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser: Browser, live_server) -> Iterator[Page]:
    """A tab in a fresh context; relative URLs resolve against the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",  # Accept-Language: the interface starts in English.
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    # A learner page that breaks its Content-Security-Policy or throws shows it on the console.
    console_errors = []
    tab.on(
        "console",
        lambda message: (
            console_errors.append(f"{tab.url}: {message.text}")
            if message.type == "error" and "/admin/" not in tab.url
            else None
        ),
    )
    yield tab
    assert console_errors == [], "errors on a learner page's console"
    failed = any(
        getattr(getattr(request.node, f"_browser_report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    if failed:
        folder = Path(
            os.environ.get("BROWSER_ARTIFACTS")
            or Path(tempfile.gettempdir()) / "elearning-browser-failures"
        )
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        try:
            tab.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(tab.content(), encoding="utf-8")
            print(f"\nFailure screenshot: {stem}.png (at {tab.url})")
        except Exception as exc:  # the tab may be gone; the failure itself matters more
            print(f"\nNo failure screenshot: {exc}")
    close_context(context)


@pytest.fixture
def open_tab(browser: Browser, live_server) -> Iterator[Callable[[], Page]]:
    """``open_tab()``: a tab in another fresh context, for a second person in the same test."""
    contexts = []

    def open_tab() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        close_context(context)


def _log_in(tab: Page, username: str, password: str = PASSWORD, next_url: str = "") -> None:
    tab.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    tab.get_by_label("User name").fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Log in").click()
    expect(tab).not_to_have_url(re.compile(r"/accounts/login/"))


@pytest.fixture
def log_in(page: Page) -> Callable[..., None]:
    """``log_in("ann")``, or ``log_in("ann", tab=other_tab, next_url="/admin/")``: log in
    through the site's own form, as an officer does."""

    def log_in(
        username: str, password: str = PASSWORD, next_url: str = "", tab: Page | None = None
    ) -> None:
        _log_in(tab or page, username, password, next_url)

    return log_in


@pytest.fixture
def tr() -> Callable[..., str]:
    """``tr("th", "Enrol in this course")``: an interface string as the app shows it in that
    language, i.e. translated if that language's catalogue is compiled, English otherwise.
    The live server runs in this process, so it uses the very same catalogue."""
    from django.utils.translation import gettext, override

    def translate(language: str, message: str, **values) -> str:
        with override(language):
            text = gettext(message)
        return text % values if values else text

    return translate


# --- Data, made through the app's services ---------------------------------------------------


@pytest.fixture
def make_officer() -> Callable[..., object]:
    from officers.services import officer_create

    def make(username: str, role: str = "learner", **kwargs):
        kwargs.setdefault("full_name_latin", f"{username.title()} Officer")
        kwargs.setdefault("preferred_language", "en")
        return officer_create(username=username, password=PASSWORD, role=role, **kwargs)

    return make


def lesson_body(text: str) -> str:
    return json.dumps([{"type": "text", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}])


@dataclass
class Course:
    course: object
    module: object
    lessons: list = field(default_factory=list)
    thai: dict = field(default_factory=dict)  # original page pk -> its Thai version

    @property
    def url(self) -> str:
        return self.course.url

    def lesson_url(self, number: int) -> str:
        """URL of lesson ``number`` (1-based): the same path in every language."""
        return self.lessons[number - 1].url


@pytest.fixture
def make_course() -> Callable[..., Course]:
    """Publish a course with one module of ``lessons`` lessons in the catalogue. With
    ``thai_title``, the course, its module and lessons also get published Thai translations:
    the course titled ``thai_title``, the others "<English title> (ไทย)"."""
    from wagtail.models import Locale

    from courses.models import CoursePage
    from courses.services import catalogue_ensure
    from modules.models import LessonPage, ModulePage

    def publish(page):
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    def make(title: str, slug: str, code: str, lessons: int = 3, thai_title: str = "") -> Course:
        index = catalogue_ensure()
        course = CoursePage(
            title=title,
            slug=slug,
            code=code,
            summary=f"Summary of {title}.",
            topic="trafficking",
            estimated_hours=1,
        )
        index.add_child(instance=course)
        module = ModulePage(title=f"{title}: first module", slug="module-1", summary="Module.")
        publish(course).add_child(instance=module)
        made = Course(course=course, module=publish(module))
        for number in range(1, lessons + 1):
            lesson = LessonPage(
                title=f"{code} lesson {number}",
                slug=f"lesson-{number}",
                summary=f"Lesson {number}.",
                estimated_minutes=5,
                body=lesson_body(f"Text of {code} lesson {number}."),
            )
            module.add_child(instance=lesson)
            made.lessons.append(publish(lesson))
        if thai_title:
            thai = Locale.objects.get(language_code="th")
            if index.get_translation_or_none(thai) is None:
                thai_index = index.copy_for_translation(thai)
                thai_index.title = "หลักสูตร"
                publish(thai_index)
            for original in [course, module, *made.lessons]:
                translation = original.copy_for_translation(thai)
                translation.title = thai_title if original is course else f"{original.title} (ไทย)"
                if isinstance(original, LessonPage):
                    translation.body = lesson_body(f"เนื้อหาของ {original.title}")
                made.thai[original.pk] = publish(translation)
        return made

    return make


# Work the task worker does for a page (a batch of certificates rendered by WeasyPrint, a roster
# import), and the page's 2-second polling, take longer than a click.
WORKER_TIMEOUT_MS = 60_000


@pytest.fixture
def start_db_worker(monkeypatch) -> Iterator[Callable[[], threading.Thread]]:
    """``start_db_worker()``: run ``manage.py db_worker --batch`` in a thread, as the node's
    worker service does; it runs the queued tasks and exits. The worker installs SIGINT/SIGTERM
    handlers, which Python only allows in the main thread: skipped here (nothing to stop)."""
    from django.db import connections
    from django_tasks_db.management.commands.db_worker import Worker

    monkeypatch.setattr(Worker, "configure_signals", lambda self: None)
    threads: list[threading.Thread] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            run_task_worker()
        except BaseException as error:  # reported in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    def start() -> threading.Thread:
        thread = threading.Thread(target=work, name="db_worker", daemon=True)
        threads.append(thread)
        thread.start()
        return thread

    yield start
    for thread in threads:
        thread.join(timeout=WORKER_TIMEOUT_MS / 1000)
        assert not thread.is_alive(), "db_worker did not finish"
    assert errors == [], f"db_worker failed: {errors!r}"
