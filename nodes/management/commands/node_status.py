"""``manage.py node_status``: who this node is, whom it trusts, and what it last exchanged."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from nodes.identity import node_identity
from nodes.models import NodeRole, Peer, PeerExchange
from nodes.selectors import clock_behind, hub_peer, is_hub, this_node
from nodes.wording import describe_duration


def _when(moment) -> str:
    if moment is None:
        return "never"
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


class Command(BaseCommand):
    help = "Show this node's role and identity, its hub or posts, and the last exchanges."

    def handle(self, *args, **options):
        identity = node_identity()
        node = this_node()
        role = "headquarters (hub)" if is_hub() else "border post"
        self.stdout.write(f"Role:        {role}")
        if node.name:
            self.stdout.write(f"Name:        {node.name}")
        self.stdout.write(f"Node id:     {identity.node_id}")
        self.stdout.write(f"Public key:  {identity.public_key_bytes.hex()}")
        behind = clock_behind()
        if behind is not None:
            self.stdout.write(
                self.style.WARNING(
                    f"Clock:       this computer's clock is {describe_duration(behind)} behind "
                    "headquarters. Records keep their order, but correct the date."
                )
            )
        if not is_hub():
            hub = hub_peer()
            if hub is None:
                self.stdout.write(
                    "Hub:         not enrolled yet (python manage.py enrol FILE --code CODE)"
                )
            else:
                state = " (waiting for the hub to confirm)" if hub.pending_claim else ""
                self.stdout.write(f"Hub:         {hub.name} {hub.node_id}{state}")
                if hub.url:
                    self.stdout.write(f"Hub address: {hub.url}")
        peers = Peer.objects.all()
        if is_hub():
            peers = peers.filter(role=NodeRole.POST)
        title = "Posts" if is_hub() else "Nodes this post knows"
        self.stdout.write(f"{title}: {peers.count()}")
        for peer in peers:
            self.stdout.write(f"  {peer.name} [{peer.post_code or peer.role}] {peer.node_id}")
            for direction in (PeerExchange.Direction.SENT, PeerExchange.Direction.RECEIVED):
                last = (
                    PeerExchange.objects.filter(peer_id=peer.node_id, direction=direction)
                    .order_by("-at", "-id")
                    .first()
                )
                if last is None:
                    self.stdout.write(f"    last {direction}: never")
                else:
                    self.stdout.write(
                        f"    last {direction}: {last.what}, {last.count} item(s), {_when(last.at)}"
                    )
