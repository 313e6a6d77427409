"""Officers (the user model), agencies, border posts and coordinator scopes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from nodes.records import NodeRecord

from .countries import COUNTRIES, COUNTRY_NAMES


class Role(models.TextChoices):
    LEARNER = "learner", _("Learner")
    TRAINER = "trainer", _("Trainer")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


class Agency(models.Model):
    """A law-enforcement agency, e.g. a national police's immigration bureau."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="agency_unique_name")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class BorderPost(models.Model):
    """A border post or training centre: where officers learn; a post that runs its own node
    is the ``Peer`` whose ``post_code`` is its code."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)

    class Meta:
        verbose_name = _("border post")
        verbose_name_plural = _("border posts")
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({COUNTRY_NAMES.get(self.country, self.country)})"


class User(AbstractUser):
    """Anyone who logs in. Officers' profile fields live here, so every page needs one row.

    ``uuid`` is the identity that travels between nodes; the integer key is local.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEARNER)
    full_name_native = models.CharField(
        _("full name (own script)"),
        max_length=200,
        blank=True,
        help_text=_("As written in the officer's own language and script."),
    )
    full_name_latin = models.CharField(
        _("full name (Latin letters)"),
        max_length=200,
        blank=True,
        help_text=_("As in the officer's passport or service card."),
    )
    service_number = models.CharField(_("service number"), max_length=40, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    rank = models.CharField(_("rank"), max_length=80, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True)
    post = models.ForeignKey(
        BorderPost,
        verbose_name=_("border post"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # Set when a coordinator sets the password (they know it): the officer chooses their own at
    # the next log-in before anything else (officers.middleware). Travels with the profile.
    must_change_password = models.BooleanField(
        _("must change password at next log-in"), default=False
    )

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "service_number"],
                condition=~models.Q(service_number=""),
                name="officer_unique_service_number",
            )
        ]
        # A country coordinator's officers (``selectors.officers_visible_to``): every count of
        # the dashboard and the lists asks for them, found here rather than by reading every
        # user of the region.
        indexes = [
            models.Index(fields=["country", "role", "is_active"], name="officer_country_role")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return (
            self.full_name_native or self.full_name_latin or self.get_full_name() or self.username
        )

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATOR

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_trainer(self) -> bool:
        return self.role == Role.TRAINER

    @property
    def reads_without_enrolling(self) -> bool:
        """Staff (trainers, coordinators, administrators) open lessons and checks to review
        them, without enrolling and without their reading being recorded."""
        return self.is_administrator or self.is_trainer or self.is_coordinator


class CoordinatorScope(models.Model):
    """One country or one post a coordinator manages. A coordinator may hold several."""

    coordinator = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="scopes",
        limit_choices_to={"role": Role.COORDINATOR},
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True)
    post = models.ForeignKey(BorderPost, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("coordinator scope")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(country="") & models.Q(post__isnull=False))
                | (~models.Q(country="") & models.Q(post__isnull=True)),
                name="scope_is_country_or_post",
            )
        ]

    def __str__(self) -> str:
        return str(self.post) if self.post_id else str(COUNTRY_NAMES.get(self.country))


class PostCode(models.Func):
    """The post code a profile version names (``"post": {"code": ...}``), as text. Indexed, and
    what a query by post filters on. Its SQL has no parameter and does not vary: SQLite uses an
    index on an expression only for the same expression, and Django's JSON key lookups spell
    theirs with a bound path and a set's order."""

    output_field = models.CharField()
    template = "(%(expressions)s #>> '{post,code}')"

    def __init__(self) -> None:
        super().__init__(models.F("data"))

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="json_extract(%(expressions)s, '$.post.code')"
        )


class ProfileRecord(NodeRecord):
    """One version of an officer's profile, as a node saw it: how profile changes travel.

    The ``User`` row is mutable and local; this record is the immutable fact that syncs. A node
    writes one whenever an officer's synced fields change (``officers.receivers``), and applies
    imported ones with ``officers.services.profile_apply``. ``clock`` is a per-officer Lamport
    counter (one more than the highest this node had seen for the officer), so the winning version
    is the one with the highest ``(clock, origin_node)`` on every node, whatever order records
    arrive in and whatever the nodes' wall clocks say.
    """

    officer_uuid = models.UUIDField(_("officer"))
    clock = models.PositiveBigIntegerField(_("profile version"))
    data = models.JSONField(_("profile"))

    class Meta(NodeRecord.Meta):
        verbose_name = _("profile record")
        ordering = ["officer_uuid", "clock", "origin_node"]
        indexes = [
            models.Index(fields=["officer_uuid", "clock"], name="profile_officer_clock"),
            # The post a version names: what a hub sends a post (selectors.officer_uuids_for_post)
            # is read from here, not from every officer's profile in the region.
            models.Index(PostCode(), name="profile_post"),
        ]

    def __str__(self) -> str:
        name = self.data.get("username", "") if isinstance(self.data, dict) else ""
        return f"{name} v{self.clock} ({self.origin_node}:{self.origin_seq})"
