"""A node speaks only for what is its own, between real nodes: a post that changes another
post's officer (password, active flag, names, post) is refused at headquarters (its packet
carried there by a third post) and at a post it sends it to directly, reported per record; the
home post's, the hub's and a former post's earlier changes apply; an officer visiting another
post still learns there."""

from __future__ import annotations

from tests.multinode.harness import carry, hub_two_posts_and_chenda

DEMO_PASSWORD = "border-demo-2026"


def test_a_post_cannot_change_another_posts_officer(network):
    hub, poipet, aranya = hub_two_posts_and_chenda(network)

    # Headquarters sends Chenda to Aranyaprathet, whose administrator then sets her rank; before
    # that change reaches headquarters, headquarters sends her back to Poipet.
    hub.fn("officer_update", username="chenda", post_code="th-aranyaprathet")
    carry(hub, aranya, network.files, "to-aranya", "--for", aranya.node_id)
    aranya.fn("officer_update", username="chenda", rank="Corporal")
    hub.fn("officer_update", username="chenda", post_code="kh-poipet")
    carry(hub, aranya, network.files, "back-to-poipet", "--for", aranya.node_id)

    # Visiting Aranyaprathet, she learns there; its administrator also "fixes" her profile.
    aranya.fn("course_learn", username="chenda", course_code="WLC-101", modules=[1])
    aranya.fn(
        "officer_update",
        username="chenda",
        password="taken-over-2026",
        is_active=False,
        full_name_latin="Someone Else",
        post_code="th-aranyaprathet",
    )
    # Its packet for headquarters travels by way of Poipet, which carries it and applies nothing.
    carried = carry(aranya, poipet, network.files, "aranya-via-poipet")
    assert carried["relayed"] > 0 and carried["rejected"] == [], carried
    assert poipet.fn("officer_profile", username="chenda")["full_name_latin"] == "Chenda Sok"
    summary = carry(poipet, hub, network.files, "poipet-with-aranya")

    # Headquarters: the learning and the change made while she was Aranyaprathet's are in;
    # the later change is refused, reported per record with its reason, and kept for an
    # administrator.
    assert summary["tables"]["learner_record"]["new"] > 0, summary
    [refused] = summary["rejected"]
    assert refused["table"] == "profile_record" and refused["origin"] == aranya.node_id
    assert "belongs to Poipet" in refused["reason"], refused
    assert "Not applied" in refused["reason"]
    # Her rank change and the transfer back share a profile version number: the higher node id
    # wins the tie, as everywhere (ADR 0007); the transfer holds either way.
    assert hub.fn("officer_profile", username="chenda") == {
        "full_name_latin": "Chenda Sok",
        "rank": "Corporal" if aranya.node_id > hub.node_id else "",
        "is_active": True,
        "post": "kh-poipet",
        "password_ok": True,
    }
    assert [r["reason"] for r in hub.fn("rejected_records")] == [refused["reason"]]
    admin_page = hub.fn(
        "browse",
        username="admin",
        password=DEMO_PASSWORD,
        path="/django-admin/recordsync/rejectedrecord/",
    )
    assert admin_page["status"] == 200 and "belongs to Poipet" in admin_page["text"]
    assert hub.fn("course_progress", username="chenda", course_code="WLC-101")["percent"] > 0

    # Poipet (her home post) and headquarters change her profile; each change is applied.
    carry(hub, poipet, network.files, "catch-up", "--for", poipet.node_id)
    poipet.fn("officer_update", username="chenda", full_name_latin="Chenda Sok Mey")
    assert carry(poipet, hub, network.files, "poipet-2")["rejected"] == []
    hub.fn("officer_update", username="chenda", rank="Sergeant")
    at_poipet = carry(hub, poipet, network.files, "to-poipet", "--for", poipet.node_id)
    assert at_poipet["rejected"] == [], at_poipet
    expected = {
        "full_name_latin": "Chenda Sok Mey",
        "rank": "Sergeant",
        "is_active": True,
        "post": "kh-poipet",
        "password_ok": True,
    }
    assert hub.fn("officer_profile", username="chenda") == expected
    assert poipet.fn("officer_profile", username="chenda") == expected

    # Aranyaprathet's altered software addresses its records to Poipet directly: Poipet
    # refuses the profile change, says why, and keeps her learning (she is in its records).
    forged = network.files / "aranya-to-poipet.packet"
    aranya.fn("packet_forge_for", recipient=poipet.node_id, path=str(forged))
    shown = poipet.call("sync_import", forged)
    assert "1 record was refused:" in shown.stdout, shown.output
    assert "belongs to Poipet" in shown.stdout
    assert poipet.fn("officer_profile", username="chenda") == expected
    assert (
        poipet.fn("officer_profile", username="chenda", password="taken-over-2026")["password_ok"]
        is False
    )
    assert poipet.fn("course_progress", username="chenda", course_code="WLC-101")["percent"] > 0
