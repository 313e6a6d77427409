"""Property-based tests (Hypothesis) of what a bundle file can hold: the manifest reader and the
whole import. Whatever the bytes, each returns a result or raises its one documented error
(``ManifestError``, ``BundleError``), and a refused bundle leaves the post as it was."""

from __future__ import annotations

import contextlib
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursebundles import manifest as mf
from coursebundles.services import BundleError, bundle_export, bundle_import
from nodes.container import open_container, write_container

from .conftest import build_rich_course, wipe_course
from .test_refusals import post_state

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)


@given(st.binary(max_size=2000))
def test_the_manifest_reader_takes_any_bytes(data):
    with contextlib.suppress(mf.ManifestError):
        assert isinstance(mf.manifest_read(data), dict)


@given(JSON)
def test_the_manifest_reader_takes_any_json(value):
    data = gzip.compress(json.dumps(value).encode())
    with pytest.raises(mf.ManifestError):
        mf.manifest_read(data)


def test_a_gzip_bomb_stops_at_the_limit():
    bomb = gzip.compress(b"\0" * (80 * 1024 * 1024))  # 80 MB of zeros in 80 kB
    assert len(bomb) < 200 * 1024
    with pytest.raises(mf.ManifestError, match="larger than"):
        mf.manifest_read(bomb, limit=1024 * 1024)


def _paths(value, prefix=()):
    """Every path into a JSON value (keys and indexes), the value's own first."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:3]):
            yield from _paths(inner, (*prefix, index))


def _mutated(manifest: dict, path: tuple, value, delete: bool) -> dict:
    copy = json.loads(json.dumps(manifest))
    if not path:
        return value if not delete else {}
    target = copy
    for step in path[:-1]:
        target = target[step]
    if delete and isinstance(target, dict):
        target.pop(path[-1])
    else:
        target[path[-1]] = value
    return copy


@pytest.fixture
def signed(nodes, tmp_path, settings):
    """A real bundle, the hub's identity to sign altered copies as the hub would, and the post."""
    hub = nodes.hub()
    rich = build_rich_course()
    path = tmp_path / "bnd-101.bundle"
    bundle_export(course_code="BND-101", path=path)
    container = open_container(path, kinds={mf.KIND}, key_for=lambda _s, _m: hub.public_key)
    manifest = json.loads(gzip.decompress(container.read(mf.MANIFEST_PART)))
    media = [(p.name, container.read(p.name)) for p in container.parts[1:]]
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    nodes.post()
    return hub, container.meta, manifest, media


# Whole imports are slow: a few dozen signed bundles per property, fixtures shared by examples.
SIGNED_EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@SIGNED_EXAMPLES
@given(data=st.data())
def test_a_signed_bundle_with_any_manifest_installs_or_is_refused_whole(
    signed, tmp_path, settings, data
):
    """Even signed by the hub (a bug or a stolen key), a manifest of any shape is installed or
    refused with BundleError, and a refused one leaves the post's database and media as they
    were."""
    hub, meta, manifest, media = signed
    path = data.draw(st.sampled_from(list(_paths(manifest))))
    changed = _mutated(manifest, path, data.draw(JSON), data.draw(st.booleans()))
    if isinstance(changed, dict):
        changed["content_sha"] = mf.content_sha(changed)
    fields = ("bundle_id", "created", "content_sha")
    new_meta = {
        **meta,
        **({k: changed.get(k) for k in fields} if isinstance(changed, dict) else {}),
    }
    bundle = tmp_path / "changed.bundle"
    write_container(
        bundle,
        kind=mf.KIND,
        meta=new_meta,
        parts=[(mf.MANIFEST_PART, gzip.compress(json.dumps(changed).encode())), *media],
        identity=hub,
    )
    before = post_state(settings.MEDIA_ROOT)
    try:
        bundle_import(path=bundle)
    except BundleError:
        assert post_state(settings.MEDIA_ROOT) == before, path


@pytest.mark.django_db
def test_a_signed_bundle_whose_manifest_is_a_bomb_is_refused_before_writing(
    signed, tmp_path, settings
):
    hub, meta, _manifest, media = signed
    bundle = tmp_path / "bomb.bundle"
    bomb = gzip.compress(b" " * (mf.MAX_MANIFEST_BYTES + 1024))
    write_container(
        bundle, kind=mf.KIND, meta=meta, parts=[(mf.MANIFEST_PART, bomb), *media], identity=hub
    )
    before = post_state(settings.MEDIA_ROOT)
    with pytest.raises(BundleError, match="malformed"):
        bundle_import(path=bundle)
    assert post_state(settings.MEDIA_ROOT) == before
