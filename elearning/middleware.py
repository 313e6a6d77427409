"""Site-wide response policies: compress pages, and keep learner pages on this host."""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class PageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding), for text responses only: images,
    video, audio and fonts are compressed formats, and gzipping them again costs a border
    post's CPU for nothing. Static files never reach it: WhiteNoise answers them first,
    already compressed."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        # A byte range (206) is of the file as stored: compressing it would break the range.
        if response.status_code == 206 or not content_type.startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)


# Learner pages load nothing from another host: the browser enforces it. Inline style
# attributes stay allowed (progress bars); scripts and everything else come from this origin.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# Wagtail's and Django's admin use inline scripts; they are for staff on trusted networks.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(ADMIN_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
