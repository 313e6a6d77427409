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
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
WHITENOISE_MAX_AGE = 31536000
