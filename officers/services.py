"""Writes about officers: creating them, their role, password resets, language, and the
profile records that carry their profile between nodes."""

from __future__ import annotations

import contextlib
import contextvars
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from nodes.selectors import node_name

from . import profile_schema
from .auditing import officer_audit, officer_fields
from .bulk import rows_insert
from .models import Agency, BorderPost, CoordinatorScope, ProfileRecord, Role, User
from .selectors import (
    HeldProfile,
    officer_is_in_scope,
    posts_visible_to,
    profile_effective,
    profile_effective_of,
    profile_hub_id,
    profile_is_privileged,
    profile_records_of,
    profile_snapshot,
    profile_trusted_origins,
)
from .trainers import TRAINER_GROUP, trainer_group_ensure


def role_privileges(role: str) -> dict[str, bool]:
    """The Django flags that go with a role: administrators are superusers and use the Django
    admin; trainers use Wagtail only (through their group)."""
    return {"is_superuser": role == Role.ADMINISTRATOR, "is_staff": role == Role.ADMINISTRATOR}


@transaction.atomic
def officer_create(
    *,
    username: str,
    password: str,
    role: str = Role.LEARNER,
    full_name_native: str = "",
    full_name_latin: str = "",
    service_number: str = "",
    agency: Agency | None = None,
    rank: str = "",
    country: str = "",
    post: BorderPost | None = None,
    preferred_language: str = "",
    email: str = "",
    must_change_password: bool = False,
    password_hasher: str | None = None,
    actor: User | None = None,
) -> User:
    """Create a user with a role. Trainers join Wagtail's editor groups; administrators are
    superusers. The password is not validated here (demo and import set known ones);
    ``must_change_password`` makes the officer choose their own at the first log-in.
    ``password_hasher`` is an algorithm of ``PASSWORD_HASHERS``: ``INITIAL_PASSWORD_HASHER``
    only for a generated password (``officers.hashers`` says why). The audit trail names
    ``actor`` as its maker (None, the system: demo data, scripts, is not in the trail)."""
    user = User(
        username=username,
        role=role,
        **role_privileges(role),
        full_name_native=full_name_native,
        full_name_latin=full_name_latin,
        service_number=service_number,
        agency=agency,
        rank=rank,
        country=country or (post.country if post else ""),
        post=post,
        preferred_language=preferred_language,
        email=email,
        must_change_password=must_change_password,
    )
    user.password = make_password(password, hasher=password_hasher or "default")
    user.full_clean(exclude=["password"])
    user.save()
    # The role's flags are set above; a new user has no group or scope to take away.
    if role == Role.TRAINER:
        user.groups.add(trainer_group_ensure())
    after = officer_fields(user, ["username", "role", *PROFILE_UPDATABLE, "service_number"])
    officer_audit(actor=actor, action="create", officer=user, after=after)
    return user


@transaction.atomic
def officer_set_role(*, user: User, role: str, actor: User | None = None) -> None:
    """Give ``user`` a role and exactly the Django/Wagtail privileges that go with it; the
    audit trail notes a change of role, made by ``actor`` (a person)."""
    before = User.objects.filter(pk=user.pk).values_list("role", flat=True).first()
    if before is not None and before != role:
        officer_audit(
            actor=actor,
            action="role_set",
            officer=user,
            before={"role": before},
            after={"role": role},
        )
    user.role = role
    for name, value in role_privileges(role).items():
        setattr(user, name, value)
    user.save(update_fields=["role", "is_superuser", "is_staff"])
    _role_groups_sync(user=user)


def _role_groups_sync(*, user: User) -> None:
    """The Wagtail group and coordinator scopes that go with ``user.role``."""
    role = user.role
    if role == Role.TRAINER:
        user.groups.add(trainer_group_ensure())
    else:
        user.groups.remove(*Group.objects.filter(name=TRAINER_GROUP))
    if role != Role.COORDINATOR:
        user.scopes.all().delete()


def officer_lock(*, officer: User) -> None:
    """Lock ``officer``'s row until the caller's transaction ends, so one officer's writes
    (records, attempts, certificates) happen one at a time and "record once" checks cannot race.
    PostgreSQL locks the row; SQLite's IMMEDIATE transactions already serialise writers.
    Precondition: inside ``transaction.atomic()``."""
    User.objects.select_for_update().filter(pk=officer.pk).exists()


@transaction.atomic
def coordinator_scope_add(
    *,
    coordinator: User,
    country: str = "",
    post: BorderPost | None = None,
    actor: User | None = None,
) -> CoordinatorScope:
    """Add a country or a post to ``coordinator``'s scope, on behalf of ``actor`` (None: the
    system); adding one already there changes nothing."""
    if coordinator.role != Role.COORDINATOR:
        raise ValidationError(_("Only a coordinator has a scope."))
    scope, created = CoordinatorScope.objects.get_or_create(
        coordinator=coordinator, country="" if post else country, post=post
    )
    if created:
        added = {"country": scope.country, "post": post.code if post else ""}
        officer_audit(actor=actor, action="scope_add", officer=coordinator, after=added)
    return scope


PROFILE_UPDATABLE = (
    "full_name_native",
    "full_name_latin",
    "agency",
    "rank",
    "post",
    "preferred_language",
    "email",
)


@transaction.atomic
def officer_profile_update(*, actor: User, officer: User, **changes: Any) -> bool:
    """Change ``officer``'s profile fields (those of ``PROFILE_UPDATABLE``; the country follows
    the post) on behalf of ``actor``; True when anything changed. The save stamps a new profile
    record (``officers.receivers``), so the change syncs.

    Precondition: ``actor`` is an administrator, or a coordinator with ``officer`` in scope
    before the change and the new post (if any) in scope too; otherwise PermissionDenied.
    """
    unknown = set(changes) - set(PROFILE_UPDATABLE)
    if unknown:
        raise ValueError(f"Not a profile field an update may change: {sorted(unknown)}")
    if not officer_is_in_scope(viewer=actor, officer=officer):
        raise PermissionDenied
    post = changes.get("post")
    if post is not None and not posts_visible_to(viewer=actor).filter(pk=post.pk).exists():
        raise PermissionDenied
    changed = [name for name, value in changes.items() if getattr(officer, name) != value]
    if not changed:
        return False
    before = officer_fields(officer, changed)
    for name in changed:
        setattr(officer, name, changes[name])
    if "post" in changed and officer.post is not None:
        before["country"] = officer.country
        officer.country = officer.post.country
        changed.append("country")
    officer.full_clean(exclude=["password"])
    officer.save(update_fields=changed)
    after = officer_fields(officer, changed)
    officer_audit(actor=actor, action="profile_update", officer=officer, before=before, after=after)
    return True


@transaction.atomic
def officer_password_reset(*, actor: User, officer: User, new_password: str) -> None:
    """Set a new password for ``officer`` on behalf of ``actor`` and lift any lock-out.

    Precondition: ``actor`` is an administrator or a coordinator with ``officer`` in scope;
    otherwise PermissionDenied. Raises ValidationError if the password is too weak.
    """
    if not officer_is_in_scope(viewer=actor, officer=officer):
        raise PermissionDenied
    validate_password(new_password, user=officer)
    officer.set_password(new_password)
    officer.must_change_password = True  # the coordinator knows it: the officer replaces it
    officer.save(update_fields=["password", "must_change_password"])
    axes_reset(username=officer.username)
    officer_audit(actor=actor, action="password_reset", officer=officer)


def officer_password_change(*, user: User, new_password: str) -> None:
    """The officer sets their own password (validated by the caller's form); a password a
    coordinator set no longer has to be changed."""
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])


def officer_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


# Set while ``profile_apply`` saves a row, so the row it brings in line with imported records is
# not mistaken for a local change.
_applying: contextvars.ContextVar[bool] = contextvars.ContextVar("profile_applying", default=False)


def profile_record_stamp(*, user: User) -> ProfileRecord | None:
    """Record ``user``'s profile as a new ProfileRecord if it differs from the profile this node's
    records give them (``profile_effective``); return it, or None when nothing changed.

    Called for every save of a User (``officers.receivers``), whatever made it: services, the
    Django or Wagtail admin, ``createsuperuser``, a password change. Precondition: ``user`` is
    saved. Opens its own atomic block (a savepoint inside the caller's transaction, so the
    record commits or rolls back with the change). The new clock is one more than the highest
    this node holds for the officer (Lamport), so it wins over every version seen here.
    Nothing is written while ``profile_apply`` is saving the row.
    """
    if _applying.get():
        return None
    with transaction.atomic():
        officer_lock(officer=user)
        current = profile_snapshot(user=user)
        effective = profile_effective(user.uuid)
        if effective is not None and profile_schema.known(effective[0]) == profile_schema.known(
            current
        ):
            return None
        clock = effective[1] + 1 if effective is not None else 1
        return ProfileRecord.stamped(
            officer_uuid=user.uuid, clock=clock, data=current, recorded_at=timezone.now()
        )


@dataclass(frozen=True)
class ProfileApplied:
    """What ``profile_apply`` did. True (as a bool) when the officer's row changed.

    ``notices`` are plain sentences for the operator's sync summary: a username or service
    number already used here by someone else, or privileges a post may not grant.
    """

    changed: bool
    notices: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.changed


@contextlib.contextmanager
def _profile_applying() -> Iterator[None]:
    token = _applying.set(True)
    try:
        yield
    finally:
        _applying.reset(token)


def _agency_for(*, data: dict | None) -> Agency | None:
    """The local agency a snapshot names: by UUID, else by country and name, else a new one."""
    if not data:
        return None
    agency = Agency.objects.filter(uuid=data["uuid"]).first()
    if agency is None:
        agency = Agency.objects.filter(country=data["country"], name=data["name"]).first()
    if agency is None:
        agency = Agency.objects.create(
            uuid=data["uuid"],
            name=data["name"],
            short_name=data.get("short_name", ""),
            country=data["country"],
        )
    return agency


def border_post_ensure(*, data: dict | None) -> BorderPost | None:
    """The local border post a snapshot or an enrolment file names ({uuid, code, name,
    country}): by UUID, else by code, else a new one with the same UUID."""
    if not data:
        return None
    post = BorderPost.objects.filter(uuid=data["uuid"]).first()
    if post is None:
        post = BorderPost.objects.filter(code=data["code"]).first()
    if post is None:
        post = BorderPost.objects.create(
            uuid=data["uuid"], code=data["code"], name=data["name"], country=data["country"]
        )
    return post


@dataclass
class _InUse:
    """Usernames and service numbers officers here have, read once for a batch of profiles
    (``_profiles_apply``) and kept up to date as its rows are saved: a name or number the
    batch did not read is asked of the database, as before."""

    names: dict[str, uuid.UUID]
    numbers: dict[tuple[str, str], uuid.UUID]
    read_names: set[str]
    read_numbers: set[tuple[str, str]]

    @classmethod
    def read(cls, profiles: list[dict]) -> _InUse:
        wanted = sorted({str(p["username"]) for p in profiles if p.get("username")})
        numbers = sorted({str(p["service_number"]) for p in profiles if p.get("service_number")})
        in_use = cls({}, {}, set(wanted), set())
        for start in range(0, len(wanted), 500):
            rows = User.objects.filter(username__in=wanted[start : start + 500])
            in_use.names.update(rows.values_list("username", "uuid"))
        for start in range(0, len(numbers), 500):
            rows = User.objects.filter(service_number__in=numbers[start : start + 500])
            for country, number, officer in rows.values_list("country", "service_number", "uuid"):
                in_use.numbers[(country, number)] = officer
        in_use.read_numbers = {
            (str(p.get("country") or ""), str(p["service_number"]))
            for p in profiles
            if p.get("service_number")
        }
        return in_use

    def saved(self, user: User, before: dict | None) -> None:
        """``user`` is saved, or about to be (``before``: its profile until then)."""
        if before and self.names.get(before.get("username", "")) == user.uuid:
            del self.names[before["username"]]
        self.names[user.username] = user.uuid
        self.read_names.add(user.username)
        if before and before.get("service_number"):
            key = (str(before.get("country") or ""), str(before["service_number"]))
            if self.numbers.get(key) == user.uuid:
                del self.numbers[key]
        if user.service_number:
            key = (user.country, user.service_number)
            self.numbers[key] = user.uuid
            self.read_numbers.add(key)


def _free_username(
    *, wanted: str, officer_uuid: uuid.UUID, current: str, in_use: _InUse | None = None
) -> str:
    """``wanted`` if no other officer here has it; otherwise the officer's current name if it
    is already a suffixed form of it, else the first free ``wanted-2``, ``wanted-3``... A name
    ``in_use`` gives another officer of the batch is taken, saved yet or not."""
    if (
        in_use is not None
        and wanted in in_use.read_names
        and in_use.names.get(wanted, officer_uuid) == officer_uuid
    ):
        return wanted
    others = User.objects.exclude(uuid=officer_uuid)

    def taken(name: str) -> bool:
        batch = in_use is not None and in_use.names.get(name, officer_uuid) != officer_uuid
        return batch or others.filter(username=name).exists()

    if not taken(wanted):
        return wanted
    if current.startswith(f"{wanted}-") and not taken(current):
        return current
    n = 2
    while taken(f"{wanted[:140]}-{n}"):
        n += 1
    return f"{wanted[:140]}-{n}"


def profiles_apply(*, records: Sequence[ProfileRecord | HeldProfile]) -> list[str]:
    """``profile_apply`` for a batch the sync app just inserted (as records or their values,
    ``HeldProfile``); returns the notices."""
    return [
        str(notice) for applied in _profiles_apply(records).values() for notice in applied.notices
    ]


def _profiles_apply(
    records: Sequence[ProfileRecord | HeldProfile],
) -> dict[uuid.UUID, ProfileApplied]:
    """Each officer of ``records`` once (their row follows all their records, whichever of the
    batch arrived), with their records, rows, the trusted origins and the agencies and posts
    looked up once for the batch: what each officer's row did, by officer."""
    trusted = profile_trusted_origins()
    hub = profile_hub_id()
    lookups: dict = {}
    newest: dict[uuid.UUID, ProfileRecord | HeldProfile] = {}
    refused: dict[uuid.UUID, list[str]] = {}
    for record in sorted(records, key=lambda r: (r.clock, str(r.origin_node))):
        newest[record.officer_uuid] = record
        if record.origin_node not in trusted and profile_is_privileged(record.data):
            refused.setdefault(record.officer_uuid, []).append(_privileges_refused(record))
    officers = sorted(newest)
    held = profile_records_of(officers)
    outcome: dict[uuid.UUID, ProfileApplied] = {}
    with transaction.atomic():
        lookups["in_use"] = _InUse.read([newest[officer].data for officer in officers])
        users: dict[uuid.UUID, User] = {}
        for start in range(0, len(officers), 500):
            users.update(
                (user.uuid, user)
                for user in User.objects.select_for_update().filter(
                    uuid__in=officers[start : start + 500]
                )
            )
        new_users: list[User] = []
        for officer_uuid in officers:
            effective = profile_effective_of(
                held.get(officer_uuid, []), trusted_origins=trusted, hub=hub
            )
            if effective is None:
                continue
            applied = _profile_row_apply(
                record=newest[officer_uuid],
                data=effective[0],
                user=users.get(officer_uuid),
                lookups=lookups,
                new_users=new_users,
            )
            outcome[officer_uuid] = ProfileApplied(
                changed=applied.changed,
                notices=tuple(refused.get(officer_uuid, ())) + applied.notices,
            )
        _users_insert(new_users)
    return outcome


def _users_insert(users: list[User]) -> None:
    """Insert the officers a batch of profiles made (``rows_insert``: no signals, the profile
    records they come from are stored already), and give each the groups of its role (the
    few whose role has any are read back for their keys)."""
    rows_insert(User, users)
    privileged = {user.uuid: user for user in users if user.role != Role.LEARNER}
    for start in range(0, len(privileged), 500):
        keys = sorted(privileged)[start : start + 500]
        for officer_uuid, pk in User.objects.filter(uuid__in=keys).values_list("uuid", "pk"):
            user = privileged[officer_uuid]
            user.pk = pk
            user._state.adding = False
            user._state.db = connection.alias
            _role_groups_sync(user=user)


def _privileges_refused(record: ProfileRecord | HeldProfile) -> str:
    return _(
        "%(node)s gave %(officer)s a role or rights only headquarters can give; "
        "they were not applied here."
    ) % {"node": node_name(record.origin_node), "officer": record.data["username"]}


_Found = TypeVar("_Found")


def _memo(lookups: dict, kind: str, data: dict | None, find: Callable[..., _Found]) -> _Found:
    """``find(data)``, remembered in ``lookups`` for the rest of a batch."""
    if not data:
        return find(data=data)
    key = (kind, str(data.get("uuid")))
    if key not in lookups:
        lookups[key] = find(data=data)
    return lookups[key]


def profile_apply(*, record: ProfileRecord) -> ProfileApplied:
    """Bring the officer's User row in line with this node's records after the sync app inserted
    ``record``, creating the row at a node that never saw the officer. Writes no ProfileRecord.

    Preconditions: ``record`` is stored on this node (the sync app inserted it, normally in the
    transaction it calls this in; this opens a savepoint of its own). The row is set to
    ``profile_effective`` for the officer, so it changes only when ``record`` (or the set it
    completes) wins: highest (clock, origin node), privileges only from the hub or this node.
    The agency and the post are matched by UUID (then by name or code) and created if missing.

    Never raises for a clash with a local officer: a username another officer here already has
    stays theirs, and the arriving officer gets ``name-2`` (the first free suffix); a service
    number already used here is left empty on the arriving officer. Each is reported in
    ``ProfileApplied.notices`` for the sync summary; an administrator resolves it by hand, and
    that change travels as a normal profile change.
    """
    return _profiles_apply([record]).get(record.officer_uuid, ProfileApplied(changed=False))


def _field_apply(user: User, field: profile_schema.Field, value: Any, lookups: dict) -> None:
    """Set one synced field of ``user`` from its value in a record (``profile_schema.known``)."""
    kind = profile_schema.Kind
    if field.name == "username":
        user.username = _free_username(
            wanted=value,
            officer_uuid=user.uuid,
            current=user.username or "",
            in_use=lookups.get("in_use"),
        )
    elif field.kind is kind.INSTANT:
        if value:  # a record without it keeps the row's (a new row: now)
            setattr(user, field.name, parse_datetime(value))
    elif field.kind is kind.AGENCY:
        setattr(user, field.name, _memo(lookups, "agency", value, _agency_for))
    elif field.kind is kind.POST:
        setattr(user, field.name, _memo(lookups, "post", value, border_post_ensure))
    else:
        setattr(user, field.name, value)


def _number_taken(user: User, in_use: _InUse | None) -> bool:
    """Whether another officer here has ``user``'s service number in its country."""
    key = (user.country, user.service_number)
    if in_use is not None and key in in_use.read_numbers:
        return in_use.numbers.get(key, user.uuid) != user.uuid
    return (
        User.objects.exclude(uuid=user.uuid)
        .filter(country=user.country, service_number=user.service_number)
        .exists()
    )


def _profile_row_apply(
    *,
    record: ProfileRecord | HeldProfile,
    data: dict,
    user: User | None,
    lookups: dict,
    new_users: list[User] | None = None,
) -> ProfileApplied:
    """Set ``user`` (the officer's row, locked by the caller; None: not here yet) to ``data``,
    the profile this node's records give them. ``record`` names the node for notices. A new
    officer's row is added to ``new_users`` for the caller to insert, if it is given."""
    notices: list[str] = []
    before = profile_snapshot(user=user) if user is not None else None
    values = profile_schema.known(data)
    if before is not None and profile_schema.known(before) == values:
        return ProfileApplied(changed=False, notices=tuple(notices))
    if user is None:
        user = User(uuid=record.officer_uuid)
    for field in profile_schema.FIELDS:
        _field_apply(user, field, values[field.name], lookups)
    wanted = values["username"]
    if user.username != wanted:
        notices.append(
            _(
                "Two different officers use the username “%(wanted)s”. The one already "
                "here keeps it; the one from %(node)s is called “%(used)s” here until an "
                "administrator gives one of them a new username."
            )
            % {"wanted": wanted, "node": node_name(record.origin_node), "used": user.username}
        )
    in_use: _InUse | None = lookups.get("in_use")
    if user.service_number and _number_taken(user, in_use):
        notices.append(
            _(
                "Service number %(number)s is already used here by another officer, so "
                "%(officer)s was stored without it. An administrator should check both."
            )
            % {"number": user.service_number, "officer": wanted}
        )
        user.service_number = ""
    if in_use is not None:
        in_use.saved(user, before)
    if before is None and new_users is not None:
        new_users.append(user)
        return ProfileApplied(changed=True, notices=tuple(notices))
    role_before = before["role"] if before is not None else Role.LEARNER
    with _profile_applying():
        user.save()
        if user.role != role_before:
            _role_groups_sync(user=user)
    return ProfileApplied(changed=before != profile_snapshot(user=user), notices=tuple(notices))
