"""Role checks for views. Every view of ours says who may see it with one of these."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import Role


def role_required(*roles: str):
    """Allow logged-in users with one of ``roles`` (administrators always); others get 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if user.is_administrator or user.role in roles:
                return view(request, *args, **kwargs)
            raise PermissionDenied

        return wrapped

    return decorator


coordinator_required = role_required(Role.COORDINATOR)
