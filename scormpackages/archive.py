"""A SCORM package's zip, checked as hostile input before anything is extracted.

Pure (no Django, no clock): :func:`entries` reads only the central directory that
``zipfile.ZipFile`` has already parsed and refuses the archive, naming the problem and the
entry, when it could write outside its folder, clash on a case-insensitive file system, inflate
past the limits (a "zip bomb") or is not plain files; :func:`read_bounded` reads one entry
without trusting its declared size. A refusal is :class:`ArchiveRefused`, whose ``code`` and
``params`` a service turns into a message in the trainer's language (``MESSAGES`` holds the
English templates, marked for translation). See docs/decisions/0022.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, ClassVar


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the translation catalogue (makemessages extracts this keyword)
    without importing Django; the service translates it when it shows the refusal."""
    return message


MESSAGES: dict[str, str] = {
    "not_a_zip": gettext_noop("The file is not a zip archive."),
    "too_big": gettext_noop(
        "The package is %(size)s bytes; the largest allowed is %(limit)s bytes."
    ),
    "too_many_entries": gettext_noop(
        "The package has more than %(limit)s entries; it is refused before extracting."
    ),
    "encrypted": gettext_noop("The entry %(name)s is encrypted; packages must not be."),
    "symlink": gettext_noop("The entry %(name)s is a symbolic link; packages hold files only."),
    "special_file": gettext_noop("The entry %(name)s is a device or special file."),
    "absolute_path": gettext_noop("The entry %(name)s has an absolute path."),
    "backslash": gettext_noop("The entry %(name)s has a backslash (a Windows path) in its name."),
    "traversal": gettext_noop('The entry %(name)s points outside the package ("..").'),
    "bad_name": gettext_noop("The entry %(name)s has a name that cannot be stored."),
    "duplicate": gettext_noop(
        "The entries %(name)s and %(other)s have the same name (ignoring case and accents' "
        "encoding)."
    ),
    "file_folder_clash": gettext_noop("The entry %(name)s is both a file and a folder."),
    "ratio": gettext_noop(
        "The entry %(name)s would grow %(ratio)s times when extracted; the limit is %(limit)s "
        "(a zip bomb?)."
    ),
    "total_ratio": gettext_noop(
        "The package would grow %(ratio)s times when extracted; the limit is %(limit)s "
        "(a zip bomb?)."
    ),
    "too_large_total": gettext_noop(
        "The package's files add up to more than %(limit)s bytes once extracted."
    ),
    "entry_too_large": gettext_noop(
        "The entry %(name)s is larger than %(limit)s bytes once extracted."
    ),
    "corrupt": gettext_noop("The entry %(name)s is damaged and cannot be read."),
}

# An entry's own ratio is only judged past this size: small text files (a few kilobytes of
# repeated markup) legitimately compress more than any sane ratio limit.
RATIO_FLOOR = 1024 * 1024
MAX_NAME = 1024  # characters in an entry's path
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BLOCK = 1024 * 1024
# The central directory may not be larger than this per allowed entry: a record is 46 bytes
# plus its name and extra fields (a few hundred bytes in real packages), and zipfile parses
# every record the directory holds whatever count the end record declares.
DIRECTORY_BYTES_PER_ENTRY = 512
_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END = struct.Struct("<4sQ2H2L4Q")
_TAIL = _EOCD.size + 0xFFFF + _ZIP64_LOCATOR.size + _ZIP64_END.size  # the comment is <= 64 KiB


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1024 * 1024 * 1024  # the zip file itself
    max_entries: int = 20_000
    max_total: int = 2 * 1024 * 1024 * 1024  # sum of uncompressed sizes
    max_ratio: int = 100  # per entry (past RATIO_FLOOR) and overall


class Refused(Exception):
    """A refusal of a package; ``code`` (a key of the class's ``MESSAGES``) and ``params`` say
    why, and ``str()`` is the English sentence (the service shows it translated)."""

    MESSAGES: ClassVar[dict[str, str]] = {}

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(self.MESSAGES[code] % params)


class ArchiveRefused(Refused):
    """The archive is refused."""

    MESSAGES = MESSAGES


@dataclass(frozen=True)
class Entry:
    name: str  # normalised POSIX path inside the package, never absolute, no ".."
    size: int  # uncompressed, as the central directory declares it
    info: zipfile.ZipInfo


def check_size(size: int, limits: Limits) -> None:
    """Refuses a zip file of ``size`` bytes larger than the limit (before opening it)."""
    if size > limits.max_bytes:
        raise ArchiveRefused("too_big", size=size, limit=limits.max_bytes)


def open_zip(file: str | os.PathLike[str] | IO[bytes], limits: Limits) -> zipfile.ZipFile:
    """``file`` (a path or a seekable binary file) opened as a zip. Its size, and the entry
    count and central directory size its end record declares, are checked first: zipfile
    parses (and holds in memory) every entry of the central directory as it opens, so a
    1 GiB directory of empty entries must be refused before. ArchiveRefused("not_a_zip") when
    it is not a zip."""
    if isinstance(file, str | os.PathLike):
        with open(file, "rb") as fp:
            _check_directory(fp, limits)
    else:
        _check_directory(file, limits)
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ArchiveRefused("not_a_zip") from None


def _check_directory(fp: IO[bytes], limits: Limits) -> None:
    """The file's size, and what its end record (zip64's if there is one) declares."""
    size = fp.seek(0, io.SEEK_END)
    check_size(size, limits)
    fp.seek(max(0, size - _TAIL))
    tail = fp.read()
    fp.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        return  # not a zip: zipfile says so
    count, directory = _EOCD.unpack_from(tail, at)[4:6]
    start = at - _ZIP64_LOCATOR.size - _ZIP64_END.size
    zip64 = start >= 0 and tail[start : start + 4] == b"PK\x06\x06"
    if zip64 and (count == 0xFFFF or directory == 0xFFFFFFFF):
        count, directory = _ZIP64_END.unpack_from(tail, start)[7:9]
    if count > limits.max_entries or directory > limits.max_entries * DIRECTORY_BYTES_PER_ENTRY:
        raise ArchiveRefused("too_many_entries", limit=limits.max_entries)


def _zip_size(zf: zipfile.ZipFile) -> int:
    fp = zf.fp
    if fp is None:
        return 0
    here = fp.tell()
    size = fp.seek(0, io.SEEK_END)
    fp.seek(here)
    return size


def entries(zf: zipfile.ZipFile, limits: Limits) -> list[Entry]:
    """Every file entry of the archive, checked from the central directory BEFORE anything is
    extracted: count, declared sizes, ratio, total, zip slip, absolute paths, backslashes and
    drive letters, symlinks and device files (external_attr), duplicate names (also after
    Unicode NFC and case folding, as a case-insensitive file system would clash), encrypted
    entries; directories are skipped. Raises ArchiveRefused naming the problem and the entry."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise ArchiveRefused("too_many_entries", limit=limits.max_entries)
    check_size(_zip_size(zf), limits)
    found: list[Entry] = []
    seen: dict[str, str] = {}  # folded name -> the entry's name
    folders: dict[str, str] = {}  # folded folder path -> an entry under it
    total = 0
    compressed = 0
    for info in infos:
        name = _checked_name(info)
        if info.is_dir():
            continue
        _check_kind(info, name)
        _check_ratio(info, name, limits)
        total += info.file_size
        compressed += info.compress_size
        if total > limits.max_total:
            raise ArchiveRefused("too_large_total", limit=limits.max_total)
        _check_unique(name, seen, folders)
        found.append(Entry(name=name, size=info.file_size, info=info))
    for folder in folders:
        if folder in seen:
            raise ArchiveRefused("file_folder_clash", name=seen[folder])
    if total > RATIO_FLOOR and total > limits.max_ratio * max(compressed, 1):
        ratio = total // max(compressed, 1)
        raise ArchiveRefused("total_ratio", ratio=ratio, limit=limits.max_ratio)
    return found


def _checked_name(info: zipfile.ZipInfo) -> str:
    """The entry's path, normalised (NFC, no "." or empty segments), or ArchiveRefused."""
    raw = _decoded_name(info)
    if "\\" in raw:
        raise ArchiveRefused("backslash", name=raw)
    if raw.startswith("/") or _DRIVE.match(raw):
        raise ArchiveRefused("absolute_path", name=raw)
    if _CONTROL.search(raw) or len(raw) > MAX_NAME:
        raise ArchiveRefused("bad_name", name=raw.encode("unicode_escape").decode("ascii"))
    segments = [part for part in raw.split("/") if part not in ("", ".")]
    if ".." in segments:
        raise ArchiveRefused("traversal", name=raw)
    if not segments and not info.is_dir():
        raise ArchiveRefused("bad_name", name=raw)
    return unicodedata.normalize("NFC", "/".join(segments))


def _decoded_name(info: zipfile.ZipInfo) -> str:
    """The name as the archiver meant it: UTF-8 when flagged so, and also when unflagged bytes
    are valid UTF-8 (macOS's Archive Utility and many tools write UTF-8 without the flag, which
    zipfile then reads as code page 437), else code page 437 as the format says."""
    if info.flag_bits & 0x800:
        return info.orig_filename
    try:
        return info.orig_filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.orig_filename


def _check_kind(info: zipfile.ZipInfo, name: str) -> None:
    if info.flag_bits & 0x1:
        raise ArchiveRefused("encrypted", name=name)
    mode = info.external_attr >> 16
    if info.create_system != 3 or not stat.S_IFMT(mode):  # only Unix archivers say a file type
        return
    if stat.S_ISLNK(mode):
        raise ArchiveRefused("symlink", name=name)
    if not stat.S_ISREG(mode):
        raise ArchiveRefused("special_file", name=name)


def _check_ratio(info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    if info.file_size > limits.max_total:
        raise ArchiveRefused("too_large_total", limit=limits.max_total)
    if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        ratio = info.file_size // max(info.compress_size, 1)
        raise ArchiveRefused("ratio", name=name, ratio=ratio, limit=limits.max_ratio)


def fold(name: str) -> str:
    """``name`` as a case-insensitive, normalising file system compares it."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())


def _check_unique(name: str, seen: dict[str, str], folders: dict[str, str]) -> None:
    key = fold(name)
    if key in seen:
        raise ArchiveRefused("duplicate", name=name, other=seen[key])
    seen[key] = name
    parts = key.split("/")
    for depth in range(1, len(parts)):
        folders.setdefault("/".join(parts[:depth]), name)


def read_bounded(zf: zipfile.ZipFile, entry: Entry, limit: int) -> bytes:
    """The entry's bytes, reading at most `limit`+1 bytes (the declared size can lie).

    ArchiveRefused("entry_too_large") past ``limit``; ("corrupt") when the data does not match
    the central directory (a lying size fails the CRC check, truncated or garbled data too)."""
    if entry.size > limit:
        raise ArchiveRefused("entry_too_large", name=entry.name, limit=limit)
    out = bytearray()
    try:
        with zf.open(entry.info) as stream:
            while len(out) <= limit:
                block = stream.read(min(_BLOCK, limit + 1 - len(out)))
                if not block:
                    break
                out += block
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, NotImplementedError):
        raise ArchiveRefused("corrupt", name=entry.name) from None
    if len(out) > limit:
        raise ArchiveRefused("entry_too_large", name=entry.name, limit=limit)
    return bytes(out)
