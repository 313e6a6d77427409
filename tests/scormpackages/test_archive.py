"""A SCORM package's zip read as hostile input (scormpackages.archive): every hostile case is
built here from bytes, in memory, and refused from the central directory before anything is
extracted, with a code a service translates and an English sentence naming the entry."""

from __future__ import annotations

import io
import re
import stat
import struct
import warnings
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scormpackages import archive
from scormpackages.archive import ArchiveRefused, Limits, entries, open_zip, read_bounded

MIB = 1024 * 1024


def build(*files: tuple[str | zipfile.ZipInfo, bytes], deflate: bool = False) -> bytes:
    """A zip of ``files`` (names or prepared ZipInfos), written by zipfile itself."""
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns on duplicate names
        with zipfile.ZipFile(out, "w", compression=method) as zf:
            for name, data in files:
                zf.writestr(name, data)
    return out.getvalue()


def unix(name: str, mode: int) -> zipfile.ZipInfo:
    """An entry an Unix archiver marked with the file type and permissions ``mode``."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info


def refusal(data: bytes, limits: Limits | None = None) -> ArchiveRefused:
    with pytest.raises(ArchiveRefused) as caught:
        entries(zipfile.ZipFile(io.BytesIO(data)), limits or Limits())
    return caught.value


def test_plain_package_lists_its_files_normalised_and_skips_folders():
    data = build(
        ("imsmanifest.xml", b"<manifest/>"),
        ("shared/", b""),
        ("./shared//launchpage.html", b"<html>"),
        (unix("shared/style.css", stat.S_IFREG | 0o644), b"body{}"),
    )
    found = entries(zipfile.ZipFile(io.BytesIO(data)), Limits())
    assert [(entry.name, entry.size) for entry in found] == [
        ("imsmanifest.xml", 11),
        ("shared/launchpage.html", 6),
        ("shared/style.css", 6),
    ]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../evil.html", "traversal"),
        ("content/../../evil.html", "traversal"),
        ("/etc/cron.d/evil", "absolute_path"),
        ("C:/Windows/evil.dll", "absolute_path"),
        ("content\\..\\evil.html", "backslash"),
        ("content/evil\n.html", "bad_name"),  # zipfile cuts a name at NUL already
    ],
)
def test_paths_that_leave_the_package_are_refused_naming_the_entry(name, code):
    error = refusal(build(("index.html", b"ok"), (name, b"x")))
    assert error.code == code
    assert error.params["name"] in (name, name.encode("unicode_escape").decode("ascii"))
    assert "evil" in str(error)


def test_symlink_entry_is_refused():
    error = refusal(build((unix("shared/passwd", stat.S_IFLNK | 0o777), b"/etc/passwd")))
    assert (error.code, error.params) == ("symlink", {"name": "shared/passwd"})
    assert str(error) == "The entry shared/passwd is a symbolic link; packages hold files only."


@pytest.mark.parametrize("kind", [stat.S_IFCHR, stat.S_IFBLK, stat.S_IFIFO, stat.S_IFSOCK])
def test_device_and_special_file_entries_are_refused(kind):
    error = refusal(build((unix("dev/sda", kind | 0o600), b"")))
    assert (error.code, error.params) == ("special_file", {"name": "dev/sda"})


def test_duplicate_names_are_refused():
    error = refusal(build(("index.html", b"one"), ("index.html", b"two")))
    assert error.code == "duplicate"
    assert error.params == {"name": "index.html", "other": "index.html"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Shared/Index.html", "shared/index.HTML"),  # a case-insensitive file system clashes
        ("caf\u00e9.html", "cafe\u0301.html"),  # composed and decomposed é: the same on macOS
        ("STRASSE.html", "stra\u00dfe.html"),  # full case folding: ß is ss
    ],
)
def test_names_equal_after_case_folding_or_nfc_are_refused(first, second):
    error = refusal(build((first, b"1"), (second, b"2")))
    assert error.code == "duplicate"


def test_a_name_that_is_both_file_and_folder_is_refused():
    error = refusal(build(("content", b"file"), ("Content/index.html", b"page")))
    assert (error.code, error.params) == ("file_folder_clash", {"name": "content"})


def test_zip_bomb_by_ratio_is_refused_before_extracting():
    data = build(("bomb.bin", bytes(4 * MIB)), deflate=True)
    assert len(data) < 16 * 1024  # 4 MiB of zeros deflate to a few kilobytes
    error = refusal(data)
    assert error.code == "ratio"
    assert error.params["name"] == "bomb.bin"
    assert error.params["ratio"] > 100


def test_many_small_entries_bombing_together_are_refused_by_the_overall_ratio():
    data = build(*((f"part{i}.bin", bytes(MIB - 1)) for i in range(4)), deflate=True)
    assert refusal(data).code == "total_ratio"


def test_total_uncompressed_size_over_the_limit_is_refused():
    data = build(("a.bin", b"a" * 600), ("b.bin", b"b" * 600))
    error = refusal(data, Limits(max_total=1000))
    assert (error.code, error.params) == ("too_large_total", {"limit": 1000})


def test_zip_file_over_the_size_limit_is_refused():
    data = build(("a.bin", b"a" * 600))
    with pytest.raises(ArchiveRefused) as caught:
        open_zip(io.BytesIO(data), Limits(max_bytes=100))
    assert caught.value.code == "too_big"
    assert str(caught.value) == (
        f"The package is {len(data)} bytes; the largest allowed is 100 bytes."
    )


def test_not_a_zip_is_refused():
    with pytest.raises(ArchiveRefused) as caught:
        open_zip(io.BytesIO(b"<html>not a zip</html>"), Limits())
    assert str(caught.value) == "The file is not a zip archive."


def test_encrypted_entry_is_refused():
    data = bytearray(build(("secret.html", b"x")))
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # general purpose flag bit 0: encrypted
    error = refusal(bytes(data))
    assert (error.code, error.params) == ("encrypted", {"name": "secret.html"})


def central_directory_only(count: int) -> bytes:
    """A zip64 archive of ``count`` empty entries: just the central directory and the end
    records, which is all that is read before extracting (built in milliseconds)."""
    records = b"".join(
        struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, 0, 0, 0, 0, 0, 0,
                    len(name), 0, 0, 0, 0, 0, 0) + name
        for name in (f"f{i}.html".encode() for i in range(count))
    )  # fmt: skip
    zip64_end = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(records), 0
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, len(records), 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return records + zip64_end + locator + end


def test_hundred_thousand_entries_are_refused_before_zipfile_parses_them():
    data = central_directory_only(100_000)
    with pytest.raises(ArchiveRefused) as caught:
        open_zip(io.BytesIO(data), Limits())
    assert (caught.value.code, caught.value.params) == ("too_many_entries", {"limit": 20_000})
    assert str(caught.value) == (
        "The package has more than 20000 entries; it is refused before extracting."
    )
    assert refusal(data).code == "too_many_entries"  # and by entries() on an open ZipFile


def test_an_end_record_that_understates_the_count_is_refused_by_the_directory_size():
    data = bytearray(central_directory_only(2_000))
    zip64_end = data.rindex(b"PK\x06\x06")
    struct.pack_into("<2Q", data, zip64_end + 24, 1, 1)  # "1 entry" on this disk and in all
    with pytest.raises(ArchiveRefused) as caught:
        open_zip(io.BytesIO(bytes(data)), Limits(max_entries=100))
    assert caught.value.code == "too_many_entries"


def test_a_package_on_disk_is_opened_by_path(tmp_path):
    path = tmp_path / "package.zip"
    path.write_bytes(build(("imsmanifest.xml", b"<manifest/>")))
    with open_zip(path, Limits()) as zf:
        assert [entry.name for entry in entries(zf, Limits())] == ["imsmanifest.xml"]


def test_declared_size_lies_and_reading_stops_at_the_declared_size():
    data = bytearray(build(("page.html", b"<p>" + bytes(MIB) + b"</p>"), deflate=True))
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<L", data, central + 24, 10)  # the central directory now says 10 bytes
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    [entry] = entries(zf, Limits())
    assert entry.size == 10
    with pytest.raises(ArchiveRefused) as caught:
        read_bounded(zf, entry, 64 * 1024)
    assert (caught.value.code, caught.value.params) == ("corrupt", {"name": "page.html"})


def test_entry_declared_larger_than_the_limit_is_not_read():
    zf = zipfile.ZipFile(io.BytesIO(build(("imsmanifest.xml", b"x" * 5000))))
    [entry] = entries(zf, Limits())
    with pytest.raises(ArchiveRefused) as caught:
        read_bounded(zf, entry, 4096)
    assert caught.value.code == "entry_too_large"
    assert str(caught.value) == (
        "The entry imsmanifest.xml is larger than 4096 bytes once extracted."
    )


def test_read_bounded_returns_an_honest_entry():
    zf = zipfile.ZipFile(io.BytesIO(build(("imsmanifest.xml", b"<manifest/>"), deflate=True)))
    [entry] = entries(zf, Limits())
    assert read_bounded(zf, entry, 11) == b"<manifest/>"


NAME_PARTS = st.sampled_from(
    ["a", "B", "..", ".", "", "/", "\\", "C:", "é", "e\u0301", "ß", "SS", "\n", "x.html", " "]
)


@given(
    st.lists(
        st.lists(NAME_PARTS, min_size=1, max_size=6).map("".join).filter(bool),
        min_size=1,
        max_size=5,
    )
)
def test_whatever_the_names_an_accepted_entry_stays_inside_and_is_unique(names):
    data = build(*((name, b"x") for name in names))
    try:
        found = entries(zipfile.ZipFile(io.BytesIO(data)), Limits())
    except ArchiveRefused as error:
        assert error.code in archive.MESSAGES
        return
    folded = [archive.fold(entry.name) for entry in found]
    assert len(set(folded)) == len(folded)
    for entry in found:
        segments = entry.name.split("/")
        assert entry.name and not entry.name.startswith("/") and "\\" not in entry.name
        assert ".." not in segments and "." not in segments and "" not in segments
        assert not re.match(r"^[A-Za-z]:", entry.name)


def test_utf8_names_without_the_utf8_flag_keep_their_accents():
    data = bytearray(build(("Leçon/café.html", b"<p>"), ("plain.html", b"<p>")))
    for at in (data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")):
        flag = 6 if at == data.index(b"PK\x03\x04") else 8
        data[at + flag + 1] &= ~0x08 & 0xFF  # clear bit 11 (UTF-8), as macOS's zip leaves it
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    assert zf.infolist()[0].filename != "Leçon/café.html"  # zipfile alone reads code page 437
    assert [entry.name for entry in entries(zf, Limits())] == ["Leçon/café.html", "plain.html"]


def test_a_nul_in_a_stored_name_is_refused_not_cut():
    data = bytearray(build(("evil.html.js", b"x")))
    central = data.index(b"PK\x01\x02")
    data[central + 46 + 8] = 0  # "evil.htm\0.js": zipfile alone would call it "evil.htm"
    error = refusal(bytes(data))
    assert error.code == "bad_name"
