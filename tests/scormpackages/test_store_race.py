"""Two packages sharing a file (the same SHA-256), imported and replaced at the same time by two
trainers: neither deletes the stored file from under the other (ADR 0023, the store's lock).

The operations run in two threads, each with its own database connection, and are driven into
the interleaving that lost a file before: the import finds the shared file already stored and
will not write it; the replacement then deletes it as unreferenced (the import's rows are not
committed yet); the import commits rows naming a file that is gone. Events order the steps;
nothing depends on timing."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest
from django.db import connection

from scormpackages import services
from scormpackages.models import ScormFile, ScormPackage
from scormpackages.selectors import version_file

WAIT_SECONDS = 120  # only so that a broken run fails instead of hanging
DELETER = "deleter"  # the thread of the operation that deletes

MANIFEST = """<?xml version="1.0"?>
<manifest identifier="%(id)s" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
 xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
 <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
 <organizations default="org"><organization identifier="org"><title>%(id)s</title>
  <item identifier="i1" identifierref="r1"><title>Lesson</title></item>
 </organization></organizations>
 <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
%(files)s
 </resource></resources>
</manifest>"""

SHARED_VIDEO = b"the same checkpoint video in both courses " * 1000


def package_zip(identifier: str, files: dict[str, bytes]) -> io.BytesIO:
    listed = "\n".join(f'  <file href="{name}"/>' for name in files)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST % {"id": identifier, "files": listed})
        for name, content in files.items():
            archive.writestr(name, content)
    data.seek(0)
    return data


@pytest.fixture
def store(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return tmp_path / "scorm"


class Steps:
    """Runs ``work`` in a thread with its own database connection; what it raised is kept."""

    def __init__(self, work, name: str) -> None:
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)

    def _run(self, work) -> None:
        try:
            work()
        except BaseException as error:
            self.error = error
        finally:
            connection.close()
            self.done.set()

    def start(self) -> Steps:
        self.thread.start()
        return self

    def join(self) -> None:
        self.thread.join(WAIT_SECONDS)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error


def race(monkeypatch, deleter, importer) -> tuple[Steps, Steps]:
    """Runs ``deleter`` (an operation that will delete blobs it finds unreferenced) until it is
    about to delete, then ``importer`` until it has found which of its files are stored, then
    lets the deleter go on; the importer goes on once the deleter has gone for the store's
    lock (from then on it may wait for the importer) or has finished. Returns both, done."""
    deleter_deletes = threading.Event()
    import_found_stored = threading.Event()
    deleter_moved = threading.Event()
    real_remove, real_place = services._remove_blobs, services._Extracted.place
    real_lock = getattr(services, "store_lock", None)
    deleting: set[threading.Thread] = set()

    def remove_blobs(shas):
        if threading.current_thread() is first.thread and shas:
            deleter_deletes.set()
            assert import_found_stored.wait(WAIT_SECONDS)
            deleting.add(threading.current_thread())
        real_remove(shas)

    def place(self):
        real_place(self)
        if threading.current_thread() is second.thread:
            import_found_stored.set()
            assert deleter_moved.wait(WAIT_SECONDS)

    def store_lock():
        if threading.current_thread() in deleting:
            deleter_moved.set()  # it may wait for the lock from here on
        return real_lock()

    monkeypatch.setattr(services, "_remove_blobs", remove_blobs)
    monkeypatch.setattr(services._Extracted, "place", place)
    monkeypatch.setattr(services, "store_lock", store_lock, raising=False)

    def delete() -> None:
        try:
            deleter()
        finally:
            deleter_moved.set()

    first, second = Steps(delete, DELETER), Steps(importer, "importer")
    first.start()
    assert deleter_deletes.wait(WAIT_SECONDS)
    second.start()
    first.thread.join(WAIT_SECONDS)
    second.join()
    return first, second


def import_second() -> None:
    services.package_import(
        source=package_zip("second", {"index.html": b"<p>second</p>", "clip.mp4": SHARED_VIDEO})
    )


def stored_blobs(store: Path) -> set[str]:
    return {path.name for path in (store / "blobs").glob("*/*")}


@pytest.mark.django_db(transaction=True)
def test_a_replacement_never_deletes_a_file_an_import_has_found_stored(store, monkeypatch):
    first = services.package_import(
        source=package_zip(
            "first", {"index.html": b"<p>first</p>", "video.mp4": SHARED_VIDEO, "old.js": b"1"}
        )
    )
    old_only = ScormFile.objects.get(path="old.js").sha256
    replacement, _import = race(
        monkeypatch,
        lambda: services.package_replace(
            package=first, source=package_zip("first", {"index.html": b"<p>first, v2</p>"})
        ),
        import_second,
    )
    replacement.join()

    # The second course plays its video: the file its rows name is there, byte for byte.
    version = ScormPackage.objects.exclude(pk=first.pk).get().current
    assert version_file(version, "clip.mp4").read_bytes() == SHARED_VIDEO
    # What the replaced version alone used is gone; nothing unreferenced is left.
    assert old_only not in stored_blobs(store)
    assert stored_blobs(store) == set(ScormFile.objects.values_list("sha256", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_failed_import_never_deletes_a_file_another_import_has_found_stored(store, monkeypatch):
    """The first import stores the video, then fails writing its rows (the disk is full) and
    removes what it stored; the second found the video stored meanwhile."""
    real_bulk_create = ScormFile.objects.bulk_create

    def bulk_create(objs, *args, **kwargs):
        if threading.current_thread().name != DELETER:
            return real_bulk_create(objs, *args, **kwargs)
        raise OSError("No space left on device")

    monkeypatch.setattr(ScormFile.objects, "bulk_create", bulk_create)
    source = package_zip("first", {"index.html": b"<p>first</p>", "video.mp4": SHARED_VIDEO})
    failing, _import = race(
        monkeypatch, lambda: services.package_import(source=source), import_second
    )

    assert isinstance(failing.error, OSError)  # the trainer is told; nothing of it is kept
    version = ScormPackage.objects.get().current
    assert version_file(version, "clip.mp4").read_bytes() == SHARED_VIDEO
    assert stored_blobs(store) == set(ScormFile.objects.values_list("sha256", flat=True))
