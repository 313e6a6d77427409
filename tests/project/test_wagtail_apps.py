"""Wagtail's apps installed without Wagtail's web API (elearning/wagtailapps.py, ADR 0038).

What an operator notices: a post's processes do not load an API nobody serves (memory, start-up
time), and the Wagtail admin behaves as Wagtail's own apps make it behave, after any upgrade.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.locales.apps import WagtailLocalesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

from elearning import wagtailapps
from tests.conftest import publish

REPO = Path(__file__).resolve().parents[2]
OURS = {
    "wagtailredirects": (wagtailapps.RedirectsConfig, WagtailRedirectsAppConfig),
    "wagtailimages": (wagtailapps.ImagesConfig, WagtailImagesAppConfig),
    "wagtaildocs": (wagtailapps.DocumentsConfig, WagtailDocsAppConfig),
    "wagtailsnippets": (wagtailapps.SnippetsConfig, WagtailSnippetsAppConfig),
    "wagtaillocales": (wagtailapps.LocalesConfig, WagtailLocalesAppConfig),
}
# What Wagtail's API brings with it; none of it may load when Django starts.
API_STACK = ("wagtail.api.v3", "ninja", "pydantic", "rest_framework", "psycopg", "requests")


def _is_api(module: str) -> bool:
    return module.startswith("wagtail.api.v3") or ".api.v3" in module


def _ready(config: type) -> tuple[list[ast.stmt], dict[str, str], object]:
    """``config.ready``'s statements, the names its imports bind (to absolute module paths)
    and the module it was written in (for names it takes from there)."""
    module = sys.modules[config.__module__]
    function = ast.parse(textwrap.dedent(inspect.getsource(config.ready))).body[0]
    assert isinstance(function, ast.FunctionDef)
    bound: dict[str, str] = {}
    statements = []
    for statement in function.body:
        if isinstance(statement, ast.ImportFrom):
            relative = "." * statement.level + (statement.module or "")
            base = importlib.util.resolve_name(relative, module.__package__ or "")
            for alias in statement.names:
                bound[alias.asname or alias.name] = f"{base}:{alias.name}"
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                bound[alias.asname or alias.name.split(".")[0]] = alias.name
        elif isinstance(statement, ast.Pass) or (
            isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
        ):
            continue
        else:
            statements.append(statement)
    return statements, bound, module


def _resolve(name: str, bound: dict[str, str], module: object) -> object:
    if name in bound:
        path, _, attribute = bound[name].partition(":")
        imported = importlib.import_module(path)
        return getattr(imported, attribute) if attribute else imported
    return vars(module).get(name, name)  # a local (``Image = ...``) is its own name


def _uses(statement: ast.stmt) -> set[str]:
    return {node.id for node in ast.walk(statement) if isinstance(node, ast.Name)}


@pytest.mark.parametrize("label", sorted(OURS))
def test_our_wagtail_app_config_is_installed_under_wagtails_label(label):
    ours, theirs = OURS[label]
    config = apps.get_app_config(label)
    assert type(config) is ours
    assert issubclass(ours, theirs)
    assert config.name == theirs.name


@pytest.mark.parametrize("label", sorted(OURS))
def test_ready_does_what_wagtails_does_less_the_api(label):
    """Fails when an upgraded Wagtail's ``ready()`` gains (or loses) anything but API
    registration: then copy it into elearning/wagtailapps.py."""
    ours, theirs = OURS[label]
    their_statements, their_names, their_module = _ready(theirs)
    api_names = {name for name, path in their_names.items() if _is_api(path)}
    their_statements = [s for s in their_statements if not (_uses(s) & api_names)]
    our_statements, our_names, our_module = _ready(ours)
    assert not any(_is_api(path) for path in our_names.values())

    assert [ast.dump(s) for s in our_statements] == [ast.dump(s) for s in their_statements]
    for name in set().union(*map(_uses, their_statements)) - {"self"}:
        assert _resolve(name, our_names, our_module) is _resolve(name, their_names, their_module), (
            name
        )


def test_no_other_installed_app_registers_with_wagtails_api():
    """An upgrade that makes another installed app register with the API shows here."""
    for config in apps.get_app_configs():
        source = inspect.getsource(type(config).ready)
        assert "api.v3" not in source, config.label


def _loaded_after(code: str, packages: tuple[str, ...]) -> str:
    """Which of ``packages`` a production node on SQLite has imported after ``code``."""
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, django; django.setup(); {code}; "
            f"print(sorted({{m.split('.')[0] for m in sys.modules"
            f" if m.startswith({packages!r}) and sys.modules[m]}}))",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
            "DJANGO_SECRET_KEY": "k" * 50,
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.strip()


def test_starting_django_loads_no_api_stack():
    """What every ``manage.py`` command pays for (a USB sync runs two)."""
    assert _loaded_after("pass", API_STACK) == "[]"


def test_a_node_on_sqlite_serving_pages_loads_neither_psycopg_nor_wagtails_api():
    """The web server loads every URL, the Wagtail admin's own API (DRF) among them; the
    libraries that write spreadsheets and PDFs load in the process that first writes one."""
    code = "from django.urls import get_resolver; get_resolver().url_patterns"
    loaded = _loaded_after(code, ("psycopg", "ninja", "wagtail.api.v3", "openpyxl", "weasyprint"))
    assert loaded == "[]"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/images/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/snippets/",
        "/admin/redirects/",
        "/admin/redirects/add/",
        "/admin/locales/",
        "/admin/api/main/pages/",  # the page explorer's (Django REST framework, no psycopg)
    ],
)
def test_an_administrator_uses_each_of_these_apps_in_the_wagtail_admin(url, people, login):
    response = login(people["admin"]).get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_renaming_a_published_lesson_keeps_its_old_address_working(
    course_tree, people, login, django_capture_on_commit_callbacks
):
    """Wagtail's redirects app connects this when it is ready (ours must too)."""
    lesson = course_tree.lessons[0]
    old_url = lesson.url
    lesson.slug = "renamed-lesson"
    with django_capture_on_commit_callbacks(execute=True):
        publish(lesson)

    response = login(people["learner"]).get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/renamed-lesson/")
