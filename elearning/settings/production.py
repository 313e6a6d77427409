"""Production settings: only overrides. Refuses to start with the default key or DEBUG on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value in production.")
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS (DJANGO_HTTPS=1): every page over TLS, HSTS, cookies only over TLS; then
# ``manage.py check --deploy`` is clean. Off by default: a border post on its own LAN is usually
# reached as http://192.168.x.x with no certificate (README: "A post on a LAN over plain HTTP").
HTTPS = env_bool("DJANGO_HTTPS", False)  # noqa: F405
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(env_str("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))  # noqa: F405
    # Both default on; a site sharing its domain with plain-HTTP hosts turns them off (and
    # check --deploy then says so).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)  # noqa: F405
    if ELEARNING_BEHIND_PROXY:  # noqa: F405
        # The proxy ends TLS and says so in this header (it must overwrite what clients send).
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = HTTPS or env_bool("DJANGO_SECURE_COOKIES", False)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Wagtail's preview panel shows the page in a frame of the admin itself, which needs
# SAMEORIGIN rather than check --deploy's DENY; other sites still cannot frame ours.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405
WHITENOISE_MAX_AGE = 31536000
