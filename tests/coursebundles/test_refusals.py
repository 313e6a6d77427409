"""Bundles a post must refuse: damaged, cut short, unsigned, from another headquarters, or that
cannot be installed. Each is refused with a message an operator understands, and the post's
database and media folder are exactly as before."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page

from coursebundles.models import BundleObject, InstalledBundle
from coursebundles.services import BundleError, bundle_export, bundle_import
from courses.models import CoursePage
from nodes.container import MAGIC, SIGNATURE_SIZE, write_container
from nodes.models import Peer
from tests.conftest import build_course

from .conftest import build_rich_course, media_listing, wipe_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle(nodes, tmp_path, settings):
    nodes.hub()
    rich = build_rich_course()
    path = tmp_path / "bnd-101.bundle"
    bundle_export(course_code="BND-101", path=path)
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    nodes.post()
    return path


def post_state(media_root) -> dict:
    return {
        "pages": sorted(Page.objects.values_list("pk", "live", "latest_revision_id")),
        "images": get_image_model().objects.count(),
        "installed": InstalledBundle.objects.count(),
        "mapped": BundleObject.objects.count(),
        "media": media_listing(Path(media_root)),
    }


def layout(data: bytes) -> dict[str, int]:
    """Offsets of the container's regions: magic, header, signature, manifest and media parts."""
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    header_start = len(MAGIC) + 4
    header = json.loads(data[header_start : header_start + length])
    signature = header_start + length
    first_part = signature + SIGNATURE_SIZE
    manifest_size = header["parts"][0]["size"]
    media = first_part + manifest_size
    return {
        "magic": 3,
        "length": len(MAGIC) + 2,
        "header start": header_start + 1,
        "header middle": header_start + length // 2,
        "header end": signature - 2,
        "signature": signature + 10,
        "manifest": first_part + manifest_size // 2,
        "a media part": media + header["parts"][1]["size"] // 2,
        "the last byte": len(data) - 1,
    }


def test_one_flipped_byte_anywhere_is_refused_and_changes_nothing(bundle, tmp_path, settings):
    data = bundle.read_bytes()
    before = post_state(settings.MEDIA_ROOT)
    messages = set()
    for where, offset in layout(data).items():
        for flip in (0x01, 0x80):
            damaged = bytearray(data)
            damaged[offset] ^= flip
            target = tmp_path / "damaged.bundle"
            target.write_bytes(bytes(damaged))
            with pytest.raises(BundleError) as refused:
                bundle_import(path=target)
            messages.add(str(refused.value))
            assert post_state(settings.MEDIA_ROOT) == before, where
    assert messages and all("nothing" in m.lower() or "not a course bundle" in m for m in messages)
    assert any("damaged or was changed after it was signed" in m for m in messages)


def test_a_bundle_cut_short_or_with_bytes_added_is_refused(bundle, tmp_path, settings):
    data = bundle.read_bytes()
    before = post_state(settings.MEDIA_ROOT)
    regions = layout(data)
    cuts = [5, 12, regions["header middle"], regions["signature"], regions["manifest"]]
    cuts += [regions["a media part"], len(data) - 1]
    for cut in cuts:
        target = tmp_path / "short.bundle"
        target.write_bytes(data[:cut])
        with pytest.raises(BundleError, match=r"incomplete|damaged"):
            bundle_import(path=target)
        assert post_state(settings.MEDIA_ROOT) == before, cut
    target.write_bytes(data + b"\0")
    with pytest.raises(BundleError, match="damaged"):
        bundle_import(path=target)
    assert post_state(settings.MEDIA_ROOT) == before


def test_a_bundle_from_another_headquarters_is_refused(bundle, nodes, tmp_path, settings):
    nodes.be("rogue", "hub")
    build_course(code="RGE-101")
    foreign = tmp_path / "rogue.bundle"
    bundle_export(course_code="RGE-101", path=foreign)
    nodes.post()
    before = post_state(settings.MEDIA_ROOT)
    with pytest.raises(
        BundleError, match="not made by the headquarters this post is enrolled with"
    ):
        bundle_import(path=foreign)
    assert post_state(settings.MEDIA_ROOT) == before


def test_files_that_are_not_signed_bundles_are_refused(bundle, nodes, tmp_path, settings):
    before = post_state(settings.MEDIA_ROOT)
    zipped = tmp_path / "course.zip"
    zipped.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    with pytest.raises(BundleError, match="not a course bundle"):
        bundle_import(path=zipped)
    with pytest.raises(BundleError, match="There is no file"):
        bundle_import(path=tmp_path / "missing.bundle")
    # A signed file of another kind (a sync packet) is not a bundle either.
    nodes.hub()
    packet = tmp_path / "records.packet"
    write_container(packet, kind="packet", meta={}, parts=[])
    nodes.post()
    with pytest.raises(BundleError, match="sync packet, not a course bundle"):
        bundle_import(path=packet)
    assert post_state(settings.MEDIA_ROOT) == before


def test_only_an_enrolled_post_installs_bundles(bundle, nodes):
    nodes.hub()
    with pytest.raises(BundleError, match="headquarters is where courses are edited"):
        bundle_import(path=bundle)
    nodes.post()
    Peer.objects.filter(role="hub").delete()
    with pytest.raises(BundleError, match="not enrolled with headquarters"):
        bundle_import(path=bundle)


def test_a_failure_while_installing_leaves_no_file_and_no_row(bundle, settings):
    # A course of this post already uses the code: the course cannot be installed.
    build_course(code="BND-101", slug="local-copy")
    before = post_state(settings.MEDIA_ROOT)
    with pytest.raises(BundleError, match=r"could not be installed.*Nothing was changed"):
        bundle_import(path=bundle)
    assert post_state(settings.MEDIA_ROOT) == before
    assert CoursePage.objects.filter(code="BND-101").count() == 1
