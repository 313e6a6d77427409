"""Signal receivers: every change to an officer's profile, by whatever path, becomes a
ProfileRecord (the services, the Django and Wagtail admin, ``createsuperuser``, password changes).
Thin: the decision and the write are ``officers.services.profile_record_stamp``."""

from __future__ import annotations

from .selectors import PROFILE_FIELDS
from .services import profile_record_stamp


def profile_record_on_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """post_save of User. Skips fixtures loaded raw (``loaddata`` brings their records too) and
    saves of fields a profile does not carry (``last_login`` at each log-in)."""
    if raw:
        return
    if update_fields is not None and not PROFILE_FIELDS.intersection(update_fields):
        return
    profile_record_stamp(user=instance)
