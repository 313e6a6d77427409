"""A SCORM lesson travels in its course's bundle with its package (files by SHA-256), and the
post has the same package, by the same id and version number, serving the same files."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Page

from coursebundles import manifest as mf
from coursebundles.services import BundleError, bundle_export, bundle_import
from courses.models import CoursePage
from modules.models import ScormLessonPage
from modules.selectors import course_outline
from nodes.container import open_container, write_container
from scormpackages.models import ScormFile, ScormPackage, ScormPackageVersion
from scormpackages.selectors import package_file
from scormpackages.services import package_import, package_replace
from scormpackages.storage import blob_path
from tests.conftest import build_course, publish

from .test_fuzz import JSON, SIGNED_EXAMPLES, _mutated, _paths

pytestmark = pytest.mark.django_db

GOLF = Path("/work/shared/conformance/scorm/golf")
BASIC = GOLF / "RuntimeBasicCalls_SCORM20043rdEdition.zip"
NEWER = GOLF / "RunTimeAdvancedCalls_SCORM20043rdEdition.zip"


@pytest.fixture
def store(settings, tmp_path) -> Path:
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return settings.ELEARNING_SCORM_ROOT


def blobs(store: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((store / "blobs").glob("*/*"))}


def build_scorm_course(code: str = "SCO-101"):
    """A published course whose first module has a SCORM lesson playing the golf package."""
    tree = build_course(code=code, modules=1, lessons_per_module=1)
    package = package_import(source=BASIC, title="Golf explained")
    lesson = ScormLessonPage(
        title="Golf, played",
        slug="golf",
        summary="Play the package.",
        package=package,
        completion_rule="passed",
        browser_score_accepted=True,
        estimated_minutes=20,
    )
    tree.modules[0].add_child(instance=lesson)
    publish(lesson)
    return tree, package, lesson


def wipe_scorm(store: Path, *trees) -> None:
    """Remove the courses and every package, as on a post that never saw them."""
    for tree in trees:
        for version in CoursePage.objects.filter(translation_key=tree.course.translation_key):
            version.delete()
    ScormPackage.objects.update(current=None)
    ScormFile.objects.all().delete()
    ScormPackageVersion.objects.all().delete()
    ScormPackage.objects.all().delete()
    shutil.rmtree(store, ignore_errors=True)


@pytest.fixture
def exported(nodes, store, tmp_path):
    nodes.hub()
    tree, package, lesson = build_scorm_course()
    version = package.current
    files = {
        row.path: blobs(store)[row.sha256] for row in ScormFile.objects.filter(version=version)
    }
    path = tmp_path / "sco-101.bundle"
    result = bundle_export(course_code="SCO-101", path=path)
    wipe_scorm(store, tree)
    nodes.post()
    return tree, package, lesson, files, path, result


def test_a_scorm_lesson_arrives_with_its_package_under_the_same_id(exported, store):
    tree, package, lesson, files, path, export = exported
    assert export.files_total == export.files_carried == len(set(map(sha, files.values())))

    result = bundle_import(path=path)

    assert result.status == "installed"
    local = ScormPackage.objects.get()
    assert local.pk == package.pk and local.title == "Golf explained"
    assert local.current.number == 1 and local.current.scorm_version == "2004 3rd"
    page = ScormLessonPage.objects.get(translation_key=lesson.translation_key)
    assert page.live and page.package_id == package.pk
    assert (page.completion_rule, page.browser_score_accepted) == ("passed", True)
    assert (page.summary, page.estimated_minutes) == ("Play the package.", 20)
    # Every file of the package is served at the post, byte for byte.
    for name, data in files.items():
        served = package_file(str(package.pk), 1, name)
        assert served is not None and served.read_bytes() == data
    course = CoursePage.objects.get(translation_key=tree.course.translation_key)
    assert [(item.title, item.kind) for item in course_outline(course=course).lessons()] == [
        (tree.lessons[0].title, "lesson"),
        ("Golf, played", "scorm"),
    ]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_same_bundle_again_changes_nothing(exported, store):
    *_rest, path, _export = exported
    bundle_import(path=path)
    before = (blobs(store), list(ScormFile.objects.values_list("pk", "path", "sha256")))

    out = call_command_output("import_bundle", str(path))

    assert "already installed" in out
    assert (blobs(store), list(ScormFile.objects.values_list("pk", "path", "sha256"))) == before
    assert ScormPackageVersion.objects.count() == 1


def call_command_output(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def signed(nodes, store, tmp_path):
    """A bundle of the SCORM course, its parts, and the hub's identity to sign altered copies as
    the hub would (a hub with a bug, or a stolen key); then the post that never saw it."""
    hub = nodes.hub()
    tree, _package, _lesson = build_scorm_course()
    path = tmp_path / "sco-101.bundle"
    bundle_export(course_code="SCO-101", path=path)
    container = open_container(path, kinds={mf.KIND}, key_for=lambda _s, _m: hub.public_key)
    manifest = json.loads(gzip.decompress(container.read(mf.MANIFEST_PART)))
    parts = {p.name: container.read(p.name) for p in container.parts[1:]}
    wipe_scorm(store, tree)
    nodes.post()
    return Signed((hub, container.meta, manifest, parts))


class Signed(tuple):
    def __repr__(self) -> str:  # Hypothesis prints the fixtures of a failing example
        return "<the SCORM course's bundle>"


def resigned(signed, target: Path, manifest: dict | None = None, parts: dict | None = None):
    hub, meta, original, original_parts = signed
    manifest = manifest if manifest is not None else original
    manifest["content_sha"] = mf.content_sha(manifest)
    write_container(
        target,
        kind=mf.KIND,
        meta={**meta, "content_sha": manifest["content_sha"]},
        parts=[
            (mf.MANIFEST_PART, gzip.compress(json.dumps(manifest).encode())),
            *sorted((parts if parts is not None else original_parts).items()),
        ],
        identity=hub,
    )
    return target


def post_state(store: Path) -> dict:
    return {
        "pages": sorted(Page.objects.values_list("pk", "live", "latest_revision_id")),
        "packages": sorted(ScormPackage.objects.values_list("pk", flat=True)),
        "versions": ScormPackageVersion.objects.count(),
        "files": ScormFile.objects.count(),
        "blobs": sorted(p.name for p in store.glob("blobs/*/*")),
    }


def test_a_bundle_with_a_tampered_scorm_file_is_refused_whole(signed, store, tmp_path):
    parts = dict(signed[3])
    name = next(n for n, data in sorted(parts.items()) if data.startswith(b"<"))
    parts[name] = parts[name].replace(b"<", b"<!-- another page -->\n<", 1)
    bad = resigned(signed, tmp_path / "bad.bundle", parts=parts)
    before = post_state(store)

    with pytest.raises(CommandError) as refused:
        call_command("import_bundle", str(bad))

    assert "malformed" in str(refused.value)
    assert post_state(store) == before
    assert before["packages"] == [] and before["blobs"] == []
    assert not ScormLessonPage.objects.exists()


def test_a_manifest_that_lies_about_a_scorm_file_size_is_refused_whole(signed, store, tmp_path):
    manifest = json.loads(json.dumps(signed[2]))
    package = manifest["scorm_packages"][0]
    package["files"][0]["size"] += 1
    package["total_size"] += 1
    bad = resigned(signed, tmp_path / "bad.bundle", manifest=manifest)
    before = post_state(store)

    with pytest.raises(BundleError, match="malformed"):
        bundle_import(path=bad)

    assert post_state(store) == before


def test_a_package_the_post_cannot_hold_is_refused_with_the_reason(
    signed, store, settings, tmp_path
):
    settings.ELEARNING_SCORM_MAX_ENTRIES = 5
    before = post_state(store)

    with pytest.raises(BundleError, match="larger than this post accepts"):
        bundle_import(path=resigned(signed, tmp_path / "big.bundle"))

    assert post_state(store) == before


@pytest.mark.django_db
@SIGNED_EXAMPLES
@given(data=st.data())
def test_a_signed_bundle_with_any_scorm_entry_installs_or_is_refused_whole(
    signed, store, tmp_path, data
):
    """Any value anywhere in the SCORM packages' entries (signed by the hub): installed, or
    refused with BundleError leaving no package row, no stored file and no page."""
    manifest = signed[2]
    where = data.draw(
        st.sampled_from(list(_paths(manifest["scorm_packages"], ("scorm_packages",))))
    )
    changed = _mutated(manifest, where, data.draw(JSON), data.draw(st.booleans()))
    if not isinstance(changed, dict):
        return
    bundle = resigned(signed, tmp_path / "changed.bundle", manifest=changed)
    before = post_state(store)
    try:
        bundle_import(path=bundle)
    except BundleError:
        assert post_state(store) == before, where


def test_a_newer_package_version_replaces_the_old_one_at_the_post(nodes, store, tmp_path):
    nodes.hub()
    tree, package, _lesson = build_scorm_course()
    first = tmp_path / "first.bundle"
    bundle_export(course_code="SCO-101", path=first)
    old_files = dict(ScormFile.objects.values_list("path", "sha256"))
    hub_blobs = blobs(store)
    package_replace(package=package, source=NEWER)
    new_files = dict(
        ScormFile.objects.filter(version=package.versions.get(number=2)).values_list(
            "path", "sha256"
        )
    )
    hub_blobs.update(blobs(store))
    second = tmp_path / "second.bundle"
    bundle_export(course_code="SCO-101", path=second, since=first)
    wipe_scorm(store, tree)
    nodes.post()
    bundle_import(path=first)
    assert package_file(str(package.pk), 1, "shared/launchpage.html") is not None

    result = bundle_import(path=second)

    assert result.status == "updated"
    local = ScormPackage.objects.get(pk=package.pk)
    assert local.current.number == 2
    assert local.versions.get(number=1).files_released
    assert package_file(str(package.pk), 1, "shared/launchpage.html") is None
    for name, digest in new_files.items():
        served = package_file(str(package.pk), 2, name)
        assert served is not None and served.read_bytes() == hub_blobs[digest]
    # The old version's files that the new one does not use are gone from the store.
    gone = set(old_files.values()) - set(new_files.values())
    assert gone and not gone & set(blobs(store))


def test_an_older_bundle_of_another_course_leaves_a_newer_package_as_it_is(nodes, store, tmp_path):
    """Two courses play one package; the post installs the one bundled after the package's
    update first, then the other, bundled before: the post keeps playing the newer version."""
    nodes.hub()
    tree, package, _lesson = build_scorm_course()
    other = build_course(code="SCO-102", modules=1, lessons_per_module=1)
    lesson = ScormLessonPage(title="Golf again", slug="golf-again", package=package)
    other.modules[0].add_child(instance=lesson)
    publish(lesson)
    older = tmp_path / "sco-102.bundle"
    bundle_export(course_code="SCO-102", path=older)
    package_replace(package=package, source=NEWER)
    newer = tmp_path / "sco-101.bundle"
    bundle_export(course_code="SCO-101", path=newer)
    wipe_scorm(store, tree, other)
    nodes.post()
    bundle_import(path=newer)
    before = post_state(store)

    result = bundle_import(path=older)

    assert result.status == "installed"
    assert ScormPackage.objects.get(pk=package.pk).current.number == 2
    after = post_state(store)
    assert (after["versions"], after["files"], after["blobs"]) == (
        before["versions"],
        before["files"],
        before["blobs"],
    )
    served = package_file(str(package.pk), 2, "shared/launchpage.html")
    with zipfile.ZipFile(NEWER) as newest:
        assert served is not None
        assert served.read_bytes() == newest.read("shared/launchpage.html")
    page = ScormLessonPage.objects.get(translation_key=lesson.translation_key)
    assert page.live and page.package_id == package.pk


def test_the_hub_refuses_to_bundle_a_package_whose_file_is_gone(nodes, store, tmp_path):
    nodes.hub()
    build_scorm_course()
    version = ScormPackage.objects.get().current
    lost = ScormFile.objects.filter(version=version).order_by("path").first()
    blob_path(lost.sha256).unlink()
    target = tmp_path / "sco-101.bundle"

    with pytest.raises(CommandError) as refused:
        call_command("export_bundle", "SCO-101", "-o", str(target))

    assert "A file of the SCORM package “Golf explained” is missing" in str(refused.value)
    assert not target.exists()


def test_a_stored_file_that_goes_between_plan_and_install_refuses_the_install(nodes, store):
    """The plan found a file already stored (another package had it); a cleanup removed it
    before the install's transaction: the install is refused, not left naming a missing file."""
    from coursebundles.selectors import _scorm_entries
    from scormpackages.installing import InstallRefused, blobs_plan, packages_install

    nodes.hub()
    package = package_import(source=BASIC, title="Golf explained")
    [entry], _sources = _scorm_entries({str(package.pk)})
    entry = {**entry, "id": "6b1f1d3e-8a44-4cf5-9d62-1f0e2d3c4b5a", "title": "Golf, again"}
    plan = blobs_plan([entry], in_bundle={})
    assert plan.kept and not plan.write and not plan.missing  # all stored already
    gone = sorted(plan.kept)[0]
    blob_path(gone).unlink()  # what a cleanup between the two steps would do

    with pytest.raises(InstallRefused, match="left this post's store"):
        packages_install([entry])

    assert not ScormPackage.objects.filter(pk=entry["id"]).exists()
