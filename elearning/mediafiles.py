"""Serving uploaded media (images, video, audio, captions, documents) from this node.

A border post has no web server in front of Django, so this view is what plays a lesson's video:
browsers fetch video and audio in ranges (to start, and to seek), so it answers ``Range`` with
``206 Partial Content``. Everything else (safe paths, 404, ``If-Modified-Since``, the content
type) is Django's ``static.serve``.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
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
    SCORM content origin serves package files with it too)."""
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
