"""Serving uploaded media (images, video, audio, captions, documents) from this node.

A border post has no web server in front of Django, so this view is what plays a lesson's video:
browsers fetch video and audio in ranges (to start, and to seek), so it answers ``Range`` with
``206 Partial Content``. Everything else (safe paths, 404, ``If-Modified-Since``, the content
type) is Django's ``static.serve``.

Behind nginx (the hub, ``ELEARNING_MEDIA_ACCEL_PREFIX`` set), the app still decides who may have
a file, then hands the sending to nginx with ``X-Accel-Redirect``: nginx answers ranges and
conditional requests and no app worker is held while a video streams. README, "The hub".
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join
from django.utils.http import content_disposition_header
from django.views.static import serve

from .byteranges import UNSATISFIABLE, byte_range

CHUNK = 64 * 1024


def _part(handle, start: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()


@login_required
def media_serve(request, path: str):
    return serve_ranges(request, path, settings.MEDIA_ROOT)


def serve_ranges(request, path: str, document_root) -> HttpResponse | StreamingHttpResponse:
    """``static.serve`` of ``path`` under ``document_root``, answering ``Range`` with 206 (the
    SCORM content origin serves package files with it too); or nginx's ``X-Accel-Redirect`` to
    it, where ``ELEARNING_MEDIA_ACCEL_PREFIX`` is set."""
    accel = accel_redirect(path, document_root)
    if accel is not None:
        return accel
    response = serve(request, path, document_root=document_root)
    if not isinstance(response, FileResponse):
        return response  # 304 Not Modified
    response["Accept-Ranges"] = "bytes"
    header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if not header or (if_range and if_range != response.get("Last-Modified")):
        return response
    size = int(response["Content-Length"])
    wanted = byte_range(header, size)
    if wanted is None:
        return response
    handle = response.file_to_stream
    if wanted is UNSATISFIABLE:
        handle.close()
        return HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}"})
    start, end = wanted
    partial = StreamingHttpResponse(
        _part(handle, start, end - start + 1),
        status=206,
        content_type=response["Content-Type"],
    )
    partial["Content-Length"] = str(end - start + 1)
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    for name in ("Accept-Ranges", "Last-Modified"):
        if name in response:
            partial[name] = response[name]
    return partial


def accel_roots() -> list[tuple[Path, str]]:
    """The folders nginx may send files from, each with its name under the accel prefix."""
    return [
        (Path(settings.MEDIA_ROOT).resolve(), "media"),
        (Path(settings.ELEARNING_SCORM_ROOT).resolve(), "scorm"),
        (Path(settings.GENERATED_ROOT).resolve(), "generated"),
    ]


def accel_redirect(path: str, document_root) -> HttpResponse | None:
    """An empty answer telling nginx which file to send (the caller has checked access), or
    None where the setting is off or the file lies outside the folders nginx knows."""
    if not settings.ELEARNING_MEDIA_ACCEL_PREFIX:
        return None
    try:
        full = Path(safe_join(document_root, path)).resolve()
    except ValueError:  # SuspiciousFileOperation: outside document_root
        raise Http404 from None
    if not full.is_file():
        raise Http404
    return _accel(full)


def _accel(full: Path) -> HttpResponse | None:
    """nginx's answer for ``full`` (resolved, an existing file), or None outside its folders."""
    prefix = settings.ELEARNING_MEDIA_ACCEL_PREFIX
    for root, name in accel_roots():
        if full.is_relative_to(root):
            guessed, _encoding = mimetypes.guess_type(full.name)
            response = HttpResponse(content_type=guessed or "application/octet-stream")
            location = quote(f"{prefix.rstrip('/')}/{name}/{full.relative_to(root).as_posix()}")
            response["X-Accel-Redirect"] = location
            return response
    return None


def download(path: str | Path, *, filename: str | None = None) -> HttpResponse:
    """A finished file this node made (a certificate batch, an operator's export) as a download
    the caller has allowed: sent by nginx where ``ELEARNING_MEDIA_ACCEL_PREFIX`` is set (no app
    thread held while a large PDF goes down a slow link), by Django otherwise."""
    full = Path(path).resolve()
    if not full.is_file():
        raise Http404
    name = filename or full.name
    if settings.ELEARNING_MEDIA_ACCEL_PREFIX:
        response = _accel(full)
        if response is not None:
            response["Content-Disposition"] = content_disposition_header(True, name)
            return response
    return FileResponse(open(full, "rb"), as_attachment=True, filename=name)
