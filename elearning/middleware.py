"""Compress pages, not files that are compressed already."""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class PageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding), for text responses only: images,
    video, audio and fonts are compressed formats, and gzipping them again costs a border
    post's CPU for nothing. Static files never reach it: WhiteNoise answers them first,
    already compressed."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
