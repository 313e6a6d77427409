"""Nodes running different profile schemas, between real nodes: an older post's version without
a field the hub has applies there with the field's default; a newer post's version with a field
the hub lacks applies for what the hub knows and reaches another post unchanged, by the hub."""

from __future__ import annotations

from tests.multinode.harness import carry, hub_two_posts_and_chenda


def test_profiles_of_an_older_and_a_newer_schema_apply_and_travel_on(network):
    hub, poipet, aranya = hub_two_posts_and_chenda(network)
    hub.fn("officer_update", username="chenda", rank="Corporal")
    carry(hub, poipet, network.files, "rank", "--for", poipet.node_id)

    # Poipet runs a schema from before the rank existed: its change carries no rank.
    poipet.fn(
        "profile_version_write",
        username="chenda",
        drop=["rank"],
        extra={},
        full_name_latin="Chenda Sok Dara",
    )
    summary = carry(poipet, hub, network.files, "older")
    assert summary["rejected"] == [], summary
    profile = hub.fn("officer_profile", username="chenda")
    assert (profile["full_name_latin"], profile["rank"]) == ("Chenda Sok Dara", "")

    # Poipet upgraded past the hub: its change carries a field the hub does not know.
    extra = {"v": 3, "badge_number": "B-77"}
    poipet.fn(
        "profile_version_write",
        username="chenda",
        drop=[],
        extra=extra,
        full_name_latin="Chenda Sok",
    )
    summary = carry(poipet, hub, network.files, "newer")
    assert summary["rejected"] == [], summary
    assert hub.fn("officer_profile", username="chenda")["full_name_latin"] == "Chenda Sok"
    newest = hub.fn("profile_versions", username="chenda")[0]
    assert newest["badge_number"] == "B-77" and newest["v"] == 3

    # Headquarters sends her to Aranyaprathet: her versions reach it as Poipet made them.
    hub.fn("officer_transfer", username="chenda", post_code="th-aranyaprathet")
    summary = carry(hub, aranya, network.files, "to-aranya", "--for", aranya.node_id)
    assert summary["rejected"] == [], summary
    held = aranya.fn("profile_versions", username="chenda")
    assert any(version.get("badge_number") == "B-77" for version in held)
    profile = aranya.fn("officer_profile", username="chenda")
    assert (profile["full_name_latin"], profile["post"]) == ("Chenda Sok", "th-aranyaprathet")
