"""Development settings: DEBUG on, the insecure key allowed. ``manage.py`` defaults here."""

from .base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", True)  # noqa: F405
