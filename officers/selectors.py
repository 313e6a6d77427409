"""Reads about officers: who may see whom, and the profile versions that travel between nodes."""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import ExpressionWrapper, F, Q, QuerySet, TextField
from django.utils.translation import gettext as _

from nodes.identity import node_identity
from nodes.models import NodeRole, Peer, ThisNode
from nodes.selectors import node_name

from . import profile_schema
from .authority import Authority, Refusal, Version, profile_authority, version_of
from .models import BorderPost, PostCode, ProfileRecord, Role, User

# The User fields a ProfileRecord carries (``officers.profile_schema``). A save that touches none
# of them (a login updating ``last_login``) cannot change the profile, so it is not even compared.
PROFILE_FIELDS = profile_schema.NAMES


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


def profile_data_for_outsider(data: str) -> str:
    """A profile record's data (its JSON text) as the hub sends it to a post the officer does not
    belong to, because records there name them (the administrator who revoked a certificate):
    everything but the password hash, which only the officer's own post needs, to check a log-in
    offline. The officer cannot log in there; a transfer to that post is a new version of their
    profile, with the hash, and the newest version wins."""
    value = json.loads(data)
    value["password"] = UNUSABLE_PASSWORD_PREFIX
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def profile_snapshot(*, user: User) -> dict:
    """The officer's profile as a ProfileRecord carries it (``profile_schema.encode``): plain
    JSON with the schema version, the agency and the post by UUID (and enough to create them at
    a node that lacks them), never by local key."""
    return profile_schema.encode(user)


class HeldProfile(NamedTuple):
    """One profile record as the rules read it (``profile_effective_of``, ``profile_version``):
    what ``profile_records_of`` gives, and what sync hands ``profiles_apply`` of the rows it
    inserted (``profile_from_wire``). ``data`` is parsed once and may be shared with other
    readers of the same record in the import: never change it."""

    officer_uuid: uuid.UUID
    clock: int
    origin_node: uuid.UUID
    origin_seq: int
    data: Any


# How many records' parsed data ``_data_of`` keeps: more than a chunk of profile records (the
# rows sync checks, then applies).
_PARSED_KEPT = 4096


@functools.lru_cache(maxsize=_PARSED_KEPT)
def _parsed(text: str) -> Any:
    return json.loads(text)


def _data_of(value: object) -> Any:
    """A profile record's data from its JSON text (or as already parsed). The same text is
    parsed once while a chunk of profiles is checked and applied: malformed, refused and
    applying each read it (``profile_data_forget`` ends that). Raises ValueError for text that
    is not JSON."""
    return _parsed(value) if isinstance(value, str) else value


def profile_data_forget() -> None:
    """Forget the parsed data ``_data_of`` kept (sync calls it after applying a chunk)."""
    _parsed.cache_clear()


def profile_from_wire(row: dict) -> HeldProfile:
    """A profile record's wire row (``nodes.syncing``), stored here, as the rules read it."""
    return HeldProfile(
        officer_uuid=uuid.UUID(str(row["officer_uuid"])),
        clock=int(row["clock"]),
        origin_node=uuid.UUID(str(row["origin_node"])),
        origin_seq=int(row["origin_seq"]),
        data=_data_of(row["data"]),
    )


def profile_records(officer_uuid: uuid.UUID) -> QuerySet[ProfileRecord]:
    """Every version of one officer's profile this node holds, the winning one first."""
    return ProfileRecord.objects.filter(officer_uuid=officer_uuid).order_by(
        "-clock", "-origin_node", "-origin_seq"
    )


def profile_winner(officer_uuid: uuid.UUID) -> ProfileRecord | None:
    """The version of the officer's profile that counts: highest Lamport clock, then highest
    origin node id. Every node holding the same records picks the same one; no wall clock
    takes part. None if this node holds no record of the officer."""
    return profile_records(officer_uuid).first()


PRIVILEGE_FIELDS = ("role", "is_staff", "is_superuser")
NO_PRIVILEGES = {"role": Role.LEARNER.value, "is_staff": False, "is_superuser": False}


def profile_is_privileged(data: dict) -> bool:
    return any(data.get(name, value) != value for name, value in NO_PRIVILEGES.items())


def profile_trusted_origins() -> set[uuid.UUID]:
    """The nodes whose profile records may grant or change privileges here: this node and the
    hub. A post speaks for its learners, never for who administers anything."""
    trusted = {node_identity().node_id}
    trusted.update(
        uuid.UUID(str(node_id))
        for node_id in Peer.objects.filter(role=NodeRole.HUB).values_list("node_id", flat=True)
    )
    return trusted


def profile_hub_id() -> uuid.UUID | None:
    """The node that decides where officers belong: this node at the hub, else its hub."""
    if settings.NODE_ROLE == NodeRole.HUB:
        return node_identity().node_id
    found = Peer.objects.filter(role=NodeRole.HUB).values_list("node_id", flat=True).first()
    return uuid.UUID(str(found)) if found is not None else None


def profile_effective(
    officer_uuid: uuid.UUID, *, trusted_origins: set[uuid.UUID] | None = None
) -> tuple[dict, int] | None:
    """The profile this node gives the officer, and the highest clock among their records; None
    when this node holds no record of them (``profile_effective_of`` on what this node holds)."""
    records = list(profile_records(officer_uuid).only("clock", "origin_node", "origin_seq", "data"))
    trusted = profile_trusted_origins() if trusted_origins is None else trusted_origins
    return profile_effective_of(records, trusted_origins=trusted, hub=profile_hub_id())


def profile_effective_of(
    records: Sequence[ProfileRecord | HeldProfile],
    *,
    trusted_origins: set[uuid.UUID],
    hub: uuid.UUID | None,
) -> tuple[dict, int] | None:
    """The profile given by ``records`` (one officer's, the winning one first), and the highest
    clock; None for no records.

    It is the winning record's snapshot, except that privileges (role, staff, superuser) only
    come from a trusted origin (``profile_trusted_origins``): a post's record keeps the
    privileges of the best trusted record (none if there is none), and changes nothing at all of
    an account a trusted record made privileged (so a post cannot set an administrator's
    password). The border post is the one the hub's newest record names, when the hub (node id
    ``hub``) made any: a post's change made at the same clock as a transfer it had not seen
    cannot undo it. A function of the set of records alone: any arrival order gives the same
    answer.
    """
    if not records:
        return None
    winner = records[0]
    data, clock = _effective_fields(records, winner, trusted_origins)
    decision = next((r for r in records if r.origin_node == hub), None)
    if (
        decision is not None
        and decision is not winner
        and data.get("post") != (decision.data.get("post"))
    ):
        data = {**data, "post": decision.data.get("post")}
    return data, clock


def _effective_fields(
    records: Sequence[ProfileRecord | HeldProfile],
    winner: ProfileRecord | HeldProfile,
    trusted_origins: set[uuid.UUID],
) -> tuple[dict, int]:
    if winner.origin_node in trusted_origins:
        return winner.data, winner.clock
    best_trusted = next((r for r in records if r.origin_node in trusted_origins), None)
    if best_trusted is not None and profile_is_privileged(best_trusted.data):
        return best_trusted.data, winner.clock
    privileges = (
        {name: best_trusted.data.get(name, NO_PRIVILEGES[name]) for name in PRIVILEGE_FIELDS}
        if best_trusted is not None
        else NO_PRIVILEGES
    )
    return {**winner.data, **privileges}, winner.clock


# A profile record's data as the database gives its text: parsed by ``_data_of``, once for a
# record that sync has just checked, rather than by the JSON field for every read.
_DATA_TEXT = ExpressionWrapper(F("data"), output_field=TextField())


def profile_records_of(officer_uuids: list[uuid.UUID]) -> dict[uuid.UUID, list[HeldProfile]]:
    """``profile_records`` for many officers at once, by officer (the winning one first), as
    plain values (``HeldProfile``)."""
    found: dict[uuid.UUID, list[HeldProfile]] = {}
    for start in range(0, len(officer_uuids), 500):
        batch = officer_uuids[start : start + 500]
        rows = (
            ProfileRecord.objects.filter(officer_uuid__in=batch)
            .order_by("officer_uuid", "-clock", "-origin_node", "-origin_seq")
            .values_list("officer_uuid", "clock", "origin_node", "origin_seq", _DATA_TEXT)
        )
        for officer, clock, origin, seq, data in rows:
            found.setdefault(officer, []).append(
                HeldProfile(officer, clock, origin, seq, _data_of(data))
            )
    return found


def officer_uuids_for_post(post_code: str) -> set[uuid.UUID]:
    """Officers who are or ever were at the post with this code by the hub's own decisions:
    what the hub sends that post (their profiles and history).

    A version naming the post counts only if the hub made it or it is authorised by
    ``officers.authority`` (the post's own officer, or one the hub transferred there) among the
    officer's versions held here; a version a post wrote to claim someone else's officer never
    counts, even one stored before that rule refused them at import."""
    candidates = list(
        ProfileRecord.objects.alias(post=PostCode())
        .filter(post=post_code)
        .order_by()
        .values_list("officer_uuid", "origin_node", "clock", "data")
    )
    hub = profile_hub_id()
    makers = node_post_codes()
    held = profile_records_of(sorted({row[0] for row in candidates}))
    found: set[uuid.UUID] = set()
    for officer_uuid, origin, clock, data in candidates:
        if officer_uuid in found:
            continue
        version = version_of(origin=origin, clock=clock, data=data)
        versions = [profile_version(r) for r in held.get(officer_uuid, [])]
        authority = profile_authority(
            version=version, held=versions, hub=hub, maker_post=makers.get(version.origin, "")
        )
        if authority.refusal is None:
            found.add(officer_uuid)
    return found


def profile_version(record: ProfileRecord | HeldProfile) -> Version:
    return version_of(origin=record.origin_node, clock=record.clock, data=record.data)


def node_post_codes() -> dict[uuid.UUID, str]:
    """The border post code of every node this one knows (itself included), by node id."""
    codes = {
        uuid.UUID(str(node_id)): code
        for node_id, code in Peer.objects.values_list("node_id", "post_code")
    }
    here = ThisNode.objects.filter(pk=1).values_list("post_code", flat=True).first()
    codes[node_identity().node_id] = here or ""
    return codes


def profile_rows_refused(rows: list[dict]) -> dict[tuple[str, int], str]:
    """Profile records arriving from another node (wire rows, new here, one officer's in clock
    order as their origin made them) that may not change their officer, with the reason for
    the operator, by (origin hex, seq). Each row is judged by ``officers.authority`` against
    the versions held here and the rows of the batch accepted before it. Precondition: the
    rows passed ``profile_rows_malformed`` (sync asks it first)."""
    if not rows:
        return {}
    hub = profile_hub_id()
    makers = node_post_codes()
    officers = sorted({uuid.UUID(str(row["officer_uuid"])) for row in rows})
    held = {
        officer: [profile_version(r) for r in records]
        for officer, records in profile_records_of(officers).items()
    }
    refused: dict[tuple[str, int], str] = {}
    for row in sorted(rows, key=lambda r: (r["clock"], r["origin_node"], r["origin_seq"])):
        data = _data_of(row["data"])
        officer = uuid.UUID(str(row["officer_uuid"]))
        try:
            version = version_of(origin=row["origin_node"], clock=row["clock"], data=data)
        except (TypeError, ValueError):
            continue  # malformed: the insert refuses it with the database's reason
        authority = profile_authority(
            version=version,
            held=held.get(officer, []),
            hub=hub,
            maker_post=makers.get(version.origin, ""),
        )
        if authority.refusal is None:
            held.setdefault(officer, []).append(version)
            continue
        name = data.get("username", "") if isinstance(data, dict) else ""
        refused[(row["origin_node"], row["origin_seq"])] = _refusal_reason(
            authority, maker=version.origin, officer=name or str(officer), post=version.post_code
        )
    return refused


def profile_rows_malformed(rows: list[dict]) -> dict[tuple[str, int], str]:
    """Profile records (wire rows) this node cannot read (``profile_schema.shape_problem``),
    with the reason for the operator, by (origin hex, seq): checked for rows from every source,
    the hub's included, so that one malformed record is refused alone."""
    refused: dict[tuple[str, int], str] = {}
    for row in rows:
        try:
            officer = str(uuid.UUID(str(row["officer_uuid"])))
        except ValueError:
            continue  # no officer: the insert refuses it with its reason
        try:
            data = _data_of(row["data"])
        except ValueError:
            data = None  # not JSON: not a profile
        problem = profile_schema.shape_problem(data)
        if problem is not None:
            refused[(row["origin_node"], row["origin_seq"])] = _shape_refused(
                data, origin=row["origin_node"], officer=officer, problem=problem
            )
    return refused


def _shape_refused(data: object, *, origin: str, officer: str, problem: str) -> str:
    try:
        node = node_name(uuid.UUID(str(origin)))
    except ValueError:
        node = str(origin)
    names = {"node": node, "officer": officer}
    if problem == "record":
        return (
            _(
                "%(node)s sent a profile of %(officer)s that this node cannot read (not a "
                "profile, or a version number that is not valid). Not applied."
            )
            % names
        )
    # Any other problem is of a field, so ``data`` is an object (``profile_schema.shape_problem``).
    username = data.get("username") if isinstance(data, dict) else None
    name = username if isinstance(username, str) else ""
    return _(
        "%(node)s sent a profile of %(officer)s whose field “%(field)s” is missing or of the "
        "wrong kind. Not applied."
    ) % {**names, "officer": name or officer, "field": problem}


def _post_name(code: str) -> str:
    post = BorderPost.objects.filter(code=code).first() if code else None
    return post.name if post is not None else code


def _refusal_reason(authority: Authority, *, maker: uuid.UUID, officer: str, post: str) -> str:
    names = {"node": node_name(maker), "officer": officer}
    if authority.refusal == Refusal.NOT_HOME and authority.home:
        return _(
            "%(node)s changed the profile of %(officer)s, who belongs to %(home)s: only that "
            "post and headquarters may change it. Not applied."
        ) % {**names, "home": _post_name(authority.home)}
    if authority.refusal == Refusal.NOT_HOME:
        return (
            _(
                "%(node)s changed the profile of %(officer)s, whom only headquarters may change. "
                "Not applied."
            )
            % names
        )
    if authority.refusal == Refusal.MOVES:
        return _(
            "%(node)s tried to move %(officer)s to %(post)s: only headquarters moves an officer "
            "to another post. Not applied."
        ) % {**names, "post": _post_name(post) or _("no border post")}
    if authority.refusal == Refusal.CREATED_ELSEWHERE:
        return _(
            "%(node)s claims to have created %(officer)s, who was created by %(creator)s. "
            "Not applied."
        ) % {**names, "creator": node_name(authority.creator) if authority.creator else "?"}
    return _("%(node)s sent a profile of %(officer)s without a valid version number.") % names
