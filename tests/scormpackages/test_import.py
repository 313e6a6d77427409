"""``scorm_import`` over the conformance corpus and built packages: what a trainer is told, and
that a refusal, wherever it happens, leaves nothing on disk or in the database (ADR 0023)."""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from scormpackages.models import ScormFile, ScormPackage, ScormPackageVersion
from scormpackages.selectors import version_file

CORPUS = Path("/work/shared/conformance/scorm")
if not CORPUS.is_dir():  # a checkout beside ../shared
    CORPUS = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "scorm"

VALID = [
    "golf/ContentPackagingMetadata_SCORM20043rdEdition.zip",
    "golf/ContentPackagingOneFilePerSCO_SCORM12.zip",
    "golf/ContentPackagingOneFilePerSCO_SCORM20043rdEdition.zip",
    "golf/ContentPackagingSingleSCO_SCORM12.zip",
    "golf/ContentPackagingSingleSCO_SCORM20042ndEdition.zip",
    "golf/ContentPackagingSingleSCO_SCORM20043rdEdition.zip",
    "golf/ContentPackagingWithMetadata_SCORM12.zip",
    "golf/LaunchUrlFromNestedItem_SCORM12.zip",
    "golf/MultipleItemsWithIdentifierRef_SCORM12.zip",
    "golf/PrerequisitesTest_SCORM12.zip",
    "golf/RunTimeAdvancedCalls_SCORM20043rdEdition.zip",
    "golf/RuntimeBasicCalls_SCORM12.zip",
    "golf/RuntimeBasicCalls_SCORM20043rdEdition.zip",
    "golf/RuntimeMinimumCalls_SCORM12.zip",
    "golf/RuntimeMinimumCalls_SCORM20043rdEdition.zip",
    "golf/SequencingForcedSequential_SCORM20043rdEdition.zip",
    "golf/SequencingPostTestRollup4thEd_SCORM20044thEdition.zip",
    "golf/SequencingPostTestRollup_SCORM20043rdEdition.zip",
    "golf/SequencingPreOrPostTestRollup_SCORM20043rdEdition.zip",
    "golf/SequencingRandomTest_SCORM20043rdEdition.zip",
    "golf/SequencingSimpleRemediation_SCORM20043rdEdition.zip",
    "moodle-golf/RuntimeBasicCalls_SCORM20043rdEdition.zip",
    "moodle-golf/RuntimeMinimumCalls_SCORM12-mini.zip",
    "moodle-golf/RuntimeMinimumCalls_SCORM12.zip",
    "moodle-golf/complexscorm.zip",
    "moodle-golf/singlesco_scorm12.zip",
    "moodle-golf/singlescobasic.zip",
]

# What the trainer reads for each package the corpus has as negative, and for the hand-made
# manifests that ship without their content (their manifest names files the zip lacks).
REFUSED = {
    "golf/MalformedXml_SCORM12.zip": "not well-formed XML",
    "golf/MissingLaunchUrl_SCORM12.zip": "item_1 has no launch address",
    "golf/MissingRequiredFields_SCORM12.zip": "has no title",
    "golf/InvalidFileReferences_SCORM12.zip": "content/nonexistent.html, which is not in the",
    "golf/ItemWithNonExistentResourceId_SCORM12.zip": "non_existent_resource",
    "golf/InvalidMissingOrgIdentifier_SCORM20043rdEdition.zip": "<organization> element has no",
    "golf/AdlAttributes_SCORM20043rdEdition.zip": "index.html, which is not in the package",
    "golf/ComplexNestedOrganization_SCORM12.zip": "content/module1.html, which is not in the",
    "golf/ContentPackagingNoSchemaVersion_SCORM20042ndEdition.zip": "index.html, which is not",
    "golf/MinimalValid_SCORM20043rdEdition.zip": "index.html, which is not in the package",
    "moodle-golf/badscorm.zip": "in the folder badscorm/, not at the top",
    "moodle-golf/invalid.zip": "no imsmanifest.xml",
    "moodle-golf/validscorm.zip": "not well-formed XML",
    "moodle-golf/singlescobasic_missingorg.zip": "has no organization",
    "moodle-golf/validaicc.zip": "AICC",
}


@pytest.fixture
def store(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return tmp_path / "scorm"


def scorm_import(*args: str) -> tuple[int, str, str]:
    """Runs the command and reports what ``manage.py`` would: exit status, standard output,
    standard error (run_from_argv prints a CommandError so and exits with its return code; it
    also closes the database connection, which the test still needs)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("scorm_import", *args, stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        status = error.returncode
    return status, out.getvalue(), err.getvalue()


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def assert_nothing_left(store: Path) -> None:
    assert not ScormPackage.objects.exists()
    assert not ScormPackageVersion.objects.exists()
    assert not ScormFile.objects.exists()
    assert files_under(store) == []
    assert not any((store / "tmp").iterdir()) if (store / "tmp").exists() else True


@pytest.mark.django_db
@pytest.mark.parametrize("name", VALID)
def test_every_valid_corpus_package_imports(name, store):
    status, out, err = scorm_import(str(CORPUS / name))
    assert (status, err) == (0, "")
    version = ScormPackage.objects.get().current
    with zipfile.ZipFile(CORPUS / name) as zf:
        count = sum(1 for info in zf.infolist() if not info.is_dir())
    assert f"{count} files" in out
    assert version.file_count == count
    launched = [line.strip() for line in out.splitlines() if " -> " in line]
    assert len(launched) == len(version.structure["scos"]) > 0  # every SCO and asset, in order
    assert all(line.startswith(("[sco] ", "[asset] ")) for line in launched)
    kinds = sum(1 for line in launched if line.startswith("[sco] "))
    assert f"{kinds} SCO(s), {len(launched) - kinds} asset(s)" in out
    for row in version.files.all():  # every file is stored, under its content's hash
        stored = store / "blobs" / row.sha256[:2] / row.sha256
        assert stored.stat().st_size == row.size
    assert not any((store / "tmp").iterdir())


@pytest.mark.django_db
def test_the_listing_names_each_sco_in_order_with_its_launch_url(store):
    name = CORPUS / "golf/SequencingForcedSequential_SCORM20043rdEdition.zip"
    status, out, _err = scorm_import(str(name))
    assert status == 0
    assert "(SCORM 2004 3rd)" in out
    assert "5 SCO(s), 0 asset(s); 69 files, 655222 bytes." in out
    assert [line.strip() for line in out.splitlines()[2:]] == [
        "[sco] Playing the Game -> shared/launchpage.html?content=playing",
        "[sco] Etiquette -> shared/launchpage.html?content=etiquette",
        "[sco] Handicapping -> shared/launchpage.html?content=handicapping",
        "[sco] Having Fun -> shared/launchpage.html?content=havingfun",
        "[sco] Quiz -> shared/launchpage.html?content=assessment",
    ]
    structure = ScormPackage.objects.get().current.structure
    assert (
        "<imsss:sequencing" in structure["items"][0]["sequencing"]
        or structure["sequencing_collection"]
    )


@pytest.mark.django_db
def test_json_output_for_machines(store):
    status, out, _err = scorm_import(
        str(CORPUS / "moodle-golf/singlesco_scorm12.zip"), "--json", "--title", "Golf"
    )
    assert status == 0
    found = json.loads(out)
    assert found["title"] == "Golf"
    assert found["scorm_version"] == "1.2"
    assert found["organization"] == "golf_sample_default_org"
    assert found["file_count"] == 46 and found["total_size"] == 478201
    assert found["items"] == [
        {
            "identifier": "item_1",
            "title": "Golf Explained",
            "depth": 0,
            "visible": True,
            "scorm_type": "sco",
            "launch": "shared/launchpage.html",
        }
    ]
    assert found["package"] == str(ScormPackage.objects.get().pk)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_every_negative_corpus_package_is_refused_leaving_nothing(name, store):
    status, out, err = scorm_import(str(CORPUS / name))
    assert status == 1
    assert out == ""
    assert f"{Path(name).name} refused: " in err
    assert REFUSED[name] in err
    assert_nothing_left(store)


MANIFEST_12 = b"""<?xml version="1.0"?>
<manifest identifier="built" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
 xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
 <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
 <organizations default="org"><organization identifier="org"><title>Built</title>
  <item identifier="i1" identifierref="r1"><title>Only SCO</title></item>
 </organization></organizations>
 <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
  <file href="index.html"/></resource></resources>
</manifest>"""


def _file(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def built_package(extra: int = 60) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(_file("imsmanifest.xml"), MANIFEST_12)
        zf.writestr(_file("index.html"), b"<html><body>SCO</body></html>")
        for number in range(extra):
            zf.writestr(_file(f"media/{number:03}.txt"), f"file {number} ".encode() * 200)
    return buffer.getvalue()


def lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """The zip with ``name``'s uncompressed size in the central directory set to ``declared``."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + name_length] == name.encode():
            struct.pack_into("<I", out, at + 24, declared)
            return bytes(out)
        at = out.find(b"PK\x01\x02", at + 46)
    raise AssertionError(name)


@pytest.mark.django_db
def test_a_size_that_lies_on_the_50th_entry_leaves_nothing(store, tmp_path):
    zip_path = tmp_path / "lying.zip"
    zip_path.write_bytes(lie_about_size(built_package(), "media/047.txt", 100))
    with zipfile.ZipFile(zip_path) as zf:  # the 50th entry, after 49 good ones
        assert zf.infolist()[49].filename == "media/047.txt"
    status, _out, err = scorm_import(str(zip_path))
    assert status == 1
    assert "media/047.txt" in err and "damaged" in err
    assert_nothing_left(store)


@pytest.mark.django_db
def test_what_a_crash_left_is_removed_by_the_next_import(store, tmp_path):
    old_temp = store / "tmp" / "crashed"
    old_temp.mkdir(parents=True)
    (old_temp / "half-written").write_bytes(b"x" * 10)
    orphan = store / "blobs" / "ab" / ("ab" + "0" * 62)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"moved into place, then the power went")
    long_ago = time.time() - 7 * 3600
    for path in (old_temp / "half-written", old_temp, orphan):
        os.utime(path, (long_ago, long_ago))
    running = store / "tmp" / "an-import-running-now"
    running.mkdir()
    zip_path = tmp_path / "good.zip"
    zip_path.write_bytes(built_package(extra=2))
    status, _out, _err = scorm_import(str(zip_path))
    assert status == 0
    assert not old_temp.exists() and not orphan.exists()
    assert running.exists()  # young: it may belong to an import still running


@pytest.mark.django_db
def test_a_new_version_keeps_the_package_and_drops_files_nothing_uses(
    store, django_capture_on_commit_callbacks
):
    status, out, _err = scorm_import(str(CORPUS / "moodle-golf/singlesco_scorm12.zip"))
    assert status == 0
    package = ScormPackage.objects.get()
    first = package.current
    old = set(first.files.values_list("sha256", flat=True))
    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows committed
        status, out, err = scorm_import(
            str(CORPUS / "golf/ContentPackagingSingleSCO_SCORM12.zip"),
            "--replace",
            str(package.pk),
        )
    assert (status, err) == (0, "")
    assert f"package {package.pk}, version 2." in out
    package.refresh_from_db()
    assert ScormPackage.objects.count() == 1
    second = package.current
    assert second.number == 2 and second.pk != first.pk
    first.refresh_from_db()
    assert first.files_released and first.scorm_version == "1.2"  # history stays
    new = set(second.files.values_list("sha256", flat=True))
    assert old & new and old - new  # some files shared, some only in the old version
    stored = {path.name for path in files_under(store / "blobs")}
    assert stored == new
    # What the player will serve: the new version's launch page, byte for byte; nothing of
    # the old version.
    with zipfile.ZipFile(CORPUS / "golf/ContentPackagingSingleSCO_SCORM12.zip") as zf:
        launch_page = zf.read("shared/launchpage.html")
    assert version_file(second, "shared/launchpage.html").read_bytes() == launch_page
    assert version_file(first, "shared/launchpage.html") is None
    assert version_file(second, "shared/nothing-here.html") is None


@pytest.mark.django_db
def test_a_refused_new_version_changes_nothing(store):
    scorm_import(str(CORPUS / "moodle-golf/singlesco_scorm12.zip"))
    package = ScormPackage.objects.get()
    before = files_under(store)
    status, _out, err = scorm_import(
        str(CORPUS / "moodle-golf/validscorm.zip"), "--replace", str(package.pk)
    )
    assert status == 1 and "not well-formed XML" in err
    package.refresh_from_db()
    assert package.current.number == 1 and not package.current.files_released
    assert files_under(store) == before


@pytest.mark.django_db
def test_replacing_an_unknown_package_is_refused(store):
    status, _out, err = scorm_import(
        str(CORPUS / "moodle-golf/singlesco_scorm12.zip"), "--replace", "nonsense"
    )
    assert status == 1 and "No SCORM package has the id nonsense." in err
    assert_nothing_left(store)


@pytest.mark.django_db
def test_an_error_while_writing_the_rows_leaves_nothing(store, monkeypatch):
    """The files were already moved into the store when the database failed: they go too."""

    def power_cut(*_args, **_kwargs):
        raise SystemExit("the database went away")

    monkeypatch.setattr(ScormFile.objects, "bulk_create", power_cut)
    with pytest.raises(SystemExit):
        call_command("scorm_import", str(CORPUS / "moodle-golf/singlesco_scorm12.zip"))
    assert_nothing_left(store)


@pytest.mark.django_db
def test_a_long_thai_file_name_is_stored_and_found(store, tmp_path):
    """1,000 Thai characters (3,000 bytes): longer than a file name may be on disk and than a
    PostgreSQL index entry; the file is stored by its hash and found by its path."""
    folder = "/".join(["บทเรียนเรื่องการตรวจหนังสือเดินทาง" * 6] * 5)[:990]
    name = f"{folder}/หน้า.html"
    data = built_package(extra=0)
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as zf:
        zf.writestr(_file(name), "<p>สวัสดี</p>".encode())
    zip_path = tmp_path / "thai.zip"
    zip_path.write_bytes(buffer.getvalue())
    status, out, err = scorm_import(str(zip_path))
    assert (status, err) == (0, "")
    assert "3 files" in out
    version = ScormPackage.objects.get().current
    assert version_file(version, name).read_bytes() == "<p>สวัสดี</p>".encode()
