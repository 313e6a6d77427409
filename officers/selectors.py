"""Reads about officers: who may see whom."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import BorderPost, Role, User


def scope_filter(
    *, viewer: User, country_field: str = "country", post_field: str = "post"
) -> Q | None:
    """A Q that selects what lies in ``viewer``'s scope, or None when the scope is everything.

    Administrators see everything; a coordinator the countries and posts of their scopes; anyone
    else nothing (an always-false Q).
    """
    if viewer.is_administrator:
        return None
    if not viewer.is_coordinator:
        return Q(pk__in=[])
    q = Q(pk__in=[])
    for scope in viewer.scopes.all():
        if scope.post_id:
            q |= Q(**{f"{post_field}_id": scope.post_id})
        else:
            q |= Q(**{country_field: scope.country})
    return q


def officers_visible_to(*, viewer: User) -> QuerySet[User]:
    """The learners ``viewer`` may see and manage."""
    qs = User.objects.filter(role=Role.LEARNER, is_active=True).select_related("post", "agency")
    q = scope_filter(viewer=viewer)
    return qs if q is None else qs.filter(q)


def officer_is_in_scope(*, viewer: User, officer: User) -> bool:
    return officers_visible_to(viewer=viewer).filter(pk=officer.pk).exists()


def posts_visible_to(*, viewer: User) -> QuerySet[BorderPost]:
    """The posts in ``viewer``'s scope: every post for administrators, the scoped posts and the
    posts of the scoped countries for a coordinator, none for anyone else."""
    if viewer.is_administrator:
        return BorderPost.objects.all()
    scopes = list(viewer.scopes.all()) if viewer.is_coordinator else []
    return BorderPost.objects.filter(
        Q(pk__in=[s.post_id for s in scopes if s.post_id])
        | Q(country__in=[s.country for s in scopes if s.country])
    )
