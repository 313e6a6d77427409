"""A region's worth of activity at the hub, in bulk: hundreds of border posts, tens of
thousands of officers and a million records, for benchmarks and for trying the coordinators'
pages at the size headquarters will hold.

Running the services for every officer (``seeding``) makes about 150 records a second: a
region would take hours. So the services run for a few *template* officers per name group
(Thai, Khmer, Latin), in a transaction that is rolled back once their rows are read; each
seeded officer is then a copy of one template's activity, written in bulk (``bulk.rows_write``:
COPY on PostgreSQL), as the records would reach the hub from the officer's own post, and noted
in the hub's holdings (``HeldRecords``) as an import notes them:

- every record is stamped by the post's node (``origin_node``) with that post's next sequence
  number, in the order the services wrote the template's records (one counter per post, shared
  by every table, as ``nodes.services.sequence_next`` shares it);
- the officer is new (own UUID, name drawn for the post's country, service number, post,
  agency), and so is every record id; quiz submissions point at the copied attempts;
- times are the template's moved back by a random span of up to a year (per officer), so
  last-activity dates and certificate dates spread;
- certificates get the post's code (its node character and per-year serial), the officer's
  name, and a payload signed with the post's key (the hub trusts it: the post is a ``Peer``);
- profile records carry the officer's own profile (``profile_schema.encode``), versions as the
  template's.

Progress, completion and certificates are all derived from records, so the coordinators' pages
show what they would show for real officers. A quiz attempt keeps its template's draw (the
services seed a draw with the attempt's id; a copy's id differs).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from certificates.codes import SECRET_BYTES, make_code, node_char_for, post_char
from certificates.dates import add_months
from certificates.models import Certificate
from certificates.payload import read_payload, sign_payload
from courses.models import CoursePage
from learning.models import LearnerRecord
from nodes.identity import node_id_for_public_key, node_identity
from nodes.models import NodeRole, Peer
from officers import profile_schema
from officers.countries import COUNTRY_NAMES
from officers.models import Agency, BorderPost, ProfileRecord, Role, User
from officers.services import coordinator_scope_add, officer_create
from quizzes.models import QuizAttempt, QuizSubmission
from recordsync.holdings import held_add

from .bulk import rows_write, tables_analyze
from .seeding import (
    NAMES,
    SeedingError,
    courses_available,
    officer_activity,
    officer_register,
    persona_draw,
)

# The countries a region's posts are in, in turn.
REGION_COUNTRIES = ("TH", "KH", "LA", "VN", "MY", "MM", "ID", "PH")
# The tables a copy writes, in an order that satisfies their foreign keys.
COPIED: tuple[type, ...] = (LearnerRecord, QuizAttempt, QuizSubmission, Certificate, ProfileRecord)
# A profile record's fields that say who the officer is (the rest is the template's history).
IDENTITY_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "full_name_native",
    "full_name_latin",
    "service_number",
    "agency",
    "rank",
    "country",
    "post",
)
YEAR = datetime.timedelta(days=365)


def _group(country: str) -> str:
    """The name group (``seeding.NAMES``) of a country's officers."""
    return country if country in NAMES else ""


# The posts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionPost:
    """A seeded post: its border post, its node (a ``Peer`` of the hub, with the key that signs
    its certificates), the agency and the country coordinator of its officers."""

    post: BorderPost
    node_id: uuid.UUID
    key: Ed25519PrivateKey
    node_char: str
    agency: Agency
    coordinator: User


def _post_key(seed: int, code: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"region:{seed}:{code}".encode()).digest()
    )


def _country_staff(country: str, password: str) -> tuple[Agency, User]:
    name = str(COUNTRY_NAMES.get(country, country))
    agency, _created = Agency.objects.get_or_create(
        country=country,
        name=f"Immigration Service of {name}",
        defaults={"short_name": f"{country} Immigration"},
    )
    username = f"coord.{country.lower()}"
    coordinator = User.objects.filter(username=username).first()
    if coordinator is None:
        coordinator = officer_create(
            username=username,
            password=password,
            role=Role.COORDINATOR,
            full_name_latin=f"{name} Coordinator",
            country=country,
        )
        coordinator_scope_add(coordinator=coordinator, country=country)
    return agency, coordinator


def region_posts_ensure(*, posts: int, seed: int, password: str) -> list[RegionPost]:
    """``posts`` border posts, each enrolled at this hub as a post node, with a country
    coordinator (``coord.<country>``, password ``password``) per country. Made once: a second
    run finds them."""
    hub_char = node_char_for(node_identity().node_id.bytes)
    staff = {c: _country_staff(c, password) for c in REGION_COUNTRIES[: min(posts, 8)]}
    number = Peer.objects.aggregate(top=Max("number"))["top"] or 0
    made = []
    for index in range(posts):
        country = REGION_COUNTRIES[index % len(REGION_COUNTRIES)]
        code = f"rg-{country.lower()}-{index + 1:03d}"
        post, _created = BorderPost.objects.get_or_create(
            code=code,
            defaults={"name": f"Region post {index + 1:03d}", "country": country},
        )
        key = _post_key(seed, code)
        public = key.public_key().public_bytes(
            encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
        )
        node_id = node_id_for_public_key(public)
        peer = Peer.objects.filter(node_id=node_id).first()
        if peer is None:
            number += 1
            peer = Peer.objects.create(
                node_id=node_id,
                role=NodeRole.POST,
                name=post.name,
                country=country,
                post_code=code,
                public_key=public.hex(),
                number=number,
            )
        agency, coordinator = staff[country]
        made.append(
            RegionPost(
                post=post,
                node_id=node_id,
                key=key,
                node_char=post_char(number=peer.number or 1, hub_char=hub_char),
                agency=agency,
                coordinator=coordinator,
            )
        )
    return made


# The templates ----------------------------------------------------------------------------


@dataclass
class Template:
    """One officer's activity as the services wrote it: the officer, and every row of theirs
    (``values()`` of each copied table) in the order they were written."""

    officer: dict
    rows: list[tuple[type, dict]] = field(default_factory=list)


class _Rollback(Exception):
    pass


def _rows_of(officer: User) -> list[tuple[type, dict]]:
    rows: list[tuple[type, dict]] = []
    rows += [(LearnerRecord, r) for r in LearnerRecord.objects.filter(learner=officer).values()]
    rows += [(QuizAttempt, r) for r in QuizAttempt.objects.filter(learner=officer).values()]
    rows += [
        (QuizSubmission, r)
        for r in QuizSubmission.objects.filter(attempt__learner=officer).values()
    ]
    rows += [(Certificate, r) for r in Certificate.objects.filter(holder=officer).values()]
    rows += [
        (ProfileRecord, r) for r in ProfileRecord.objects.filter(officer_uuid=officer.uuid).values()
    ]
    return sorted(rows, key=lambda row: row[1]["origin_seq"])


def templates_capture(
    *, posts: list[RegionPost], per_group: int, seed: int, password_hash: str
) -> dict[str, list[Template]]:
    """``per_group`` officers of each name group the posts need learn through the services
    (``seeding.officer_activity``); their rows are read, then everything is rolled back."""
    courses = courses_available()
    if not courses:
        raise SeedingError(
            "There is no live course on this node: load the demo or import a course first."
        )
    codes = sorted(courses)
    steps = max(versions[next(iter(versions))].steps for versions in courses.values())
    by_group: dict[str, RegionPost] = {}
    for region_post in posts:
        by_group.setdefault(_group(region_post.post.country), region_post)
    rng = random.Random(seed)  # noqa: S311 (a repeatable plan, not a secret)
    templates: dict[str, list[Template]] = defaultdict(list)
    try:
        with transaction.atomic():
            for group, region_post in sorted(by_group.items()):
                for _n in range(per_group):
                    officer_rng = random.Random(rng.getrandbits(64))  # noqa: S311
                    officer = officer_register(
                        number=900_000 + len(templates[group]),
                        post=region_post.post,
                        agency=region_post.agency,
                        rng=officer_rng,
                        password=password_hash,
                    )
                    officer_activity(
                        officer=officer,
                        persona=persona_draw(rng=officer_rng, course_codes=codes, steps=steps),
                        courses=courses,
                        rng=officer_rng,
                        coordinator=region_post.coordinator,
                    )
                    officer.refresh_from_db()
                    templates[group].append(
                        Template(
                            officer={
                                "rank": officer.rank,
                                "preferred_language": officer.preferred_language,
                                "date_joined": officer.date_joined,
                            },
                            rows=_rows_of(officer),
                        )
                    )
            raise _Rollback
    except _Rollback:
        pass
    return dict(templates)


# The copies ---------------------------------------------------------------------------------


@dataclass
class _Numbers:
    """Each post node's last sequence number, and its certificate serials by year, as the
    records already here give them."""

    seq: dict[uuid.UUID, int]
    serial: dict[tuple[uuid.UUID, int], int]

    @classmethod
    def read(cls, nodes: list[uuid.UUID]) -> _Numbers:
        seq: dict[uuid.UUID, int] = defaultdict(int)
        for model in COPIED:
            for node, top in (
                model.objects.filter(origin_node__in=nodes)
                .values_list("origin_node")
                .annotate(top=Max("origin_seq"))
            ):
                seq[node] = max(seq[node], top)
        serial: dict[tuple[uuid.UUID, int], int] = defaultdict(int)
        for node, day in Certificate.objects.filter(origin_node__in=nodes).values_list(
            "origin_node", "issued_on"
        ):
            serial[node, day.year] += 1
        return cls(seq=seq, serial=serial)


def _uuid4(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _officer_copy(
    *,
    template: Template,
    at: RegionPost,
    number: int,
    shift: datetime.timedelta,
    rng: random.Random,
    password: str,
) -> User:
    names = NAMES[_group(at.post.country)]
    given_native, given_latin = rng.choice(names["given"])
    family_native, family_latin = rng.choice(names["family"])
    return User(
        uuid=_uuid4(rng),
        username=f"{given_latin.lower()}.r{number:06d}",
        role=Role.LEARNER,
        full_name_native=f"{given_native} {family_native}" if given_native else "",
        full_name_latin=f"{given_latin} {family_latin}",
        service_number=f"R{number:06d}",
        agency=at.agency,
        rank=template.officer["rank"],
        country=at.post.country,
        post=at.post,
        preferred_language=template.officer["preferred_language"],
        password=password,
        date_joined=template.officer["date_joined"] - shift,
    )


@dataclass
class _Copy:
    """What a copy of one template's rows needs to know."""

    officer: User
    at: RegionPost
    shift: datetime.timedelta
    numbers: _Numbers
    rng: random.Random
    validity: dict[uuid.UUID, int]
    attempts: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)

    def stamp(self, row: dict) -> dict:
        self.numbers.seq[self.at.node_id] += 1
        return {
            **row,
            "id": _uuid4(self.rng),
            "origin_node": self.at.node_id,
            "origin_seq": self.numbers.seq[self.at.node_id],
            "recorded_at": row["recorded_at"] - self.shift,
        }

    def learner_record(self, row: dict) -> dict:
        actor = self.at.coordinator.pk if row["actor_id"] is not None else None
        return {**self.stamp(row), "learner_id": self.officer.pk, "actor_id": actor}

    def quiz_attempt(self, row: dict) -> dict:
        copy = self.stamp(row)
        self.attempts[row["id"]] = copy["id"]
        deadline = row["deadline"] - self.shift if row["deadline"] else None
        return {**copy, "learner_id": self.officer.pk, "deadline": deadline}

    def quiz_submission(self, row: dict) -> dict:
        return {**self.stamp(row), "attempt_id": self.attempts[row["attempt_id"]]}

    def profile_record(self, row: dict) -> dict:
        identity = profile_schema.encode(self.officer)
        data = {**row["data"], **{k: identity[k] for k in IDENTITY_FIELDS}}
        if data.get("date_joined"):
            data["date_joined"] = identity["date_joined"]
        return {**self.stamp(row), "officer_uuid": self.officer.uuid, "data": data}

    def certificate(self, row: dict) -> dict:
        copy = self.stamp(row)
        issued_on = timezone.localdate(copy["recorded_at"])
        months = self.validity.get(row["course_key"])
        expires_on = add_months(issued_on, months) if row["expires_on"] and months else None
        node = self.at.node_id
        self.numbers.serial[node, issued_on.year] += 1
        code = make_code(
            country=self.at.post.country,
            year=issued_on.year,
            serial=self.numbers.serial[node, issued_on.year],
            node_char=self.at.node_char,
            secret=self.rng.randbytes(SECRET_BYTES),
        )
        claims = dataclasses.replace(
            read_payload(row["payload"]),
            certificate_id=copy["id"],
            code=code,
            holder=self.officer.full_name_latin or self.officer.full_name_native,
            issued_on=issued_on,
            expires_on=expires_on,
            issuer=node,
        )
        return {
            **copy,
            "code": code,
            "holder_id": self.officer.pk,
            "holder_native": self.officer.full_name_native,
            "holder_latin": self.officer.full_name_latin,
            "issued_on": issued_on,
            "expires_on": expires_on,
            "payload": sign_payload(claims, self.at.key),
        }

    def rows(self, template: Template) -> Iterator[tuple[type, dict]]:
        copiers: dict[type, Callable[[dict], dict]] = {
            LearnerRecord: self.learner_record,
            QuizAttempt: self.quiz_attempt,
            QuizSubmission: self.quiz_submission,
            Certificate: self.certificate,
            ProfileRecord: self.profile_record,
        }
        for model, row in template.rows:
            yield model, copiers[model](row)


@dataclass(frozen=True)
class RegionProgress:
    officers: int
    records: int


def region_seed(
    *,
    posts: int,
    officers: int,
    records: int,
    seed: int = 1,
    password: str,
    per_group: int = 20,
    batch: int = 400,
) -> Iterator[RegionProgress]:
    """Seed ``posts`` posts with officers copied from templates until at least ``officers``
    officers and ``records`` records were made; one transaction per ``batch`` officers, after
    each of which it yields the totals so far. The same seed on the same content gives the
    same officers and activity. Preconditions: a live course on this node (else SeedingError);
    ``password`` is the plain password of every seeded officer and coordinator."""
    region = region_posts_ensure(posts=posts, seed=seed, password=password)
    password_hash = make_password(password)
    templates = templates_capture(
        posts=region, per_group=per_group, seed=seed, password_hash=password_hash
    )
    numbers = _Numbers.read([p.node_id for p in region])
    validity = dict(
        CoursePage.objects.filter(certificate_validity_months__isnull=False).values_list(
            "translation_key", "certificate_validity_months"
        )
    )
    rng = random.Random(seed + 1)  # noqa: S311 (a repeatable plan, not a secret)
    number = User.objects.filter(post__in=[p.post for p in region]).count()
    made = made_records = 0
    while made < officers or made_records < records:
        with transaction.atomic():
            chosen = []
            wanted = officers - made if made < officers else (records - made_records) // 20
            for index in range(made, made + max(1, min(batch, wanted))):
                at = region[index % len(region)]
                number += 1
                template = rng.choice(templates[_group(at.post.country)])
                shift = datetime.timedelta(seconds=rng.uniform(3600, YEAR.total_seconds()))
                officer = _officer_copy(
                    template=template,
                    at=at,
                    number=number,
                    shift=shift,
                    rng=rng,
                    password=password_hash,
                )
                chosen.append((officer, at, template, shift))
            User.objects.bulk_create([officer for officer, *_rest in chosen])
            before = {p.node_id: numbers.seq[p.node_id] for p in region}
            rows: dict[type, list] = defaultdict(list)
            for officer, at, template, shift in chosen:
                copy = _Copy(
                    officer=officer,
                    at=at,
                    shift=shift,
                    numbers=numbers,
                    rng=rng,
                    validity=validity,
                )
                for model, row in copy.rows(template):
                    rows[model].append(row)
            for model in COPIED:
                rows_write(model, rows[model])
            # The hub now holds these numbers of each post's (ADR 0030), as an import notes.
            held_add(
                {
                    node: [[first + 1, numbers.seq[node]]]
                    for node, first in before.items()
                    if numbers.seq[node] > first
                }
            )
        made += len(chosen)
        made_records += sum(len(r) for r in rows.values())
        yield RegionProgress(officers=made, records=made_records)
    tables_analyze((User, *COPIED))
