"""How an app declares a table of node records that syncs, and what sync must do for it beyond
inserting rows.

The app that owns a record model declares it in its own ``synced`` module, as a list named
``SYNCED`` of ``SyncedTable``; ``recordsync`` finds every installed app's ``synced`` module and
moves the rows of each declared table by union (``recordsync.registry``). The order between
tables comes from what their columns refer to, never from a list kept in ``recordsync``: a
record that refers to another (a submission to its attempt) comes after it, and a record that
refers to an officer comes after the table whose rows make officers (``makes_officers``).

The vocabulary lives here, in the lowest layer, because the apps that declare tables (officers,
quizzes, learning, certificates) may not import ``recordsync``, which sits above them.

Hooks take and return plain values. A *wire row* is a dict from column name to the value a
chunk carries (UUIDs as 32 hex digits, JSON as its text, times in ISO 8601); a *key* is a
row's ``(origin hex, seq)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise

WireRow = dict[str, Any]
RowKey = tuple[str, int]
# (learner pk, course key): whose derived state in which course new rows may change.
Pairs = set[tuple[int, uuid.UUID]]
# What new rows say of themselves (a *topic*: "learning.completion"), each with its pairs. A
# topic is named by the app that owns the rows, in its own words; a derive step says which
# topics it hears (``SyncedTable.derive_on``), so an app never names a higher layer's step.
Touched = dict[str, Pairs]


@dataclass(frozen=True)
class SharedParts:
    """Parts that rows of a table share, stored once at each node and named in the rows by
    the SHA-256 of their text (a quiz question as drawn, named in thousands of attempts).

    ``column`` is the wire column whose value names them; ``named(value)`` the names one value
    holds; ``texts(names)`` the texts held here (name -> text); ``keep(parts)`` stores parts
    already checked (each text's SHA-256 is its name); ``held(names)`` those stored here. A
    chunk carries the parts its rows name; the receiving node, once the new rows have passed
    the table's own checks, keeps the parts they name that it lacks (each checked first), and
    refuses a row that names a part it still does not hold."""

    column: str
    named: Callable[[Any], set[str]]
    texts: Callable[[set[str]], dict[str, str]]
    keep: Callable[[dict[str, str]], None]
    held: Callable[[set[str]], set[str]]


@dataclass(frozen=True)
class SyncedTable:
    """A table of node records (``nodes.records.NodeRecord``) that syncs.

    ``name`` is the table's name on the wire (in every chunk: never rename it), ``model_label``
    the Django model, ``scope`` the lookup from a row to the UUID of the officer it is about
    (the hub sends a post the records of its officers), ``label`` what the operator reads.

    Hooks, each optional:

    - ``missing``: the reason a row waits when a record it refers to (a row of this table) has
      not arrived yet, with ``%(id)s`` for its id.
    - ``makes_officers``: its rows describe officers (one officer per ``scope`` value) and make
      the officers other tables' rows refer to. It applies before them, and the hub sends a
      post these rows for every officer its other rows name (``officers_at_post`` says which
      officers belong to a post; ``for_outsiders`` changes a row about an officer who does not
      belong to it).
    - ``malformed``: rows that this node cannot read, with the reason; checked for rows from
      every source (the hub's included), each refused alone.
    - ``refused``: rows their maker may not write, with the reason; not asked at a post for
      rows the hub signed (the hub sends only what it accepted).
    - ``after_insert_rows``: what must follow inserting new rows, given as wire rows (nothing
      read back from the database); returns notices for the operator.
    - ``touches``: ``touches(new rows, officers)`` (officers: uuid hex -> pk here) says whose
      derived state the new rows may change, by topic (``Touched``: what kind of change it is,
      in the words of the app that owns the rows); sync notes it in the applying transaction.
    - ``derive``: declared by the app that owns the derived state, on one of its tables, with
      ``derive_on``, the topics it hears. After an import, sync calls every declared ``derive``
      once with the pairs noted under those topics (also what an interrupted import noted),
      and never with a pair no topic it hears named.
    - ``to_posts``: False for a table whose rows go up only: the hub keeps them and sends a
      post none (``scope`` is then not read, and may be "" for rows about no officer).
    - ``of_post``: ``of_post(post code)``, a filter of the rows about no officer that belong to
      that post all the same (a post's cohort): the hub sends them to it with its officers'.
    - ``shared``: ``SharedParts`` that the rows name and a chunk carries with them.
    - ``before_export``: called when this node writes a packet, before its rows are read (in
      its own transaction): e.g. the audit trail signs a checkpoint the packet then carries.
    """

    name: str
    model_label: str
    scope: str
    label: str
    missing: str | Promise = ""
    makes_officers: bool = False
    officers_at_post: Callable[[str], Iterable[uuid.UUID]] | None = None
    for_outsiders: Callable[[WireRow], WireRow] | None = None
    malformed: Callable[[list[WireRow]], dict[RowKey, str]] | None = None
    refused: Callable[[list[WireRow]], dict[RowKey, str]] | None = None
    after_insert_rows: Callable[[list[WireRow]], list[str]] | None = None
    touches: Callable[[list[WireRow], dict[str, int]], Touched] | None = None
    derive: Callable[[Pairs], None] | None = None
    derive_on: frozenset[str] = frozenset()
    to_posts: bool = True
    of_post: Callable[[str], Q] | None = None
    before_export: Callable[[], None] | None = None
    shared: SharedParts | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)
